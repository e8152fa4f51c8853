// `u1x scan --option id.name=value` (issue 14, item 3): a constraint option from the command line over the
// spec's `options`, recorded in the manifest; a bad value is a user error (exit 2, nothing written).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';

const tmp = suiteTempDir('scan-option');
const SPEC = `name: ccfr-option
models: Lmu-Ltau
mx: { min: 0.2, max: 1, n: 3 }
gx: { min: 1.0e-3, max: 1.0e-2, n: 3 }
eps: 0
constraints: [ccfr]
options: { ccfr: { nucleon: false } }
outputs: { cells: false }
`;

describe('u1x scan --option', () => {
  it('overrides the spec and the manifest records it with the variant it selects', async () => {
    const spec = join(tmp, 'spec.yaml');
    writeFileSync(spec, SPEC);
    const run = async (name: string, extra: string[]) => {
      const out = join(tmp, name);
      const r = await runCli(['scan', spec, '--out', out, '--backend', 'cpu', '--progress', 'none', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).constraints.find((c: { id: string }) => c.id === 'ccfr');
    };
    const [fromSpec, fromCli] = await Promise.all([run('spec', []), run('cli', ['--option', 'ccfr.nucleon=true'])]);
    expect(fromSpec.options).toEqual({ nucleon: false });
    expect(fromSpec.variant).toMatch(/coherent on the nucleus only/);
    expect(fromCli.options).toEqual({ nucleon: true });
    expect(fromCli.variant).toMatch(/nucleon-level/);
    expect(fromCli.notes.join(' ')).toMatch(/0\.49 GeV/);
  });

  it('refuses a value of the wrong type (exit 2, one line, nothing written)', async () => {
    const spec = join(tmp, 'spec2.yaml');
    writeFileSync(spec, SPEC);
    const out = join(tmp, 'bad');
    const r = await runCli(['scan', spec, '--out', out, '--backend', 'cpu', '--progress', 'none', '--option', 'ccfr.nucleon=maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option ccfr\.nucleon must be a boolean/);
    expect(existsSync(out)).toBe(false);
  });
});
