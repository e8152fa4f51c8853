// DarkCast-format parsers: the shipped files parse with the statistics manifest.json records, and
// malformed files fail with a UserError that names the file and the line.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, REPO_ROOT, requireShared } from '../helpers/shared.js';
import {
  DarkcastDirectory,
  findDarkcastDir,
  parseLimitText,
  parseProductionText,
  parseVmdFileName,
  parseVmdText,
  skippedResonanceLimits,
  VMD_FILES,
} from '../../src/io/darkcast/index.js';
import { UserError } from '../../src/util/errors.js';
import { suiteTempDir } from '../helpers/tmp.js';

const manifest = JSON.parse(readFileSync(join(requireShared(DARKCAST_DIR), 'manifest.json'), 'utf8'));

interface BoundsFacts {
  file: string;
  n_rows: number;
  mass_min_GeV: number;
  mass_max_GeV: number;
  n_rows_with_sentinel_1e5: number;
  n_duplicate_mass_values: number;
  mass_column_sorted: boolean;
  format: string;
  columns: string[];
}

function allBounds(): BoundsFacts[] {
  const out: BoundsFacts[] = [];
  for (const entry of Object.values(manifest.limits) as { bounds?: BoundsFacts; bounds_files?: BoundsFacts[] }[]) {
    if (entry.bounds) out.push(entry.bounds);
    for (const b of entry.bounds_files ?? []) out.push(b);
  }
  return out;
}

const tmp = suiteTempDir('darkcast');

function expectUserError(fn: () => unknown, ...fragments: (string | RegExp)[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UserError);
  for (const f of fragments) expect((caught as Error).message).toMatch(f);
}

