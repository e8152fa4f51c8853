// Starting the explore server in the test process, and raw HTTP requests to it (raw, so that tests can
// send foreign Host and Origin headers and unnormalised paths that fetch() would rewrite).
import { request } from 'node:http';
import { resolve } from 'node:path';
import { cpuBackend } from '../../src/backends/cpu.js';
import { startExploreServer, type ExploreServer } from '../../src/explore/server.js';
import { COHERENT_DIR, DARKCAST_DIR, REPO_ROOT, requireShared } from '../helpers/shared.js';

export const DATA_DIRS = { coherent: requireShared(COHERENT_DIR), darkcast: requireShared(DARKCAST_DIR) };

export function startTestServer(): Promise<ExploreServer> {
  const assets = resolve(REPO_ROOT, 'dist', 'explore-page');
  return startExploreServer({
    port: 0,
    dataDirs: DATA_DIRS,
    assets: { html: resolve(assets, 'index.html'), js: resolve(assets, 'explore.js') },
    serverBackend: async () => ({ backend: cpuBackend(), reason: 'cpu (tests)' }),
  });
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export function raw(
  port: number,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: { host: `127.0.0.1:${port}`, ...o.headers } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => done({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', fail);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** A POST of JSON with the token header. */
export function post(server: ExploreServer, path: string, value: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(server.port, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', 'x-u1x-token': server.token, ...headers },
    body: JSON.stringify(value),
  });
}

/** A small view: L_mu - L_tau at eps = 1e-4 on a 16 x 12 map with a few constraints. */
export const SMALL_VIEW = {
  models: 'Lmu-Ltau',
  mx: { min: 0.003, max: 3, n: 16, scale: 'log' },
  gx: { min: 1e-5, max: 0.1, n: 12, scale: 'log' },
  eps: 1e-4,
  constraints: ['amu', 'borexino', 'ccfr', 'bbn'],
};
