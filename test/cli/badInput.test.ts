// Bad input: one clear line on stderr, exit code 2, and no output directory left behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { expectRejected } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('bad');

function spec(name: string, body: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, body);
  return path;
}

describe('bad input is refused cleanly', () => {
  it('unknown model (point)', () => expectRejected(['point', '--model', 'L_mu-nonsense', '--mx', '0.1', '--gx', '1e-3'], /unknown model/));
  it('negative mass (point)', () => expectRejected(['point', '--model', 'Lmu-Ltau', '--mx', '-0.1', '--gx', '1e-3'], /--mx must be > 0/));
  it('NaN mass (point)', () =>
    expectRejected(['point', '--model', 'Lmu-Ltau', '--mx', 'NaN', '--gx', '1e-3'], /--mx must be a finite number/));
  it('|eps| >= 1 (point)', () => expectRejected(['point', '--model', 'Lmu-Ltau', '--mx', '0.1', '--gx', '1e-3', '--eps', '2'], /--eps/));

  const base = 'gx: { min: 1e-5, max: 1e-2, n: 10 }\neps: 0\n';
  it('unknown model (scan)', () => {
    const out = join(dir, 'o1');
    return expectRejected(['scan', spec('unknown-model', `models: NoSuchModel\nmx: 0.1\n${base}`), '--out', out], /unknown model/, out);
  });
  it('negative mass (scan)', () => {
    const out = join(dir, 'o2');
    return expectRejected(
      ['scan', spec('neg-mass', `models: Lmu-Ltau\nmx: { values: [0.1, -0.2] }\n${base}`), '--out', out],
      /axis mx: value -0.2 must be > 0/,
      out,
    );
  });
  it('NaN mass (scan, JSON spec)', () => {
    const out = join(dir, 'o3');
    const path = join(dir, 'nan.json');
    writeFileSync(path, '{"models": "Lmu-Ltau", "mx": {"values": [0.1, NaN]}, "gx": 1e-3}');
    return expectRejected(['scan', path, '--out', out], /nan\.json: not valid JSON/, out);
  });
  it('NaN mass (scan, YAML .nan)', () => {
    const out = join(dir, 'o3b');
    return expectRejected(
      ['scan', spec('nan-yaml', `models: Lmu-Ltau\nmx: { values: [0.1, .nan] }\n${base}`), '--out', out],
      /nan-yaml\.yaml: mx\.values\.1: .*NaN/,
      out,
    );
  });
  it('empty axis (scan)', () => {
    const out = join(dir, 'o4');
    return expectRejected(
      ['scan', spec('empty', `models: Lmu-Ltau\nmx: { values: [] }\n${base}`), '--out', out],
      /axis mx: empty list of values/,
      out,
    );
  });
  it('a 10^15-point grid without --force', () => {
    const out = join(dir, 'o5');
    const body =
      'models: Lmu-Ltau\nmx: { min: 0.01, max: 1, n: 100000 }\ngx: { min: 1e-6, max: 1e-1, n: 100000 }\neps: { min: -1e-3, max: 1e-3, n: 100000, scale: lin }\n';
    return expectRejected(['scan', spec('huge', body), '--out', out], /1\.00e\+15 points.*--force/, out);
  });
  it('unreadable spec', () =>
    expectRejected(
      ['scan', join(dir, 'does-not-exist.yaml'), '--out', join(dir, 'o6')],
      /cannot read scan spec .*ENOENT/,
      join(dir, 'o6'),
    ));
  it('invalid YAML', () => {
    const out = join(dir, 'o7');
    return expectRejected(['scan', spec('broken', 'models: [Lmu-Ltau\nmx: 0.1\n'), '--out', out], /broken\.yaml: not valid YAML/, out);
  });
  it('unknown key in a spec', () => {
    const out = join(dir, 'o8');
    return expectRejected(['scan', spec('typo', `models: Lmu-Ltau\nmx: 0.1\nmass: 3\n${base}`), '--out', out], /typo\.yaml: .*mass/, out);
  });
  it('unknown constraint', () => {
    const out = join(dir, 'o9');
    return expectRejected(
      ['scan', spec('constraint', `models: Lmu-Ltau\nmx: 0.1\n${base}constraints: [amu, nope]\n`), '--out', out],
      /unknown constraint 'nope'/,
      out,
    );
  });
  it('unknown dataset', () => {
    const out = join(dir, 'o10');
    return expectRejected(
      ['scan', spec('dataset', `models: Lmu-Ltau\nmx: 0.1\n${base}datasets: { amu: amu-1999 }\n`), '--out', out],
      /unknown amu dataset 'amu-1999'/,
      out,
    );
  });
});