describe('shipped DarkCast files', () => {
  const dir = DarkcastDirectory.open(DARKCAST_DIR);

  test.each(allBounds().map((b) => [b.file, b] as const))('%s matches the manifest', (file, facts) => {
    const stem = file.replace(/^limits\//, '').replace(/\.lmt$/, '');
    const table = dir.limitTable(stem);
    expect(table.layout).toBe(facts.format);
    expect(table.stats.rows).toBe(facts.n_rows);
    expect(table.stats.sentinelRows).toBe(facts.n_rows_with_sentinel_1e5);
    expect(table.stats.duplicateMasses).toBe(facts.n_duplicate_mass_values);
    expect(table.stats.sorted).toBe(facts.mass_column_sorted);
    expect(table.masses[0]).toBe(facts.mass_min_GeV);
    expect(table.masses[table.masses.length - 1]).toBe(facts.mass_max_GeV);
  });

  test('the r-value grids are regular: 99 masses × 463 (2017) and × 926 (2019) couplings', () => {
    const a = dir.limitTable('LHCb_Aaij2017rft_displaced');
    const b = dir.limitTable('LHCb_Aaij2019bvg_displaced');
    if (a.layout !== 'r_values' || b.layout !== 'r_values') throw new Error('expected r-value layouts');
    expect([a.masses.length, a.couplings.length]).toEqual([99, 463]);
    expect([b.masses.length, b.couplings.length]).toEqual([99, 926]);
    expect(a.couplings[0]).toBe(1e-5);
    expect(a.r[0]).toBe(32.41);
  });

  test('duplicated masses: the last row wins (CMS 75.377 → sentinel, 110.02 → 3.6386e-3)', () => {
    const t = dir.limitTable('CMS_CMS2019kiy');
    const at = (m: number) => (t.layout !== 'r_values' ? t.lower[Array.from(t.masses).indexOf(m)] : NaN);
    expect(at(75.377)).toBe(1e5);
    expect(at(110.02)).toBe(3.6386e-3);
  });

  test('the unsorted reference-only file is accepted and sorted', () => {
    const t = dir.limitTable('ATLAS_Aad2015sms_br20');
    expect(t.stats.sorted).toBe(false);
    for (let i = 1; i < t.masses.length; i++) expect(t.masses[i]).toBeGreaterThan(t.masses[i - 1]);
  });

  test('.prd tables: columns and rows as in the manifest', () => {
    for (const [file, facts] of Object.entries(manifest.production_tables) as [string, { columns: string[]; n_rows: number }][]) {
      const t = dir.productionTable(file.replace(/\.prd$/, ''));
      expect(['mass', ...t.mechanisms]).toEqual(facts.columns);
      expect(t.masses.length).toBe(facts.n_rows);
      expect(t.fractions.length).toBe(facts.columns.length - 1);
    }
  });

  test('VMD curves: names, ranges and last values as in the manifest', () => {
    const curves = dir.vmdCurves();
    expect(curves.length).toBe(12);
    for (const c of curves) {
      const name = c.file.split('/').pop()!;
      const facts = manifest.vmd_tables[name];
      expect(c.finalState).toBe(facts.final_state);
      expect(c.masses.length).toBe(facts.n_rows);
      expect(c.masses[0]).toBe(facts.mass_min_GeV);
      expect(c.masses[c.masses.length - 1]).toBe(facts.mass_max_GeV);
      expect(c.values[c.values.length - 1]).toBe(facts.value_at_max_mass);
      expect(c.component).toBe(facts.is_interference_term ? 'omega_phi' : facts.vector_mesons[0]);
    }
    expect(VMD_FILES.length).toBe(Object.keys(manifest.vmd_tables).length);
  });

  test('every file read is hashed (sha256 of its bytes)', () => {
    const fresh = DarkcastDirectory.open(DARKCAST_DIR);
    fresh.limitTable('BaBar_Lees2014xha');
    fresh.productionTable('LHCb_Aaij2017rft');
    const { files } = fresh.provenance();
    expect(files.map((f) => f.path)).toEqual([join('limits', 'BaBar_Lees2014xha.lmt'), join('limits', 'LHCb_Aaij2017rft.prd')]);
    const bytes = readFileSync(join(DARKCAST_DIR, 'limits', 'BaBar_Lees2014xha.lmt'));
    expect(files[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(files[0].bytes).toBe(bytes.length);
  });
});

describe('malformed limit files', () => {
  const write = (name: string, text: string) => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };
  const parseFile = (path: string) => parseLimitText(readFileSync(path, 'utf8'), path);

  test('a row with a missing column names file and line', () => {
    const p = write('short.lmt', '# mass lower\n 0.01 1e-3\n 0.02\n');
    expectUserError(() => parseFile(p), p, ':3:', /expected 2 columns/);
  });

  test('NaN is rejected with file and line', () => {
    const p = write('nan.lmt', '# mass lower upper\n 0.01 1e-5 1e-3\n\n 0.02 NaN 1e-3\n');
    expectUserError(() => parseFile(p), `${p}:4:`, /column 'lower' holds NaN/);
  });

  test('a non-numeric token is rejected', () => {
    const p = write('junk.lmt', '# mass lower\n 0.01 1e-3x\n');
    expectUserError(() => parseFile(p), `${p}:2:`, /'1e-3x'/);
  });

  test('unsorted masses are an error naming the offending line', () => {
    const p = write('unsorted.lmt', '# mass lower\n 0.01 1e-3\n 0.03 1e-3\n 0.02 1e-3\n');
    expectUserError(() => parseFile(p), `${p}:4:`, /must be sorted/);
  });

  test('...unless explicitly allowed (documented reference-only files), then sorted stably', () => {
    const t = parseLimitText('# mass lower\n 0.03 3e-3\n 0.01 1e-3\n 0.03 4e-3\n', 'x.lmt', { allowUnsorted: true });
    expect(Array.from(t.masses)).toEqual([0.01, 0.03]);
    if (t.layout === 'r_values') throw new Error('layout');
    expect(Array.from(t.lower)).toEqual([1e-3, 4e-3]);
  });

  test('upper below lower, non-positive couplings and negative masses are errors', () => {
    expectUserError(() => parseLimitText('# mass lower upper\n 0.01 1e-3 1e-4\n', 'a.lmt'), 'a.lmt:2:', /upper .* below lower/);
    expectUserError(() => parseLimitText('# mass lower\n 0.01 0\n', 'b.lmt'), 'b.lmt:2:', /must be positive/);
    expectUserError(() => parseLimitText('# mass lower\n -0.01 1e-3\n', 'c.lmt'), 'c.lmt:2:', /negative mass/);
  });

  test('headers: unknown layout, missing header, empty file, no rows', () => {
    expectUserError(() => parseLimitText('# mass eps\n 0.01 1e-3\n', 'h.lmt'), 'h.lmt:1:', /unknown limit layout/);
    expectUserError(() => parseLimitText(' 0.01 1e-3\n', 'n.lmt'), 'n.lmt:1:', /header/);
    expectUserError(() => parseLimitText('', 'e.lmt'), 'e.lmt', /empty file/);
    expectUserError(() => parseLimitText('# mass lower\n\n', 'r.lmt'), 'r.lmt:1:', /no data rows/);
  });

  test('r-value grids must be regular', () => {
    const text = '# mass g r\n 0.2 1e-5 2\n 0.2 2e-5 0.5\n 0.3 1e-5 2\n 0.3 3e-5 0.5\n';
    expectUserError(() => parseLimitText(text, 'g.lmt'), 'g.lmt:5:', /does not match the grid node/);
    expectUserError(() => parseLimitText('# mass g r\n 0.2 2e-5 2\n 0.2 1e-5 1\n', 'h.lmt'), 'h.lmt:3:', /must increase/);
  });

  test('duplicated masses keep the last row', () => {
    const t = parseLimitText('# mass lower upper\n 0.01 1e-5 1e-3\n 0.01 2e-5 2e-3\n 0.02 1e-5 1e-3\n', 'd.lmt');
    if (t.layout === 'r_values' || !t.upper) throw new Error('layout');
    expect(Array.from(t.masses)).toEqual([0.01, 0.02]);
    expect([t.lower[0], t.upper[0]]).toEqual([2e-5, 2e-3]);
    expect(t.stats.duplicateMasses).toBe(1);
  });

  test('.prd and VMD files', () => {
    expectUserError(() => parseProductionText('# m a b\n 1 0.5 0.5\n', 'p.prd'), 'p.prd:1:', /'mass'/);
    expectUserError(() => parseProductionText('# mass a\n 1 0.5\n 1 0.4\n', 'q.prd'), 'q.prd:3:', /must be sorted/);
    expectUserError(() => parseProductionText('# mass a\n 1 -0.5\n', 'r.prd'), 'r.prd:2:', /negative/);
    expectUserError(() => parseVmdFileName('/x/rf.pi+_pi-.kaon.dat'), /not a VMD curve name/);
    expect(parseVmdFileName('vmd/rf.pi+_pi-_pi0.omega_phi.dat')).toEqual({ finalState: 'pi+_pi-_pi0', component: 'omega_phi' });
    expectUserError(() => parseVmdText('# mass R\n 0.3 0\n 0.2 1\n', '/v/rf.K_K.phi.dat'), 'rf.K_K.phi.dat:3:', /sorted/);
  });

  test('a directory with a malformed file reports the path inside it', () => {
    const root = join(tmp, 'dc');
    mkdirSync(join(root, 'limits'), { recursive: true });
    mkdirSync(join(root, 'vmd'), { recursive: true });
    writeFileSync(join(root, 'limits', 'Bad_Tag.lmt'), '# mass lower\n 0.01 inf\n');
    const dir = DarkcastDirectory.open(root);
    expect(dir.limitStems()).toEqual(['Bad_Tag']);
    expectUserError(() => dir.limitTable('Bad_Tag'), join(root, 'limits', 'Bad_Tag.lmt:2:'), /infinite/);
    expectUserError(() => dir.limitTable('Missing_Tag'), /missing/);
  });
});

describe('findDarkcastDir', () => {
  test("option wins over the environment, both over the bundled copy; 'none' gives null and a reason", () => {
    expect(findDarkcastDir({ option: DARKCAST_DIR, env: { U1X_DARKCAST: '/nowhere' } })).toMatchObject({
      dir: DARKCAST_DIR,
      origin: 'option',
    });
    expect(findDarkcastDir({ env: { U1X_DARKCAST: DARKCAST_DIR } })).toMatchObject({ dir: DARKCAST_DIR, origin: 'env' });
    expect(findDarkcastDir({ env: {} })).toMatchObject({ dir: join(REPO_ROOT, 'data', 'external', 'darkcast-1.2'), origin: 'bundled' });
    const none = findDarkcastDir({ option: 'none', env: { U1X_DARKCAST: DARKCAST_DIR } });
    expect(none.dir).toBeNull();
    expect(none.reason).toMatch(/switched off \(--darkcast none\)/);
  });

  test('without data, the skipped notice names every resonance limit and the reason', () => {
    const none = findDarkcastDir({ env: { U1X_DARKCAST: 'none' } });
    const notice = skippedResonanceLimits(none.reason!);
    expect(notice.ids).toContain('babar_2014_visible');
    expect(notice.message).toMatch(/^resonance searches skipped \(46 limits: a1_2011_visible, .*\): no DarkCast data directory/);
  });

  test('a given path that is not a DarkCast directory is a user error', () => {
    expectUserError(() => findDarkcastDir({ option: join(tmp, 'absent') }), /does not exist/);
    expectUserError(() => findDarkcastDir({ env: { U1X_DARKCAST: tmp } }), /lacks limits\/, vmd\//, /U1X_DARKCAST/);
  });
});
