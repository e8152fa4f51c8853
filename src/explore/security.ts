// The explore server's gate: every request must come to 127.0.0.1 under our own Host name (a page from
// another site that rebinds its DNS name to 127.0.0.1 sends its own name: refused), from our own Origin
// when the browser names one, and carry the random token printed with the URL. Paths are matched against a
// fixed table of routes; nothing of a request path ever reaches the file system.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-u1x-token';

/** A fresh 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface Refusal {
  status: number;
  message: string;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host names a browser on this machine uses for the server. */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * The request target as a path and its token, or a refusal. Only origin-form targets ('/...') with a
 * plain path: no '..' segment, no encoded dot or slash, no backslash, no doubled slash.
 */
export function parseTarget(rawUrl: string | undefined): { path: string; token: string | null } | Refusal {
  if (!rawUrl || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { status: 400, message: 'bad request target' };
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  if (!/^(\/[A-Za-z0-9_.-]+)*\/?$/.test(path) || path.split('/').some((s) => s === '..' || s === '.'))
    return { status: 400, message: 'bad path' };
  const params = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  return { path, token: params.get('token') };
}

/** Host, Origin and token checks of one request; null when it may proceed. */
export function checkRequest(req: IncomingMessage, o: { port: number; token: string; urlToken: string | null }): Refusal | null {
  const hosts = allowedHosts(o.port);
  const host = req.headers.host;
  if (!host || !hosts.has(host.toLowerCase())) return { status: 403, message: 'unknown Host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) return { status: 403, message: 'foreign Origin' };
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://')) return { status: 403, message: 'foreign Origin' };
  const header = req.headers[TOKEN_HEADER];
  const given = typeof header === 'string' ? header : o.urlToken;
  if (given === null || !sameToken(given, o.token)) return { status: 401, message: 'missing or wrong token' };
  return null;
}
