// An exclusive lock on an output directory, so that two runs never write one output. The lock is a
// file beside the output, `<parent>/.<name>.u1x-lock`, created atomically (O_CREAT|O_EXCL) and holding
// the owner's pid, host and start time. A lock whose owner is gone (same host, pid not alive) is taken
// over with a message; a lock from another host is never guessed at: the user is told how to remove it.
// The lock is released on every exit path: explicitly, and by a process 'exit' hook (process.exit,
// signals handled by the CLI, uncaught errors); only SIGKILL leaves it, and then it is stale.

import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import { writeAll } from './checkedWrite.js';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO 8601 start time. */
  since: string;
  /** Distinguishes this holder from a later process that happens to get the same pid. */
  token: string;
}

export interface OutputLock {
  readonly path: string;
  readonly owner: LockOwner;
  release(): void;
}

export function lockPathFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.u1x-lock`);
}

function readOwner(path: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string' && typeof o.token === 'string')
      return o as LockOwner;
  } catch {
    // unreadable or half-written: treated as held by an unknown owner
  }
  return null;
}

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

function describe(o: LockOwner): string {
  return `pid ${o.pid} on ${o.host} since ${o.since}`;
}

/** A one-line reason for an fs error on the output location (no stack: the location is user input). */
export function outputLocationError(outDir: string, e: unknown): UserError {
  const code = (e as { code?: string }).code;
  const why: Record<string, string> = {
    ENOTDIR: 'a component of the path is a file, not a directory',
    EISDIR: 'a directory is in the way',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'a parent directory is missing',
    ENAMETOOLONG: 'path too long',
    ENOSPC: 'disk full',
  };
  return new UserError(`cannot write the output ${outDir}: ${why[code ?? ''] ?? (e as Error).message}`);
}

const held = new Set<OutputLock>();
let exitHookInstalled = false;

/**
 * Take the lock of `outDir` (creating its parent directories), or throw a UserError naming the owner.
 * Directories created here are removed again on release when the run left nothing in them.
 */
export function acquireOutputLock(outDir: string, log: (line: string) => void): OutputLock {
  const parent = dirname(outDir);
  let created: string | undefined;
  try {
    created = mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw outputLocationError(outDir, e);
  }
  const path = lockPathFor(outDir);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomUUID() };
  const tryCreate = (): boolean => {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') return false;
      throw outputLocationError(outDir, e);
    }
    try {
      writeAll(fd, Buffer.from(JSON.stringify(owner) + '\n'), 0, path);
    } catch (e) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw outputLocationError(outDir, e);
    }
    closeSync(fd);
    return true;
  };

  if (!tryCreate()) {
    const other = readOwner(path);
    if (!other) {
      throw new UserError(
        `${outDir} is locked by ${path}, which names no owner (a run starting right now, or a crash while locking); if no u1x run writes ${outDir}, remove ${path}`,
      );
    }
    if (other.host !== owner.host) {
      throw new UserError(`${outDir} is locked by ${describe(other)}; if no u1x run is active there, remove ${path}`);
    }
    // The same pid as ours is another (dead) process from before a pid reuse, e.g. pid 1 in a container.
    if (other.pid !== process.pid && pidAlive(other.pid)) {
      throw new UserError(`${outDir} is being written by another u1x run (${describe(other)}); wait for it or stop it`);
    }
    // Stale: move it aside atomically (only one taker wins the rename), then lock as usual.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      throw new UserError(`${outDir}: another run is taking over the stale lock ${path}; try again`);
    }
    const moved = readOwner(aside);
    if (!moved || moved.token !== other.token) {
      // We moved a fresh lock of a run that won the takeover: put it back.
      renameSync(aside, path);
      throw new UserError(`${outDir}: another run took the lock ${path} at the same time; try again`);
    }
    rmSync(aside, { force: true });
    if (!tryCreate()) throw new UserError(`${outDir}: another run took the lock ${path} at the same time; try again`);
    log(`u1x: took over a stale lock of ${outDir} (${describe(other)}: that process is gone)`);
  }

  const lock: OutputLock = {
    path,
    owner,
    release() {
      if (!held.delete(lock)) return;
      // Remove the lock only if it is still ours.
      if (readOwner(path)?.token === owner.token) rmSync(path, { force: true });
      if (created) removeEmptyDirs(parent, created);
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const l of [...held]) l.release();
    });
  }
  return lock;
}

/** rmdir `from` and its parents up to and including `top`, stopping at the first that is not empty. */
function removeEmptyDirs(from: string, top: string): void {
  const rel = relative(top, from);
  if (rel.startsWith('..')) return;
  let dir = from;
  for (;;) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top || !dir.includes(sep)) return;
    dir = dirname(dir);
  }
}
