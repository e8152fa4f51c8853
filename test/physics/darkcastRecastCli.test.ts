// `u1x recast` end to end on the command object (no process spawn).
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { registerRecastCommand } from '../../src/cli/commands/recast.js';
import { LIMIT_CATALOG } from '../../src/physics/darkcast/index.js';
import { UserError } from '../../src/util/errors.js';

requireShared(DARKCAST_DIR);

async function run(args: string[], env: Record<string, string | undefined> = { U1X_DARKCAST: DARKCAST_DIR }): Promise<string> {
  let out = '';
  const program = new Command().exitOverride();
  registerRecastCommand(program, { out: (s) => (out += s), env });
  await program.parseAsync(['recast', ...args], { from: 'user' });
  return out;
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('u1x recast', () => {
  test('--limit list prints every id; --json gives the catalog facts', async () => {
    const text = await run(['--limit', 'list']);
    for (const e of LIMIT_CATALOG) expect(text).toContain(e.id);
    const json = JSON.parse(await run(['--limit', 'list', '--json']));
    expect(json.length).toBe(LIMIT_CATALOG.length);
    expect(json.find((e: { id: string }) => e.id === 'babar_2016_4mu').u1x_override).toMatch(/muon/);
  });

  test('JSON: one object per mass; a unique prefix selects the limit', async () => {
    const rows = JSON.parse(await run(['--limit', 'babar_2014', '--model', 'B-L', '--masses', '0.5,0.78', '--json']));
    expect(rows.length).toBe(2);
    expect(rows[0].mx).toBe(0.5);
    expect(rel(rows[0].excluded_from, 2.5563e-4)).toBeLessThan(1.2e-4);
    expect(rows[0].excluded_to).toBeNull();
    // 0.78 GeV lies in BaBar's vetoed ω window.
    expect(rows[1]).toEqual({ mx: 0.78, excluded_from: null, excluded_to: null });
  });

  test('double-sided limits give both edges; a closed island gives nulls', async () => {
    const rows = JSON.parse(
      await run(['--limit', 'na64_2019_visible', '--model', 'B-L', '--masses', '0.005,0.02', '--json', '--darkcast', DARKCAST_DIR], {}),
    );
    expect(rel(rows[0].excluded_from, 2.757e-5)).toBeLessThan(1.2e-4);
    expect(rel(rows[0].excluded_to, 6.045e-4)).toBeLessThan(1.2e-4);
    expect(rows[1]).toEqual({ mx: 0.02, excluded_from: null, excluded_to: null });
  });

  test('several bands become lists (B−L with kinetic mixing that cancels the electron coupling)', async () => {
    const [row] = JSON.parse(await run(['--limit', 'babar_2014_visible', '--model', 'B-L', '--masses', '0.5', '--eps', '-1e-3', '--json']));
    expect(row.excluded_from.length).toBe(2);
    expect(row.excluded_to.length).toBe(2);
    expect(row.excluded_from[0]).toBe(0);
    expect(row.excluded_to[1]).toBeNull();
  });

  test("default masses are the limit's own; text output has a header and one row per band", async () => {
    const text = await run(['--limit', 'apex_2011_visible', '--model', 'dark_photon']);
    const rows = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows.length).toBe(97);
    expect(text).toMatch(/# u1x recast of apex_2011_visible \(DarkCast APEX_Abrahamyan2011gv; Abrahamyan:2011gv, arXiv:1108\.2750\)/);
    expect(rows[0].trim().split(/\s+/)[2]).toBe('inf');
  });

  test('conventions: BaBar 2016 for L_μ−L_τ is ~50× weaker in DarkCast’s reading', async () => {
    const [u1x] = JSON.parse(await run(['--limit', 'babar_2016', '--model', 'Lmu-Ltau', '--masses', '0.25', '--json']));
    const [dc] = JSON.parse(
      await run(['--limit', 'babar_2016', '--model', 'Lmu-Ltau', '--masses', '0.25', '--json', '--convention', 'darkcast']),
    );
    expect(dc.excluded_from / u1x.excluded_from).toBeGreaterThan(45);
  });

  test('u1x models through the model resolver', async () => {
    const [row] = JSON.parse(await run(['--limit', 'babar_2016_4mu', '--model', 'u1x:Lmu-Ltau', '--masses', '0.5', '--json']));
    expect(row.excluded_from).toBeGreaterThan(1e-4);
    expect(row.excluded_from).toBeLessThan(1e-2);
  });

  test('without a data variable it reads the bundled copy (data/external/darkcast-1.2), with the same result', async () => {
    const args = ['--limit', 'babar_2014', '--model', 'B-L', '--masses', '0.5,2', '--json'];
    expect(await run(args, {})).toBe(await run(args));
  });

  test('user errors: ambiguous prefix, unknown limit, missing model, data switched off or absent', async () => {
    await expect(run(['--limit', 'na64_2019', '--model', 'B-L'])).rejects.toThrow(
      /ambiguous: na64_2019_visible, na64_2019_invisible|ambiguous: na64_2019_invisible, na64_2019_visible/,
    );
    await expect(run(['--limit', 'nope', '--model', 'B-L'])).rejects.toThrow(/unknown limit 'nope'/);
    await expect(run(['--limit', 'babar_2014'])).rejects.toThrow(/--model is required/);
    await expect(run(['--limit', 'babar_2014', '--model', 'B-L'], { U1X_DARKCAST: 'none' })).rejects.toThrow(UserError);
    await expect(run(['--limit', 'babar_2014', '--model', 'B-L'], { U1X_DARKCAST: 'none' })).rejects.toThrow(/switched off/);
    await expect(run(['--limit', 'babar_2014', '--model', 'B-L', '--darkcast', '/nonexistent/dc'])).rejects.toThrow(/does not exist/);
    await expect(run(['--limit', 'babar_2014', '--model', 'B-L', '--masses', '0.5,x'])).rejects.toThrow(/--masses/);
  });
});
