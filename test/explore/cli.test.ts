// `u1x explore` as a command: it prints its 127.0.0.1 URL with the token, listens on no other address,
// serves until Ctrl-C and then stops cleanly (exit 0); a bad --port is a usage error.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, U1X, userLines } from '../helpers/cli.js';
import { raw } from './helpers.js';

function refusedOn(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host, port });
    s.on('connect', () => {
      s.destroy();
      done(false);
    });
    s.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED'));
  });
}

describe('u1x explore', () => {
  it('serves on 127.0.0.1 only and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [U1X, 'explore'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(stdout);
        if (m) done(m[0]);
      });
      child.on('exit', (code) => fail(new Error(`exited ${code} before printing a URL: ${stderr}`)));
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const u = new URL(url);
    const port = Number(u.port);
    expect((await raw(port, { path: `/?token=${u.searchParams.get('token')}` })).status).toBe(200);
    expect((await raw(port, { path: '/' })).status).toBe(401);
    // Another loopback address of this machine: nothing listens there.
    expect(await refusedOn('127.0.0.2', port)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('u1x explore: server stopped');
    expect(await refusedOn('127.0.0.1', port)).toBe(true);
  });

  it('refuses a bad --port with one line and exit code 2', async () => {
    const r = await runCli(['explore', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(userLines(r.stderr)).toEqual(['u1x: --port must be an integer 0..65535 (got 70000)']);
    expect(r.stdout).toBe('');
  });
});
