// Exit codes and the command-line surface: a failure never exits 0; usage errors are one line and exit 2,
// checked before any work (so a refused request is quick and writes nothing).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constraintOptions, parseNumber } from '../../src/cli/common.js';
import { expectRejected, runCli } from '../helpers/cli.js';
import { hasGpu } from '../helpers/gpu.js';
import { COHERENT_DIR, DARKCAST_DIR } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('exit');
const DATA = ['--coherent-data', COHERENT_DIR, '--darkcast', DARKCAST_DIR];
const POINT = ['point', '--model', 'Lmu-Ltau', '--mx', '0.1', '--constraints', 'amu'];

describe('a failure exits non-zero', () => {
  it.skipIf(!hasGpu)('verify judged with a zero tolerance prints FAIL and exits 1', async () => {
    // float32 cannot reproduce the float64 (g-2) chi2 to the last bit: with tol = 0 every compared term fails.
    const r = await runCli(['verify', '--points', '40', '--constraints', 'amu', '--tolerance', '0', ...DATA]);
    expect(r.stdout).toMatch(/<= 0 x max/);
    expect(r.stdout).toMatch(/\nFAIL\n$/);
    expect(r.code, r.stderr).toBe(1);
    const json = await runCli(['verify', '--points', '40', '--constraints', 'amu', '--tolerance', '0', '--json', ...DATA]);
    expect(JSON.parse(json.stdout)).toMatchObject({ pass: false, tolerance: 0 });
    expect(json.code).toBe(1);
  });

  it('u1x with no command prints the help to stderr and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: u1x /);
  });

  it('u1x --help is not an error', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: u1x /);
  });
});

describe('usage errors: one line, exit 2', () => {
  it('fit --json --csv', () =>
    expectRejected(['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--json', '--csv'], /one of --json and --csv/));
  it('fit --progress foo', () =>
    expectRejected(
      ['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--progress', 'foo'],
      /--progress must be tty, plain, json or none \(got 'foo'\)/,
    ));
  it('scan --progress foo', () => expectRejected(['scan', '--progress', 'foo', '--out', join(dir, 'never')], /--progress must be/));

  it('--gx 0x10 is not read as 16', () =>
    expectRejected([...POINT, '--gx', '0x10'], /--gx must be a finite number in decimal notation \(got '0x10'\)/));
  it('only decimal and scientific notation are numbers', () => {
    for (const bad of ['0x10', '0b11', '0o17', '1_0', 'Infinity', '-Infinity', 'NaN', '1e', '1e+', '1.2.3', '', ' ', '1 2', '0x1p3']) {
      expect(() => parseNumber('--gx', bad), bad).toThrow(/--gx must be a finite number in decimal notation/);
    }
    for (const [text, value] of [
      ['1e-3', 1e-3],
      ['0.001', 1e-3],
      ['.001', 1e-3],
      ['+1E-3', 1e-3],
      ['-2.5', -2.5],
      ['10', 10],
      ['1.', 1],
      [' 7 ', 7],
    ] as const) {
      expect(parseNumber('--gx', text), text).toBe(value);
    }
    // Constraint options (--option id.name=value) use the same rule: 0x10 stays a string.
    expect(constraintOptions({ 'coherent.x': '0x10', 'coherent.y': '2e3' })).toEqual({ coherent: { x: '0x10', y: 2000 } });
  });

  it('--constraints , (point)', () =>
    expectRejected([...POINT.slice(0, -2), '--gx', '1e-3', '--constraints', ','], /--constraints is empty/));
  it('--constraints , (fit)', () =>
    expectRejected(['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--constraints', ' , '], /--constraints is empty/));
  it('--constraints , (kernels)', () =>
    expectRejected(['kernels', '--emit', join(dir, 'k0'), '--constraints', ','], /--constraints is empty/));
  it('--constraints , (verify)', () => expectRejected(['verify', '--constraints', ','], /--constraints is empty/));
});

describe('requests too large for memory are refused up front, with the numbers', () => {
  it('fit --gx-points 1e9', () =>
    expectRejected(
      ['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--gx-points', '1e9'],
      /--gx-points 1e9 .*needs about 4\d\.\d GB of memory .*may use [\d.]+ GB/,
    ));
  it('verify --points 1e12', () =>
    expectRejected(['verify', '--points', '1e12'], /--points 1e12 needs about 1\.28e\+5 GB of memory .*may use [\d.]+ GB/));
  it('fit --gx-points 2.5 is not a count', () =>
    expectRejected(['fit', '--models', 'Lmu-Ltau', '--mx', '0.2', '--gx-points', '2.5'], /--gx-points must be a positive integer/));
});

