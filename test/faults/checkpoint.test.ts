// A checkpoint is verified before a run resumes: a damaged one (corrupt state.json, nextCell beyond the
// grid, missing or truncated minima file, emptied or altered cells/chi2.npy) and one made with other
// settings (--quick vs not) are refused with one line and exit 2, and the checkpoint is left untouched.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { CPU, expectRefused, scanKilledAt, treeHash, writeMediumSpec } from './helpers.js';

const dir = suiteTempDir('faults-checkpoint');
const spec = writeMediumSpec(dir);
const pristine = join(dir, 'pristine-partial');

beforeAll(async () => {
  const r = await scanKilledAt(['scan', spec, '--out', join(dir, 'first'), ...CPU, '--checkpoint-every', '0'], 2, 'SIGINT');
  expect(r.code, r.stderr).toBe(130);
  cpSync(join(dir, '.first.u1x-partial'), pristine, { recursive: true });
  const state = JSON.parse(readFileSync(join(pristine, 'checkpoint', 'state.json'), 'utf8')) as { nextCell: number; cells: number };
  expect(state.nextCell).toBeGreaterThan(0);
  expect(state.nextCell).toBeLessThan(state.cells);
});

/** A copy of the checkpoint as the partial directory of output `name`, damaged by `damage`. */
function damaged(name: string, damage: (partial: string) => void): string {
  const partial = join(dir, `.${name}.u1x-partial`);
  rmSync(partial, { recursive: true, force: true });
  cpSync(pristine, partial, { recursive: true });
  damage(partial);
  return partial;
}

const minimaFile = (partial: string) =>
  join(
    partial,
    'checkpoint',
    readdirSync(join(partial, 'checkpoint')).find((f) => f.startsWith('minima-'))!,
  );
const state = (partial: string) => join(partial, 'checkpoint', 'state.json');
const editState = (partial: string, f: (s: Record<string, unknown>) => void) => {
  const s = JSON.parse(readFileSync(state(partial), 'utf8')) as Record<string, unknown>;
  f(s);
  writeFileSync(state(partial), JSON.stringify(s));
};

describe('damaged checkpoints are refused before resuming', () => {
  const cases: [string, (p: string) => void, RegExp][] = [
    ['corrupt state.json', (p) => writeFileSync(state(p), '{"format": 2, "nextCe'), /state\.json is not valid JSON/],
    ['nextCell beyond the grid', (p) => editState(p, (s) => (s.nextCell = 10 ** 9)), /nextCell 1000000000 is outside the grid/],
    ['missing minima file', (p) => rmSync(minimaFile(p)), /minima file .* is missing/],
    ['truncated minima file', (p) => truncateSync(minimaFile(p), 100), /minima-\d+\.bin has 100 bytes/],
    ['emptied cells/chi2.npy', (p) => truncateSync(join(p, 'cells', 'chi2.npy'), 0), /cells\/chi2\.npy has 0 bytes/],
    [
      'a changed byte in cells/chi2.npy',
      (p) => {
        const f = join(p, 'cells', 'chi2.npy');
        const b = readFileSync(f);
        b[200] ^= 0xff;
        writeFileSync(f, b);
      },
      /cells\/chi2\.npy bytes .* do not match their checksum/,
    ],
  ];
  for (const [name, damage, message] of cases) {
    it(name, async () => {
      const out = `bad-${name.replace(/\W+/g, '-')}`;
      const partial = damaged(out, damage);
      const before = treeHash(partial);
      const r = await runCli(['scan', spec, '--out', join(dir, out), '--resume', ...CPU]);
      expectRefused(r, message);
      expect(treeHash(partial)).toEqual(before);
      expect(existsSync(join(dir, out))).toBe(false);
    });
  }
});

describe('the resume key', () => {
  it('refuses --resume --quick of a full run, naming what differs, and leaves the checkpoint untouched', async () => {
    const partial = damaged('key', () => {});
    const before = treeHash(partial);
    const r = await runCli(['scan', spec, '--out', join(dir, 'key'), '--resume', '--quick', ...CPU]);
    expectRefused(r, /different settings: .*scan spec.*--quick \(checkpoint: false, now: true\)/);
    expect(treeHash(partial)).toEqual(before);
    // The right settings still resume it.
    const ok = await runCli(['scan', spec, '--out', join(dir, 'key'), '--resume', ...CPU]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('refuses --resume without --quick of a checkpoint whose key says --quick', async () => {
    const partial = damaged('quick', (p) => editState(p, (st) => ((st.key as Record<string, string>).quick = 'true')));
    const before = treeHash(partial);
    const r = await runCli(['scan', spec, '--out', join(dir, 'quick'), '--resume', ...CPU]);
    expectRefused(r, /different settings: --quick \(checkpoint: true, now: false\)/);
    expect(treeHash(partial)).toEqual(before);
  });

  it('refuses another backend', async () => {
    damaged('backend', (p) => editState(p, (st) => ((st.key as Record<string, string>).backend = 'webgpu float32')));
    const r = await runCli(['scan', spec, '--out', join(dir, 'backend'), '--resume', ...CPU]);
    expectRefused(r, /the backend \(checkpoint: webgpu float32, now: cpu float64\)/);
  });
});
