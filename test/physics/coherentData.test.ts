// The COHERENT CsI 2017 data files: loader checks and VALIDATION §18.1 (exact to the printed digits).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COHERENT_FILES, findCoherentDataDir, loadCoherentData } from '../../src/io/coherentData.js';
import { neutronPreResponse, steadyStateTemplate } from '../../src/physics/coherent/backgrounds.js';
import { UserError } from '../../src/util/errors.js';
import { COHERENT_DIR, REPO_ROOT, requireShared } from '../helpers/shared.js';

const data = loadCoherentData(requireShared(COHERENT_DIR));
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
/** Sum of a 25 x 24 steady-state file inside the analysis window: PE bins [6, 30) and t < 6 us. */
const windowSum = (a: Float64Array) => {
  let s = 0;
  for (let pe = 3; pe < 15; pe++) for (let t = 0; t < 12; t++) s += a[pe * 24 + t];
  return s;
};

describe('COHERENT data files (VALIDATION §18.1)', () => {
  it('Co_data.dat: 144 integer counts, total 547, largest bin 22', () => {
    expect(data.observed).toHaveLength(144);
    expect(Array.from(data.observed).every(Number.isInteger)).toBe(true);
    expect(sum(data.observed)).toBe(547);
    expect(Math.max(...data.observed)).toBe(22);
  });

  it('timing templates: prompt sums to 1.000000 over three bins, delayed to 0.914785', () => {
    expect(sum(data.promptTiming)).toBeCloseTo(1, 6);
    expect(Array.from(data.promptTiming).filter((x) => x > 0)).toHaveLength(3);
    expect(sum(data.delayedTiming)).toBeCloseTo(0.914785, 6);
  });

  it('steady-state files in the window: 405, 207, 209 (sum 821); Bss total 411.234', () => {
    expect(windowSum(data.steadyAcOn)).toBe(405);
    expect(windowSum(data.steadyAcOff)).toBe(207);
    expect(windowSum(data.steadyCoOff)).toBe(209);
    expect(sum(steadyStateTemplate(data))).toBeCloseTo(411.234, 3);
  });

  it('neutrons: 17.1483 used (4 <= p <= 36, t < 6 us), 29.8686 in the file, nothing after 6 us', () => {
    expect(sum(neutronPreResponse(data))).toBeCloseTo(17.1483, 4);
    expect(sum(data.neutron)).toBeCloseTo(29.8686, 4);
    expect(sum(data.neutron.subarray(12 * 50))).toBe(0);
  });

  it('records the sha256 of every file, matching PROVENANCE.md', () => {
    const provenance = readFileSync(join(COHERENT_DIR, 'PROVENANCE.md'), 'utf8');
    for (const name of Object.values(COHERENT_FILES)) {
      const row = provenance.split('\n').find((l) => l.startsWith(`| ${name} |`));
      expect(row, name).toBeDefined();
      expect(row).toContain(data.sha256[name]);
    }
  });
});

describe('loader errors name the file and line', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A scratch copy of the data (outside the repository) with one file rewritten. */
  function corrupted(file: string, edit: (lines: string[]) => string[] | null): string {
    const dir = mkdtempSync(join(tmpdir(), 'u1x-coherent-'));
    dirs.push(dir);
    for (const name of Object.values(COHERENT_FILES)) copyFileSync(join(COHERENT_DIR, name), join(dir, name));
    const edited = edit(readFileSync(join(dir, file), 'utf8').split('\n'));
    if (edited === null) rmSync(join(dir, file));
    else writeFileSync(join(dir, file), edited.join('\n'));
    return dir;
  }
  const failure = (dir: string) => {
    try {
      loadCoherentData(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error('expected loadCoherentData to throw');
  };

  it('a missing file', () => {
    expect(failure(corrupted('total_neutron.dat', () => null))).toMatch(/total_neutron\.dat: missing/);
  });
  it('a row with a column too few', () => {
    const dir = corrupted('Co_data.dat', (l) => l.map((x, i) => (i === 4 ? '7.\t2.25' : x)));
    expect(failure(dir)).toMatch(/Co_data\.dat:5: expected 3 numbers, found 2/);
  });
  it('a non-integer count', () => {
    const dir = corrupted('full_AC_on.dat', (l) => l.map((x, i) => (i === 9 ? '1.\t4.75\t0.5' : x)));
    expect(failure(dir)).toMatch(/full_AC_on\.dat:10: event count must be a non-negative integer/);
  });
  it('rows out of order', () => {
    const dir = corrupted('Co_data.dat', (l) => [l[1], l[0], ...l.slice(2)]);
    expect(failure(dir)).toMatch(/Co_data\.dat:1: time bin centre \(us\) should be 0\.25/);
  });
  it('a missing row', () => {
    expect(failure(corrupted('data_prompt_cut.dat', (l) => l.slice(1)))).toMatch(/data_prompt_cut\.dat: expected 12 data rows, found 11/);
  });
  it('text where a number belongs', () => {
    const dir = corrupted('total_neutron.dat', (l) => l.map((x, i) => (i === 2 ? '0.25\t2.\tabc' : x)));
    expect(failure(dir)).toMatch(/total_neutron\.dat:3: 'abc' is not a finite number/);
  });
});

describe('findCoherentDataDir', () => {
  it('prefers --coherent-data over U1X_COHERENT_DATA', () => {
    expect(findCoherentDataDir({ option: COHERENT_DIR, env: { U1X_COHERENT_DATA: '/nowhere' } })).toEqual({
      dir: COHERENT_DIR,
      source: 'option',
    });
  });
  it('uses U1X_COHERENT_DATA when no option is given', () => {
    expect(findCoherentDataDir({ env: { U1X_COHERENT_DATA: COHERENT_DIR } })).toEqual({ dir: COHERENT_DIR, source: 'env' });
  });
  it('uses the copy bundled with u1x when neither is set', () => {
    expect(findCoherentDataDir({ env: {} })).toEqual({ dir: join(REPO_ROOT, 'data', 'external', 'coherent-csi-2017'), source: 'bundled' });
  });
  it("returns null with a reason when switched off with 'none'", () => {
    for (const r of [findCoherentDataDir({ option: 'none', env: {} }), findCoherentDataDir({ env: { U1X_COHERENT_DATA: 'none' } })]) {
      expect(r).toMatchObject({ dir: null, source: null, reason: expect.stringMatching(/switched off.*rate-only fallback/) });
    }
  });
  it('refuses a named directory that does not exist or lacks files (user error)', () => {
    expect(() => findCoherentDataDir({ option: '/nonexistent/coherent', env: {} })).toThrow(UserError);
    expect(() => findCoherentDataDir({ option: '/nonexistent/coherent', env: {} })).toThrow(/does not exist/);
    expect(() => findCoherentDataDir({ env: { U1X_COHERENT_DATA: tmpdir() } })).toThrow(/U1X_COHERENT_DATA\) lacks Co_data\.dat/);
  });
});
