// Radiative kinetic mixing ("eps = 0 in the UV", SPEC §4.15) end to end: `u1x point --mixing radiative`,
// the Borexino cut of the L_mu - L_tau map at 10 MeV (VALIDATION §19, informative) on the boundaries of a
// focused scan, and the scope error for models with quark charges.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, userLines } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];
const SCOPE = 'radiative mixing needs a UV scale and the hadronic loop for models with baryon number: give eps or k';
const E = Math.sqrt((4 * Math.PI) / 137.035999084);
const rel = (a: number, b: number) => Math.abs(a / b - 1);

/** Rows (mass, lower[, upper]) of a boundaries/*.lmt file. */
function lmtRows(path: string): number[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/).map(Number));
}

describe('u1x point --mixing radiative', () => {
  const base = [
    'point',
    '--model',
    'Lmu-Ltau',
    '--mx',
    '0.01',
    '--gx',
    '5.451e-4',
    '--constraints',
    'borexino,amu,charm2',
    '--json',
    ...DATA,
  ];

  it('shows the k of each class (VALIDATION §19) and R_Be of the same point at the equivalent fixed eps', async () => {
    const r = await runCli([...base, '--mixing', 'radiative']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const mixing = out.constraints.mixing.observables;
    expect(rel(mixing.k0, 4.370605e-3)).toBeLessThan(1e-4);
    expect(rel(mixing.k_onshell, 4.371988e-3)).toBeLessThan(1e-4); // on shell at 10 MeV
    expect(out.point.mixing).toBe('eps radiative (0 in the UV)');
    // Borexino sees k_rad(0): the same point at eps = k_rad(0) g_X / e (VALIDATION's k, not the code's).
    const eps = (4.370605e-3 * 5.451e-4) / E;
    const fixed = JSON.parse((await runCli([...base, '--eps', String(eps)])).stdout);
    const rBe = out.constraints.borexino.observables.R_Be;
    expect(rel(rBe, fixed.constraints.borexino.observables.R_Be)).toBeLessThan(1e-4);
    expect(rel(out.constraints.charm2.chi2, fixed.constraints.charm2.chi2)).toBeLessThan(1e-3);
    // Issue 14: R_Be = 1.24 here (the 2 sigma edge of Borexino, Delta chi2 = 4).
    expect(rBe).toBeGreaterThan(1.235);
    expect(rBe).toBeLessThan(1.245);
    // At eps = 0 exactly X has no electron coupling: R_Be = 1.
    const zero = JSON.parse((await runCli([...base, '--eps', '0'])).stdout);
    expect(zero.constraints.borexino.observables.R_Be).toBe(1);
  });

  it('each constraint sees the k of its momentum class (VALIDATION §19 values as fixed k)', async () => {
    const at = [
      'point',
      '--model',
      'Lmu-Ltau',
      '--mx',
      '0.5',
      '--gx',
      '2e-2',
      '--constraints',
      'babar_2014_visible,borexino,coherent',
      '--json',
      ...DATA,
    ];
    const run = async (extra: string[]) => JSON.parse((await runCli([...at, ...extra])).stdout).constraints;
    const rad = await run(['--mixing', 'radiative']);
    const onShell = await run(['--k', '4.23142e-3']); // |k_rad(m_X²)| at 0.5 GeV
    const zero = await run(['--k', '4.370605e-3']); // k_rad(0)
    // Production of an on-shell X (BaBar 2014): |k_rad(m_X²)|; the rate goes as k⁴, so 1e-4 on k is 4e-4 here.
    expect(rel(rad.babar_2014_visible.observables.ratio, onShell.babar_2014_visible.observables.ratio)).toBeLessThan(4e-4);
    expect(rel(rad.babar_2014_visible.observables.ratio, zero.babar_2014_visible.observables.ratio)).toBeGreaterThan(0.03);
    // Borexino: k_rad(0).
    expect(rel(rad.borexino.observables.R_Be, zero.borexino.observables.R_Be)).toBeLessThan(1e-4);
    // COHERENT: k_rad(-2MT) over its recoils, between k_rad(-(0.1 GeV)²) = 4.24e-3 and k_rad(0), so its Delta chi2
    // lies strictly between those of the two fixed values around it.
    expect(rad.coherent.chi2).toBeLessThan(zero.coherent.chi2);
    expect(rad.coherent.chi2).toBeGreaterThan((await run(['--k', '4.24416e-3'])).coherent.chi2);
  });

  it('the readable table says eps radiative and lists the mixing observables', async () => {
    const r = await runCli([
      'point',
      '--model',
      'Lmu-Ltau',
      '--mx',
      '0.3',
      '--gx',
      '1e-3',
      '--constraints',
      'borexino',
      '--mixing',
      'radiative',
      ...DATA,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('eps radiative (0 in the UV)');
    expect(r.stdout).toMatch(/mixing .* info .*k0 = 0\.0043706.*k_onshell = 0\.0052836/);
  });

  it.each([
    [['--model', 'B-3Lmu', '--mixing', 'radiative'], SCOPE],
    [['--model', '9B3-8Lmu-Ltau', '--mixing', 'radiative'], SCOPE],
    [['--model', 'Lmu-Ltau', '--mixing', 'radiative', '--eps', '1e-5'], '--mixing radiative replaces --eps/--k'],
  ])('%j: exit 2, one line', async (args, message) => {
    const r = await runCli(['point', '--mx', '0.01', '--gx', '1e-3', ...args, ...DATA]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = userLines(r.stderr);
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(message);
  });
});

describe('scan with mixing: radiative', () => {
  const dir = suiteTempDir('radiative');
  const spec = (name: string, models: string, mixing: string) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(
      path,
      [
        `name: ${name}`,
        `models: ${models}`,
        'mx: { values: [0.009, 0.01, 0.011] }',
        'gx: { min: 3.0e-4, max: 8.0e-4, n: 81 }',
        mixing,
        'constraints: [amu, borexino]',
        'outputs: { plots: [] }',
      ].join('\n'),
    );
    return path;
  };

  it('Borexino cuts the (g-2)_mu band of L_mu - L_tau at 10 MeV near g_X = 5.4e-4 (VALIDATION §19)', async () => {
    const out = join(dir, 'rad-out');
    const r = await runCli([
      'scan',
      spec('rad', 'Lmu-Ltau', 'mixing: radiative'),
      '--out',
      out,
      '--progress',
      'none',
      '--backend',
      'cpu',
      ...DATA,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const at10 = (rows: number[][]) => rows.find((x) => Math.abs(x[0] - 0.01) < 1e-12)!;
    const borexino = at10(lmtRows(join(out, 'boundaries', 'Lmu-Ltau', 'borexino.lmt')));
    const band = at10(lmtRows(join(out, 'boundaries', 'Lmu-Ltau', 'amu_preferred.lmt')));
    // VALIDATION §19 quotes two digits (5.4e-4, band 3.7e-4 to 6.1e-4: +-1 % rounding) and the edges sit
    // half-way between grid points 1.2 % apart in g_X: 2 % on each edge.
    expect(rel(borexino[1], 5.4e-4)).toBeLessThan(0.02);
    expect(rel(band[1], 3.7e-4)).toBeLessThan(0.02);
    expect(rel(band[2], 6.1e-4)).toBeLessThan(0.02);
    // The cut lies inside the band: the upper part of the band at 10 MeV is excluded.
    expect(borexino[1]).toBeGreaterThan(band[1]);
    expect(borexino[1]).toBeLessThan(band[2]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.grid.radiative).toBe('eps radiative (0 in the UV)');
    expect(manifest.constraints.find((c: { id: string }) => c.id === 'mixing').notes[0]).toMatch(/DarkCast's modulus convention/);
  });

  it('at eps = 0 Borexino excludes nothing there', async () => {
    const out = join(dir, 'eps0-out');
    const r = await runCli(['scan', spec('eps0', 'Lmu-Ltau', 'eps: 0'), '--out', out, '--progress', 'none', '--backend', 'cpu', ...DATA]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'boundaries', 'Lmu-Ltau', 'borexino.lmt'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.products.boundaries.models['Lmu-Ltau'].excludes_nothing).toContain('borexino');
  });

  it('kind: fit minimises over g_X alone and reports k_rad(0) (VALIDATION §19)', async () => {
    const path = join(dir, 'fit.yaml');
    writeFileSync(
      path,
      [
        'kind: fit',
        'name: fit-rad',
        'models: [Lmu-Ltau, Le-Lmu]',
        'mx: 0.01',
        'gx: { min: 1.0e-6, max: 1.0e-1, n: 61 }',
        'mixing: radiative',
      ].join('\n'),
    );
    const out = join(dir, 'fit-out');
    const r = await runCli(['scan', path, '--out', out, '--progress', 'none', '--backend', 'cpu', ...DATA]);
    expect(r.code, r.stderr).toBe(0);
    const fits = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8')) as {
      model: { name: string };
      best: { gx: number; eps_e_over_gx: number; chi2: number };
      viable: boolean;
    }[];
    const by = Object.fromEntries(fits.map((f) => [f.model.name, f]));
    expect(rel(by['Lmu-Ltau'].best.eps_e_over_gx, 4.370605e-3)).toBeLessThan(1e-4);
    expect(rel(by['Le-Lmu'].best.eps_e_over_gx, 8.256228e-3)).toBeLessThan(1e-4);
    // L_mu - L_tau explains (g-2)_mu at 10 MeV below Borexino's cut (VALIDATION §19: band 3.7e-4 to 6.1e-4, cut 5.4e-4).
    expect(by['Lmu-Ltau'].viable).toBe(true);
    expect(by['Lmu-Ltau'].best.gx).toBeGreaterThan(3.7e-4);
    expect(by['Lmu-Ltau'].best.gx).toBeLessThan(5.4e-4);
    // L_e - L_mu is excluded (SPEC §3.7: NA64, Borexino, NSI).
    expect(by['Le-Lmu'].viable).toBe(false);
  });

  it('u1x fit --mixing radiative fixes k at k_rad(0) (VALIDATION §19) and agrees with the fit kind', async () => {
    const r = await runCli([
      'fit',
      '--models',
      'Lmu-Ltau,Le-Lmu',
      '--mx',
      '0.01',
      '--gx-points',
      '61',
      '--mixing',
      'radiative',
      '--json',
      '--progress',
      'none',
      ...DATA,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const fits = JSON.parse(r.stdout) as { model: { name: string }; best: { gx: number; eps_e_over_gx: number }; viable: boolean }[];
    const by = Object.fromEntries(fits.map((f) => [f.model.name, f]));
    expect(rel(by['Lmu-Ltau'].best.eps_e_over_gx, 4.370605e-3)).toBeLessThan(1e-4);
    expect(rel(by['Le-Lmu'].best.eps_e_over_gx, 8.256228e-3)).toBeLessThan(1e-4);
    expect(by['Lmu-Ltau'].viable).toBe(true);
    expect(by['Lmu-Ltau'].best.gx).toBeGreaterThan(3.7e-4);
    expect(by['Lmu-Ltau'].best.gx).toBeLessThan(5.4e-4);
    const quark = await runCli(['fit', '--models', 'B-3Lmu', '--mx', '0.01', '--mixing', 'radiative', ...DATA]);
    expect(quark.code).toBe(2);
    expect(userLines(quark.stderr)).toEqual([`u1x: ${SCOPE}`]);
  });

  it('a quark-charged model: exit 2 with the SPEC message, no output', async () => {
    const out = join(dir, 'quark-out');
    const r = await runCli([
      'scan',
      spec('quark', '[Lmu-Ltau, B-3Lmu]', 'mixing: radiative'),
      '--out',
      out,
      '--progress',
      'none',
      '--backend',
      'cpu',
      ...DATA,
    ]);
    expect(r.code).toBe(2);
    const lines = userLines(r.stderr);
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(`${SCOPE} (model B-3Lmu)`);
    expect(existsSync(out)).toBe(false);
  });
});
