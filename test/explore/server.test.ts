// The explore server's security and request handling (issue 16): 127.0.0.1 only, Host and Origin checks,
// the token on every request, no request path reaching the file system, body limits, validation with the
// CLI's spec schema, and a 4xx for every malformed request while the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreServer } from '../../src/explore/server.js';
import { MAX_BODY_BYTES } from '../../src/explore/server.js';
import { decodeF64 } from '../../src/explore/wire.js';
import { runCli } from '../helpers/cli.js';
import { post, raw, SMALL_VIEW, startTestServer } from './helpers.js';

let server: ExploreServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const withToken = (path: string) => `${path}${path.includes('?') ? '&' : '?'}token=${server.token}`;

describe('explore server: where it listens and who may ask', () => {
  it('prints a 127.0.0.1 URL carrying a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the page with the token and refuses it without or with a wrong one', async () => {
    const ok = await raw(server.port, { path: withToken('/') });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain(`/explore.js?token=${server.token}`);
    expect((await raw(server.port, { path: '/' })).status).toBe(401);
    // One character changed (never the same character: the token is random).
    const wrong = (server.token[0] === 'x' ? 'y' : 'x') + server.token.slice(1);
    expect((await raw(server.port, { path: `/?token=${wrong}` })).status).toBe(401);
    expect((await raw(server.port, { path: `/?token=${server.token.slice(0, -1)}` })).status).toBe(401);
    expect((await raw(server.port, { path: '/explore.js' })).status).toBe(401);
    expect((await raw(server.port, { path: withToken('/explore.js') })).status).toBe(200);
    expect((await raw(server.port, { path: '/api/options', headers: { 'x-u1x-token': server.token } })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    for (const host of ['evil.example:' + server.port, `127.0.0.1:${server.port + 1}`, 'localhost', '0.0.0.0:' + server.port]) {
      const r = await raw(server.port, { path: withToken('/'), headers: { host } });
      expect(r.status, host).toBe(403);
    }
    expect((await raw(server.port, { path: withToken('/'), headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses a foreign Origin', async () => {
    for (const origin of ['http://evil.example', `https://127.0.0.1:${server.port}`, 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const r = await post(server, '/api/kernel', SMALL_VIEW, { origin });
      expect(r.status, origin).toBe(403);
    }
  });

  it('answers only its routes: traversal, absolute and encoded paths are refused, other files are not found', async () => {
    for (const path of [
      '/../package.json',
      '/explore.js/../../package.json',
      '/%2e%2e/package.json',
      '//etc/passwd',
      '/a\\b',
      'http://x/',
    ]) {
      const r = await raw(server.port, { path: withToken(path) });
      expect(r.status, path).toBe(400);
    }
    for (const path of ['/package.json', '/index.html', '/dist/cli/main.js', '/api/nope']) {
      const r = await raw(server.port, { path: withToken(path) });
      expect(r.status, path).toBe(404);
    }
    expect((await raw(server.port, { method: 'POST', path: withToken('/'), body: '' })).status).toBe(405);
  });
});

describe('explore server: request bodies', () => {
  it('limits body size, wants JSON, and validates with the CLI spec schema', async () => {
    const big = await raw(server.port, {
      method: 'POST',
      path: '/api/kernel',
      headers: { 'content-type': 'application/json', 'x-u1x-token': server.token },
      body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20),
    });
    expect(big.status).toBe(413);
    const text = await raw(server.port, {
      method: 'POST',
      path: '/api/kernel',
      headers: { 'content-type': 'text/plain', 'x-u1x-token': server.token },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const broken = await raw(server.port, {
      method: 'POST',
      path: '/api/kernel',
      headers: { 'content-type': 'application/json', 'x-u1x-token': server.token },
      body: '{"models": ',
    });
    expect(broken.status).toBe(400);
    // The scan spec schema's own messages (scan/spec.ts): an unknown key, a wrong type, a bad axis.
    const cases: [unknown, RegExp][] = [
      [{ ...SMALL_VIEW, colour: 'red' }, /colour/],
      [{ ...SMALL_VIEW, mx: 'wide' }, /^view: mx:/],
      [{ ...SMALL_VIEW, gx: { min: 1e-5, max: 0.1, n: 0 } }, /gx\.n/],
      [{ ...SMALL_VIEW, mx: { min: 0.003, max: 3, n: 100000, scale: 'log' } }, /between 2 and 512/],
      [{ ...SMALL_VIEW, models: '../../etc/passwd' }, /models/],
      [{ ...SMALL_VIEW, models: 'model.yaml' }, /model files/],
      [{ ...SMALL_VIEW, models: 'v:1:1:1:1' }, /anomal/i],
      [{ ...SMALL_VIEW, eps: 2 }, /eps/],
      [{ ...SMALL_VIEW, constraints: ['nope'] }, /unknown constraint 'nope'/],
      [[1, 2], /scan spec object/],
    ];
    for (const [body, message] of cases) {
      const r = await post(server, '/api/kernel', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(r.body).error, JSON.stringify(body)).toMatch(message);
    }
    const badPoint = await post(server, '/api/point', { view: SMALL_VIEW, mx: -1, gx: 1e-3 });
    expect(badPoint.status).toBe(400);
    // Still serving after all of that.
    const ok = await post(server, '/api/kernel', SMALL_VIEW);
    expect(ok.status).toBe(200);
  });

  it('ships the compiled kernel and its float64 tables for a view', async () => {
    const r = await post(server, '/api/kernel', SMALL_VIEW);
    const k = JSON.parse(r.body);
    expect(k.mx).toHaveLength(16);
    expect(k.gx).toHaveLength(12);
    expect(k.mx[0]).toBeCloseTo(0.003, 15);
    expect(k.mx[15]).toBeCloseTo(3, 12);
    expect(k.wgsl).toContain('@compute');
    expect(k.constraints.map((c: { id: string }) => c.id).sort()).toEqual(['amu', 'bbn', 'borexino', 'ccfr']);
    expect(k.constraints.find((c: { id: string }) => c.id === 'amu').preferred).toBe(true);
    // The mixing value sits where the slider rewrites it.
    expect(decodeF64(k.buffers.axes)[k.mixOffset]).toBe(1e-4);
  });

  it('checks typed charges for anomalies and places models on the (alpha, R) plane (VALIDATION §6)', async () => {
    const ok = await post(server, '/api/model', { models: 'B-2Le-Ltau' });
    expect(ok.status).toBe(200);
    const m = JSON.parse(ok.body);
    // VALIDATION §6: B - 2L_e - L_tau = (1; -2, 0, -1) has alpha = -33.690 deg, R = 0.277350.
    expect(m.alpha).toBeCloseTo(-33.69, 3);
    expect(m.R).toBeCloseTo(0.27735, 5);
    const anomalous = await post(server, '/api/model', { models: 'B-Le' });
    expect(anomalous.status).toBe(400);
    expect(JSON.parse(anomalous.body).error).toMatch(/anomal/i);
    // The catalog overlay: 3B - 7L_e - 2L_tau at (-37.875 deg, 0.175412), VALIDATION §6.
    const options = JSON.parse((await raw(server.port, { path: `/api/options?token=${server.token}` })).body);
    const near = options.catalog.filter(
      (c: { alpha: number; R: number }) => Math.abs(c.alpha + 37.875) < 1e-3 && Math.abs(c.R - 0.175412) < 1e-5,
    );
    expect(near).toHaveLength(1);
    expect(options.datasets.map((d: { key: string }) => d.key)).toContain(options.bandDataset);
  });

  it('answers /api/point with what `u1x point --json` prints at that point', async () => {
    const mx = 0.05;
    const gx = 6e-4;
    const r = await post(server, '/api/point', { view: SMALL_VIEW, mx, gx });
    expect(r.status).toBe(200);
    const page = JSON.parse(r.body);
    const cli = await runCli([
      'point',
      '--model',
      'Lmu-Ltau',
      '--mx',
      String(mx),
      '--gx',
      String(gx),
      '--eps',
      '1e-4',
      '--constraints',
      SMALL_VIEW.constraints.join(','),
      '--json',
    ]);
    expect(cli.code).toBe(0);
    expect(page).toEqual(JSON.parse(cli.stdout));
  });
});
