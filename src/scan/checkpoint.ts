// Checkpoints of a grid scan, in <partial>/checkpoint/: state.json (resume key, next cell, the files
// with their sizes and sha256 checksums) and one minima file per checkpoint generation. Every piece is
// verified before a run resumes; anything that does not match is one line and exit 2, and the
// checkpoint is left as it was.
//
// Per-cell .npy files are large, so they are hashed incrementally: each checkpoint hashes only the
// bytes written since the previous one (read back from the file after fsync), as a list of contiguous
// ranges from byte 0 to the header plus nextCell cells. Cells past nextCell may hold anything: the
// resumed run overwrites them. The minima file of a generation is written before the state.json that
// names it (both via a temporary name and rename), and the previous generation is removed after, so a
// crash at any point leaves a consistent checkpoint.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import { UserError } from '../util/errors.js';
import { keyDifferences, type ResumeKey } from './resumeKey.js';

export const CHECKPOINT_FORMAT = 2;

export interface HashedRange {
  from: number;
  to: number;
  sha256: string;
}

export interface CheckpointState {
  format: number;
  key: ResumeKey;
  nextCell: number;
  cells: number;
  minima: { file: string; bytes: number; sha256: string };
  /** Per-cell files, relative to the partial directory. */
  cellFiles: Record<string, { bytes: number; ranges: HashedRange[] }>;
  /** Per constraint (kernel bit order): cells before nextCell with a non-finite chi2. */
  nonfinite: number[];
}

