// A text file written in pieces to a temporary name and renamed into place when complete, so that big
// tables (the per-cell CSV) never sit in one string and a reader never sees half a file.

import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { tempNameFor } from './atomic.js';
import { writeAll } from './checkedWrite.js';

/** Write a text file in pieces to a temporary name, then rename: big tables never sit in one string. */
export class AtomicTextWriter {
  private readonly tmp: string;
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  constructor(readonly path: string) {
    this.tmp = tempNameFor(path);
    this.fd = openSync(this.tmp, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length) writeAll(this.fd, Buffer.from(this.parts.join(''), 'utf8'), null, this.tmp);
    this.parts = [];
    this.pending = 0;
  }
  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}
