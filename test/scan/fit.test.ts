// The global fit (SPEC §5.3) end to end through `u1x fit`, on the CPU reference.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';

const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];

describe('u1x fit', () => {
  it('fits benchmark models at 200 MeV with the documented JSON shape', async () => {
    const r = await runCli([
      'fit',
      '--models',
      'Lmu-Ltau,B-3Lmu,Le-Lmu,3B-6Le-3Ltau+3(Lmu-Ltau)',
      '--mx',
      '0.2',
      '--json',
      '--backend',
      'cpu',
      '--gx-points',
      '101',
      '--k-points',
      '401',
      '--progress',
      'none',
      ...DATA,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      model: { id: string; name: string; charges: object; c: { B: number; e: number; mu: number; tau: number } | null };
      best: { gx: number; eps: number; eps_e_over_gx: number; chi2: number; terms: Record<string, number> };
      viable: boolean;
    }[];
    expect(rows).toHaveLength(4);
    const by = Object.fromEntries(rows.map((x) => [x.model.name, x]));
    for (const row of rows) {
      expect(Object.keys(row.best.terms).sort()).toEqual([
        'amu',
        'babar_2014_visible',
        'borexino',
        'coherent',
        'na64_2019_invisible',
        'nsi_osc',
      ]);
      const sum = Object.values(row.best.terms).reduce((a, b) => a + b, 0);
      expect(row.best.chi2).toBeCloseTo(sum, 9);
      expect(row.viable).toBe(row.best.chi2 < 4);
    }
    // SM reference printed for comparison: 18.0985 + 0.4444 = 18.543 (VALIDATION §15)
    expect(r.stderr).toMatch(/SM reference chi2 = 18\.543/);
    // L_mu - L_tau: (g-2)_mu fitted exactly, NSI blind to it (x_e = x_B = 0), viable (G2 §4.2)
    const lmt = by['Lmu-Ltau'];
    expect(lmt.viable).toBe(true);
    expect(lmt.best.terms.amu).toBeLessThan(0.05);
    expect(lmt.best.terms.nsi_osc).toBe(0);
    // at 200 MeV the (g-2)_mu central coupling of L_mu - L_tau is ~1.4e-3 (VALIDATION §4: 1.475e-3 at 210 MeV)
    expect(lmt.best.gx).toBeGreaterThan(1.2e-3);
    expect(lmt.best.gx).toBeLessThan(1.6e-3);
    // B - 3L_mu is excluded as the (g-2) explanation by NSI (VALIDATION §7.3) and L_e - L_mu too (MF §3.5.3)
    expect(by['B-3Lmu'].viable).toBe(false);
    expect(by['Le-Lmu'].viable).toBe(false);
    // kinetic mixing of the 3B-6Le-3Ltau family sits near k = -6, where the electron charge cancels (G2 eq. 4.6)
    expect(by['3B-6Le-3Ltau+3(Lmu-Ltau)'].best.eps_e_over_gx).toBeGreaterThan(-7);
    expect(by['3B-6Le-3Ltau+3(Lmu-Ltau)'].best.eps_e_over_gx).toBeLessThan(-5);
  });

  it('reports margins and rewards below the SM, and --clamp coherent removes the COHERENT reward (issue 14)', async () => {
    // 3B - 8L_e - L_tau (c_B = -(c_e + c_mu + c_tau)/3 = 3) is viable at chi2 ~ 3.77 only because COHERENT's
    // full-likelihood Delta chi2 is ~ -0.54 at its best point (the data prefer ~11 % less signal; SPEC
    // §4.6.2 and §5.1: not clamped). Clamped, it must leave the viable list; L_mu - L_tau must not.
    type Row = {
      model: { name: string };
      best: { chi2: number; terms: Record<string, number> };
      viable: boolean;
      margin: number;
      below_sm: { id: string; value: number; sm: number }[];
      clamped: string[];
    };
    const args = [
      'fit',
      '--models',
      'Lmu-Ltau,3B-8Le-Ltau',
      '--mx',
      '0.2',
      '--json',
      '--backend',
      'cpu',
      '--gx-points',
      '101',
      '--k-points',
      '401',
      '--progress',
      'none',
      ...DATA,
    ];
    const [plain, clamped] = await Promise.all([runCli(args), runCli([...args, '--clamp', 'coherent'])]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(clamped.code, clamped.stderr).toBe(0);
    const by = (text: string) => Object.fromEntries((JSON.parse(text) as Row[]).map((x) => [x.model.name, x]));
    const p = by(plain.stdout),
      c = by(clamped.stdout);
    for (const row of [...Object.values(p), ...Object.values(c)]) expect(row.margin).toBe(4 - row.best.chi2);
    expect(p['3B-8Le-Ltau'].clamped).toEqual([]);
    expect(c['3B-8Le-Ltau'].clamped).toEqual(['coherent']);

    const odd = p['3B-8Le-Ltau'];
    expect(odd.viable).toBe(true);
    expect(odd.best.terms.coherent).toBeLessThan(-0.3);
    expect(odd.best.terms.coherent).toBeGreaterThan(-0.6);
    expect(odd.margin).toBeLessThan(-odd.best.terms.coherent); // the reward is larger than the margin
    expect(odd.below_sm.map((b) => b.id)).toContain('coherent');
    expect(odd.below_sm.find((b) => b.id === 'coherent')).toMatchObject({ value: odd.best.terms.coherent, sm: expect.closeTo(0, 6) });
    expect(odd.below_sm.map((b) => b.id)).not.toContain('amu'); // the explained term is not a "reward"

    // Clamped: the term is never negative, the minimum can only rise, and the model is no longer viable.
    for (const row of Object.values(c)) {
      expect(row.best.terms.coherent).toBeGreaterThanOrEqual(0);
      expect(row.below_sm.map((b) => b.id)).not.toContain('coherent');
      expect(row.best.chi2).toBeGreaterThanOrEqual(p[row.model.name].best.chi2 - 1e-9);
    }
    expect(c['3B-8Le-Ltau'].viable).toBe(false);
    expect(c['Lmu-Ltau'].viable).toBe(true);
  });

  it('writes margin, below_sm and clamped columns in the CSV, and refuses to clamp a term that has no clamp', async () => {
    const r = await runCli([
      'fit',
      '--models',
      'Lmu-Ltau',
      '--mx',
      '0.2',
      '--csv',
      '--backend',
      'cpu',
      '--gx-points',
      '41',
      '--k-points',
      '81',
      '--progress',
      'none',
      '--clamp',
      'coherent',
      ...DATA,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const col = (name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 7)).toEqual(['id', 'name', 'viable', 'chi2_min', 'margin', 'below_sm', 'clamped']);
    expect(Number(col('margin'))).toBe(4 - Number(col('chi2_min')));
    expect(col('clamped')).toBe('coherent');
    const bad = await runCli(['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--clamp', 'borexino']);
    expect(bad.code).toBe(2);
    expect(
      bad.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('u1x:')),
    ).toHaveLength(1);
    expect(bad.stderr).toMatch(/'borexino' cannot be clamped/);
  });

  it('refuses a fit without models', async () => {
    const r = await runCli(['fit', '--mx', '0.2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --catalog/);
  });
});