describe('output locations checked before any work', () => {
  it('kernels --emit onto an existing regular file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep me\n');
    await expectRejected(['kernels', '--emit', file], /--emit .*a-file: exists and is not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  // Before: both were checked only after the benchmark (minutes); a 60 s limit makes that a failure.
  it('bench --out onto a regular file', async () => {
    const file = join(dir, 'bench-file');
    writeFileSync(file, 'x');
    await expectRejected(['bench', '--quick', '--skip-numpy', '--out', file], /--out .*bench-file exists and is not a directory/);
  }, 60_000);
  it('bench --name ../x', async () => {
    const out = join(dir, 'bench-out');
    await expectRejected(
      ['bench', '--quick', '--skip-numpy', '--out', out, '--name', '../x'],
      /--name: letters, digits, \. _ - only \(got '\.\.\/x'\)/,
    );
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('--dataset reaches every command that evaluates constraints', () => {
  it('scan --dataset amu=amu-2025: the run uses and records it', async () => {
    const spec = join(dir, 'ds.yaml');
    writeFileSync(spec, 'models: Lmu-Ltau\nmx: 0.1\ngx: { min: 1e-4, max: 1e-3, n: 3 }\neps: 0\nconstraints: [amu]\n');
    const out = join(dir, 'ds-out');
    const r = await runCli(['scan', spec, '--out', out, '--backend', 'cpu', '--progress', 'none', '--dataset', 'amu=amu-2025']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { constraints: { id: string; dataset: string }[] };
    expect(manifest.constraints.find((c) => c.id === 'amu')?.dataset).toBe('amu-2025');
    expect(readFileSync(join(out, 'spec.yaml'), 'utf8')).toMatch(/--dataset amu=amu-2025[\s\S]*amu: amu-2025/);
  });
  it('scan --dataset with an unknown dataset is refused', () => {
    const spec = join(dir, 'ds.yaml');
    writeFileSync(spec, 'models: Lmu-Ltau\nmx: 0.1\ngx: 1e-3\neps: 0\nconstraints: [amu]\n');
    return expectRejected(
      ['scan', spec, '--out', join(dir, 'ds-bad'), '--backend', 'cpu', '--dataset', 'amu=amu-1999'],
      /unknown amu dataset 'amu-1999'/,
    );
  });
  it('point --dataset amu=amu-2025 changes (g-2)_mu chi2 (Delta a_mu 38 +- 63 vs 251 +- 59, README)', async () => {
    const args = [...POINT, '--gx', '1e-9', '--json'];
    const [d21, d25] = await Promise.all([runCli(args), runCli([...args, '--dataset', 'amu=amu-2025'])]);
    const chi2 = (s: string) => (JSON.parse(s) as { constraints: { amu: { chi2: number; dataset: string } } }).constraints.amu;
    // At g_X -> 0 the model adds nothing: chi2 = (Delta a_mu / sigma)^2 of the dataset.
    expect(chi2(d21.stdout).chi2).toBeCloseTo((251 / 59) ** 2, 2);
    expect(chi2(d25.stdout).chi2).toBeCloseTo((38 / 63) ** 2, 2);
    expect(chi2(d25.stdout).dataset).toBe('amu-2025');
  });
  it('verify --dataset with an unknown dataset is refused (the option reaches the constraints)', () =>
    expectRejected(['verify', '--points', '10', '--constraints', 'amu', '--dataset', 'amu=amu-1999'], /unknown amu dataset 'amu-1999'/));
  it.skipIf(!hasGpu)('verify --dataset amu=amu-2025 runs', async () => {
    const r = await runCli(['verify', '--points', '20', '--constraints', 'amu', '--dataset', 'amu=amu-2025']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nPASS\n$/);
  });
});

describe('scan specs', () => {
  const write = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, body);
    return path;
  };
  it("mx: {min: .nan} names mx.min, not the list alternative's mx.values", () =>
    expectRejected(
      ['scan', write('nanmin.yaml', 'models: Lmu-Ltau\nmx: {min: .nan, max: 1, n: 3}\ngx: 1e-3\neps: 0\n'), '--out', join(dir, 'n1')],
      /nanmin\.yaml: mx\.min: .*NaN/,
    ));
  it('a list with a bad entry names the entry', () =>
    expectRejected(
      ['scan', write('badlist.yaml', 'models: Lmu-Ltau\nmx: {values: [0.1, x]}\ngx: 1e-3\neps: 0\n'), '--out', join(dir, 'n2')],
      /badlist\.yaml: mx\.values\.1: /,
    ));
  it('a range with a bad n names n', () =>
    expectRejected(
      ['scan', write('badn.yaml', 'models: Lmu-Ltau\nmx: {min: 0.1, max: 1, n: 0.5}\ngx: 1e-3\neps: 0\n'), '--out', join(dir, 'n3')],
      /badn\.yaml: mx\.n: /,
    ));
  it('YAML in a .txt file is read as YAML (only .json is JSON)', async () => {
    const out = join(dir, 'txt-out');
    const spec = write('spec.txt', 'models: Lmu-Ltau\nmx: 0.1\ngx: { min: 1e-4, max: 1e-3, n: 3 }\neps: 0\nconstraints: [amu]\n');
    const r = await runCli(['scan', spec, '--out', out, '--backend', 'cpu', '--progress', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toContain('manifest.json');
  });
  it('a .json file is still JSON: YAML there is refused as invalid JSON', () =>
    expectRejected(
      ['scan', write('yaml.json', 'models: Lmu-Ltau\nmx: 0.1\ngx: 1e-3\n'), '--out', join(dir, 'n4')],
      /yaml\.json: not valid JSON/,
    ));
});
