// The output lock: exclusive, names its owner, takes over a stale lock of a dead process on this host,
// refuses a lock from another host, and is released only by its holder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOutputLock, lockPathFor } from '../../src/io/lock.js';
import { UserError } from '../../src/util/errors.js';
import { testTempDir } from '../helpers/tmp.js';

const owner = (pid: number, host = hostname()) => JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z', token: `t${pid}` });

describe('output lock', () => {
  it('is created beside the output with pid and host, and removed on release', () => {
    const out = join(testTempDir('lock'), 'out');
    const lock = acquireOutputLock(out, () => {});
    expect(lock.path).toBe(lockPathFor(out));
    const held = JSON.parse(readFileSync(lock.path, 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second writer while the owner is alive, naming pid, host and start time', () => {
    const out = join(testTempDir('lock'), 'out');
    const child = spawn('sleep', ['30']);
    try {
      writeFileSync(lockPathFor(out), owner(child.pid!));
      expect(() => acquireOutputLock(out, () => {})).toThrow(
        new RegExp(`being written by another u1x run \\(pid ${child.pid} on ${hostname()} since 2026-01-01`),
      );
      expect(readFileSync(lockPathFor(out), 'utf8')).toBe(owner(child.pid!));
    } finally {
      child.kill();
    }
  });

  it('takes over the lock of a process that is gone, and says so', () => {
    const out = join(testTempDir('lock'), 'out');
    const dead = spawnSync('true').pid!;
    writeFileSync(lockPathFor(out), owner(dead));
    const lines: string[] = [];
    const lock = acquireOutputLock(out, (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(new RegExp(`took over a stale lock .*pid ${dead}`));
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('refuses a lock from another host and says how to remove it', () => {
    const out = join(testTempDir('lock'), 'out');
    writeFileSync(lockPathFor(out), owner(1, 'elsewhere.example'));
    expect(() => acquireOutputLock(out, () => {})).toThrow(UserError);
    expect(() => acquireOutputLock(out, () => {})).toThrow(/locked by pid 1 on elsewhere\.example .*remove .*\.out\.u1x-lock/);
  });

  it('does not remove a lock that is no longer its own', () => {
    const out = join(testTempDir('lock'), 'out');
    const lock = acquireOutputLock(out, () => {});
    writeFileSync(lock.path, owner(12345, 'other.example'));
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(owner(12345, 'other.example'));
  });
});
