// The global fit (SPEC §5.3) end to end through `u1x fit`, on the CPU reference.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';

const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];

describe('u1x fit', () => {
  it('fits benchmark models at 200 MeV with the documented JSON shape', async () => {
    const r = await runCli([
      'fit', '--models', 'Lmu-Ltau,B-3Lmu,Le-Lmu,3B-6Le-3Ltau+3(Lmu-Ltau)', '--mx', '0.2', '--json', '--backend', 'cpu',
      '--gx-points', '101', '--k-points', '401', '--progress', 'none', ...DATA,
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
      expect(Object.keys(row.best.terms).sort()).toEqual(['amu', 'babar_2014_visible', 'borexino', 'coherent', 'na64_2019_invisible', 'nsi_osc']);
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

  it('refuses a fit without models', async () => {
    const r = await runCli(['fit', '--mx', '0.2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give --catalog/);
  });
});
