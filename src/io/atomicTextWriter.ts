// A text file written in pieces to a temporary name and renamed into place when complete, so that big
// tables (the per-cell CSV) never sit in one string and a reader never sees half a file.

import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Write a text file in pieces to a temporary name, then rename: big tables never sit in one string. */
export class AtomicTextWriter {
  private readonly tmp: string;
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  constructor(readonly path: string) {
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
    this.fd = openSync(this.tmp, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''));
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