/** A per-cell file as the runner writes it. */
export interface CellFile {
  /** Path relative to the partial directory. */
  rel: string;
  headerBytes: number;
  bytesPerCell: number;
  totalBytes: number;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function hashFileRange(path: string, from: number, to: number): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(4 << 20, Math.max(1, to - from)));
    for (let pos = from; pos < to;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
      if (n <= 0) throw new UserError(`checkpoint: ${path} ends at byte ${pos}, expected at least ${to}`);
      h.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

export function checkpointDir(partial: string): string {
  return join(partial, 'checkpoint');
}

function bad(partial: string, what: string): UserError {
  return new UserError(`--resume: the checkpoint in ${partial} is damaged (${what}); it cannot be resumed — start over with --force`);
}

/**
 * Read and check state.json against this run: format, resume key, grid size, next cell. Throws a
 * UserError (exit 2) naming the problem; touches nothing.
 */
export function readCheckpointState(partial: string, key: ResumeKey, cells: number): CheckpointState {
  const path = join(checkpointDir(partial), 'state.json');
  if (!existsSync(path)) throw new UserError(`--resume: no checkpoint in ${partial}`);
  let s: CheckpointState;
  try {
    s = JSON.parse(readFileSync(path, 'utf8')) as CheckpointState;
  } catch (e) {
    throw bad(partial, `state.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!s || typeof s !== 'object') throw bad(partial, 'state.json is not an object');
  if (s.format !== CHECKPOINT_FORMAT)
    throw new UserError(
      `--resume: the checkpoint in ${partial} has format ${String(s.format ?? 1)}, this u1x reads ${CHECKPOINT_FORMAT}; start over with --force`,
    );
  if (!s.key || typeof s.key !== 'object') throw bad(partial, 'state.json has no resume key');
  const diff = keyDifferences(s.key, key);
  if (diff.length) {
    throw new UserError(
      `--resume: the checkpoint in ${partial} was made with different settings: ${diff.join('; ')}. The checkpoint is left untouched: resume with the original settings, or start over with --force`,
    );
  }
  if (s.cells !== cells) throw bad(partial, `it is for ${String(s.cells)} cells, this grid has ${cells}`);
  if (!Number.isSafeInteger(s.nextCell) || s.nextCell < 0 || s.nextCell > cells)
    throw bad(partial, `nextCell ${String(s.nextCell)} is outside the grid of ${cells} cells`);
  if (!s.minima || typeof s.minima.file !== 'string' || !/^minima-\d+\.bin$/.test(s.minima.file))
    throw bad(partial, 'state.json names no minima file');
  if (!s.cellFiles || typeof s.cellFiles !== 'object') throw bad(partial, 'state.json lists no cell files');
  if (!Array.isArray(s.nonfinite) || !s.nonfinite.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= s.nextCell)) {
    throw bad(partial, 'state.json has no valid non-finite counts');
  }
  return s;
}

/** Check every file of the checkpoint (sizes and checksums); returns the minima bytes. */
export function verifyCheckpointFiles(partial: string, s: CheckpointState, files: readonly CellFile[], minimaBytes: number): Buffer {
  const mPath = join(checkpointDir(partial), s.minima.file);
  if (!existsSync(mPath)) throw bad(partial, `the minima file ${s.minima.file} is missing`);
  const m = readFileSync(mPath);
  if (m.length !== s.minima.bytes || m.length !== minimaBytes)
    throw bad(partial, `${s.minima.file} has ${m.length} bytes, expected ${minimaBytes}`);
  if (sha256(m) !== s.minima.sha256) throw bad(partial, `${s.minima.file} does not match its checksum`);
  const listed = Object.keys(s.cellFiles).sort();
  const expected = files.map((f) => f.rel).sort();
  if (listed.join('\n') !== expected.join('\n'))
    throw bad(partial, `it lists cell files [${listed.join(', ')}], this run writes [${expected.join(', ')}]`);
  for (const f of files) {
    const rec = s.cellFiles[f.rel];
    const path = join(partial, f.rel);
    if (!existsSync(path)) throw bad(partial, `${f.rel} is missing`);
    const size = statSync(path).size;
    if (rec.bytes !== f.totalBytes || size !== f.totalBytes) throw bad(partial, `${f.rel} has ${size} bytes, expected ${f.totalBytes}`);
    let at = 0;
    for (const r of rec.ranges ?? []) {
      if (r.from !== at || !(r.to > r.from)) throw bad(partial, `the checksum ranges of ${f.rel} are not contiguous`);
      if (hashFileRange(path, r.from, r.to) !== r.sha256)
        throw bad(partial, `${f.rel} bytes ${r.from}-${r.to} do not match their checksum`);
      at = r.to;
    }
    const done = s.nextCell === 0 ? at : f.headerBytes + s.nextCell * f.bytesPerCell;
    if (at !== done) throw bad(partial, `${f.rel} is checksummed to byte ${at}, the checkpoint needs ${done}`);
  }
  return m;
}

/** Remove everything in the partial directory that the checkpoint does not name (temporary files, half-written products). */
export function pruneToCheckpoint(partial: string, s: CheckpointState): void {
  const keep = new Set(['checkpoint', ...Object.keys(s.cellFiles).map((r) => r.split('/')[0])]);
  for (const e of readdirSync(partial)) if (!keep.has(e)) rmSync(join(partial, e), { recursive: true, force: true });
  const keepCp = new Set(['state.json', s.minima.file]);
  for (const e of readdirSync(checkpointDir(partial)))
    if (!keepCp.has(e)) rmSync(join(checkpointDir(partial), e), { recursive: true, force: true });
  if (existsSync(join(partial, 'cells'))) {
    const keepCells = new Set(
      Object.keys(s.cellFiles)
        .filter((r) => r.startsWith('cells/'))
        .map((r) => r.slice('cells/'.length)),
    );
    for (const e of readdirSync(join(partial, 'cells')))
      if (!keepCells.has(e)) rmSync(join(partial, 'cells', e), { recursive: true, force: true });
  }
}

/** Writes checkpoint generations; continues the checksum ranges of a resumed checkpoint. */
export class CheckpointWriter {
  private ranges: Map<string, HashedRange[]>;
  private minimaFile: string | null;
  private generation: number;

  constructor(
    private readonly partial: string,
    private readonly key: ResumeKey,
    private readonly cells: number,
    private readonly files: readonly CellFile[],
    resumed?: CheckpointState,
  ) {
    this.ranges = new Map(files.map((f) => [f.rel, [...(resumed?.cellFiles[f.rel]?.ranges ?? [])]]));
    this.minimaFile = resumed?.minima.file ?? null;
    this.generation = resumed ? Number(/\d+/.exec(resumed.minima.file)![0]) + 1 : 0;
  }

  /** Call after the cell files are fsync'ed: hashes the new bytes, writes minima then state. */
  save(nextCell: number, minima: Uint8Array, nonfinite: readonly number[]): void {
    const dir = checkpointDir(this.partial);
    const ranges = new Map<string, HashedRange[]>();
    for (const f of this.files) {
      const list = [...this.ranges.get(f.rel)!];
      const from = list.length ? list[list.length - 1].to : 0;
      const to = nextCell === 0 ? f.headerBytes : f.headerBytes + nextCell * f.bytesPerCell;
      if (to > from) list.push({ from, to, sha256: hashFileRange(join(this.partial, f.rel), from, to) });
      ranges.set(f.rel, list);
    }
    const file = `minima-${this.generation}.bin`;
    writeFileAtomic(join(dir, file), minima, { sync: true });
    const state: CheckpointState = {
      format: CHECKPOINT_FORMAT,
      key: this.key,
      nextCell,
      cells: this.cells,
      minima: { file, bytes: minima.length, sha256: sha256(minima) },
      cellFiles: Object.fromEntries(this.files.map((f) => [f.rel, { bytes: f.totalBytes, ranges: ranges.get(f.rel)! }])),
      nonfinite: [...nonfinite],
    };
    writeFileAtomic(join(dir, 'state.json'), JSON.stringify(state) + '\n', { sync: true });
    if (this.minimaFile && this.minimaFile !== file) rmSync(join(dir, this.minimaFile), { force: true });
    this.minimaFile = file;
    this.generation++;
    this.ranges = ranges;
  }
}
