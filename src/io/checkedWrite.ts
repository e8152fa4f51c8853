// Checked writes. writeSync may write fewer bytes than asked (a short write: signals, quotas, some
// network and FUSE file systems); every caller that ignores its return value can lose data silently.
// writeAll loops until every byte is written, and a full disk (ENOSPC, EDQUOT) becomes DiskFullError,
// which the CLI prints as one line. `ioLayer` is the one place the bytes go through, so tests can
// inject short writes and disk-full errors without a special file system.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { UserError } from '../util/errors.js';

export const ioLayer = {
  writeSync: (fd: number, buf: Uint8Array, offset: number, length: number, position: number | null): number =>
    writeSync(fd, buf, offset, length, position),
};

/** Exit code of a full disk: not bad input (2), not a bug (1 with a stack): the machine ran out of space. */
export const DISK_FULL_EXIT = 3;

export class DiskFullError extends UserError {
  constructor(
    readonly path: string,
    hint = 'free some space and run again',
  ) {
    super(`disk full writing ${path}: ${hint}`, DISK_FULL_EXIT);
    this.name = 'DiskFullError';
  }
}

export function isDiskFull(e: unknown): boolean {
  if (e instanceof DiskFullError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Write all of `data` at `position` (null: the current file position), or throw. */
export function writeAll(fd: number, data: Uint8Array, position: number | null, path: string): void {
  let done = 0;
  while (done < data.length) {
    let n: number;
    try {
      n = ioLayer.writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
    } catch (e) {
      if (isDiskFull(e)) throw new DiskFullError(path);
      throw e;
    }
    // A write of 0 bytes for a non-empty request never makes progress: report it instead of spinning.
    if (!(n > 0)) throw new Error(`write to ${path} wrote ${n} of ${data.length - done} bytes`);
    done += n;
  }
}

/** Create or truncate `path` and write `data` completely (optionally fsync'ed before closing). */
export function writeFileChecked(path: string, data: string | Uint8Array, opts: { sync?: boolean } = {}): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    if (isDiskFull(e)) throw new DiskFullError(path);
    throw e;
  }
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, 0, path);
    if (opts.sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
