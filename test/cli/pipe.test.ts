// Every command's output reaches a pipe complete. The CLI ends with process.exit() (the WebGPU instance keeps
// the event loop alive); before the fix that cut a pipe at 64 KiB (the kernel's pipe buffer), silently.
// runCli reads the child's stdout through a pipe, so each case below is "u1x ... | consumer".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMIT_CATALOG } from '../../src/physics/darkcast/index.js';
import { runCli, runCliToFile, runPipeline } from '../helpers/cli.js';
import { COHERENT_DIR, DARKCAST_DIR, requireShared } from '../helpers/shared.js';
import { hasGpu } from '../helpers/gpu.js';
import { suiteTempDir } from '../helpers/tmp.js';

requireShared(DARKCAST_DIR);
const dir = suiteTempDir('pipe');
const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];
const PIPE_BUFFER = 64 * 1024;

async function piped(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('output through a pipe is complete', () => {
  it('models --json --max-charge 16 (> 1 MB): the same bytes as a file redirect, valid JSON, every model', async () => {
    const file = join(dir, 'models16.json');
    const [viaPipe, viaFile, counts] = await Promise.all([
      piped(['models', '--json', '--max-charge', '16']),
      runCliToFile(['models', '--json', '--max-charge', '16'], file),
      piped(['models', '--count', '--json', '--max-charge', '16']),
    ]);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    const fromFile = readFileSync(file, 'utf8');
    expect(fromFile.length).toBeGreaterThan(1_000_000);
    expect(viaPipe.length).toBe(fromFile.length);
    expect(viaPipe === fromFile).toBe(true);
    const models = JSON.parse(viaPipe) as unknown[];
    const c = JSON.parse(counts) as { vectorModels: number; chiralModels: number };
    expect(models).toHaveLength(c.vectorModels + c.chiralModels);
  });

  it('a reader that stops early (| head -1) ends the output quietly: exit 0, no EPIPE text', async () => {
    const r = await runPipeline('u1x models --json --max-charge 16 | head -1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('[\n');
    expect(r.stderr).toBe('');
  });

  it('models: table, CSV and --sets --json agree on the number of entries', async () => {
    const [json, table, csv, sets, setsCount] = await Promise.all([
      piped(['models', '--json', '--max-charge', '12']),
      piped(['models', '--max-charge', '12']),
      piped(['models', '--csv', '--max-charge', '12']),
      piped(['models', '--sets', '--json', '--max-charge', '10']),
      piped(['models', '--count', '--json', '--max-charge', '10']),
    ]);
    const n = (JSON.parse(json) as unknown[]).length;
    for (const text of [table, csv]) {
      expect(text.length).toBeGreaterThan(PIPE_BUFFER);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.trimEnd().split('\n')).toHaveLength(n + 1);
    }
    expect(sets.length).toBeGreaterThan(PIPE_BUFFER / 2);
    expect(JSON.parse(sets)).toHaveLength((JSON.parse(setsCount) as { sets: number }).sets);
    const benchmarks = JSON.parse(await piped(['models', '--benchmarks', '--json'])) as unknown[];
    expect(benchmarks.length).toBeGreaterThan(5);
  });

  it('recast --json (> 64 KiB) and --limit list --json', async () => {
    const args = ['recast', '--limit', 'babar_2014', '--model', 'Lmu-Ltau', '--json', '--darkcast', DARKCAST_DIR];
    const file = join(dir, 'recast.json');
    const [viaPipe, viaFile, list] = await Promise.all([
      piped(args),
      runCliToFile(args, file),
      piped(['recast', '--limit', 'list', '--json']),
    ]);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    expect(viaPipe.length).toBeGreaterThan(PIPE_BUFFER);
    expect(viaPipe === readFileSync(file, 'utf8')).toBe(true);
    for (const row of JSON.parse(viaPipe) as { mx: number }[]) expect(Number.isFinite(row.mx)).toBe(true);
    expect(JSON.parse(list)).toHaveLength(LIMIT_CATALOG.length);
  });

  it('fit --json and --csv on a small model set', async () => {
    const args = [
      'fit',
      '--models',
      'Lmu-Ltau,B-L',
      '--mx',
      '0.2',
      '--backend',
      'cpu',
      '--gx-points',
      '21',
      '--k-points',
      '21',
      '--progress',
      'none',
      ...DATA,
    ];
    const [json, csv] = await Promise.all([piped([...args, '--json']), piped([...args, '--csv'])]);
    const fits = JSON.parse(json) as { model: { name: string }; best: { chi2: number } }[];
    expect(fits.map((f) => f.model.name).sort()).toEqual(['B-L', 'Lmu-Ltau']);
    for (const f of fits) expect(Number.isFinite(f.best.chi2)).toBe(true);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.trimEnd().split('\n')).toHaveLength(3);
  });

  it('point: JSON and the table', async () => {
    const args = ['point', '--model', 'Lmu-Ltau', '--mx', '0.2', '--gx', '1e-3', ...DATA];
    const [json, table] = await Promise.all([piped([...args, '--json']), piped(args)]);
    expect(typeof (JSON.parse(json) as { chi2_total: number }).chi2_total).toBe('number');
    expect(table).toMatch(/\ntotal chi2 = [^\n]+\n/);
  });

  it('doctor (text and --json), kernels --emit and --help', async () => {
    const [text, json, kernels, help] = await Promise.all([
      piped(['doctor', ...DATA]),
      piped(['doctor', '--json', ...DATA]),
      piped(['kernels', '--emit', join(dir, 'kernels'), '--constraints', 'amu,ae', ...DATA]),
      piped(['--help']),
    ]);
    expect(text).toMatch(/\nDarkCast data: [^\n]+\n$/);
    expect(JSON.parse(json)).toHaveProperty('data.darkcast.found', true);
    expect(kernels).toMatch(/^wrote 4 kernels to .*amu\.points\.wgsl, ae\.points\.wgsl, scan\.grid\.wgsl, scan\.grid\.js\n$/);
    expect(help).toMatch(/Commands:[\s\S]*kernels[\s\S]*\n$/);
  });

  it.skipIf(!hasGpu)('verify: text ends with PASS, --json parses', async () => {
    const args = ['verify', '--points', '200', '--constraints', 'amu,ae', ...DATA];
    const text = await piped(args);
    expect(text).toMatch(/\nPASS\n$/);
    const json = JSON.parse(await piped([...args, '--json'])) as { pass: boolean; points: number };
    expect(json.pass).toBe(true);
    expect(json.points).toBe(200);
  });
});
