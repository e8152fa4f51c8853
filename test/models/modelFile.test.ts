import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/models/resolve.js';
import { UserError } from '../../src/util/errors.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('models');
const write = (name: string, content: unknown) => {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
};
const load = (name: string, allowAnomalous = false) => resolveModel(name, { cwd: dir, allowAnomalous });
const failure = (name: string) => {
  try {
    load(name);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error(`${name} loaded but should not`);
};

const third = '1/3';
const B3Lmu = { Q: [third, third, third], U: [third, third, third], D: [third, third, third], L: [0, -3, 0], E: [0, -3, 0], N: [0, -3, 0] };

describe('model files', () => {
  it('reads the charges form with fractions as strings', () => {
    const m = load(write('b3lmu.json', { name: 'my B-3Lmu', charges: B3Lmu }));
    expect(m.id).toBe('my B-3Lmu');
    expect(m.category).toBe('vector');
    expect(m.c).toEqual({ B: 1, e: 0, mu: -3, tau: 0 });
    expect(m.record.pV).toBeCloseTo(1, 14);
  });

  it('reads YAML, and decimals that are exact (0.5)', () => {
    const yaml = `name: half\ncharges:\n  Q: ["1/2", 0.5, "0.5"]\n  U: [0.5, 0.5, 0.5]\n  D: [0.5, 0.5, 0.5]\n  L: [-4.5, 0, 0]\n  E: [-4.5, 0, 0]\n  N: [-4.5, 0, 0]\n`;
    for (const ext of ['yaml', 'yml']) {
      const m = load(write(`half.${ext}`, yaml));
      expect(m.c).toEqual({ B: 1.5, e: -4.5, mu: 0, tau: 0 });
    }
  });

  it('reads the vector c form: x_f = cB B + ce Le + cmu Lmu + ctau Ltau', () => {
    const m = load(write('c.json', { name: 'family', c: { B: 3, e: -6, mu: 2, tau: -5 } }));
    expect(m.category).toBe('vector');
    expect(m.charges.Q).toEqual([1, 1, 1]);
    expect(m.charges.L).toEqual([-6, 2, -5]);
    expect(m.charges.N).toEqual([-6, 2, -5]);
    const withN = load(write('cN.json', { name: 'lmt', c: { B: 0, e: 0, mu: 1, tau: -1, N: [1, 0, -1] } }));
    expect(withN.charges.N).toEqual([1, 0, -1]);
  });

  it('a chiral charges file is categorised chiral', () => {
    const m = load(
      write('chiral.json', {
        name: 'tilde',
        charges: { Q: [0, 0, 0], U: [0, 0, 0], D: [0, 0, 0], L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] },
      }),
    );
    expect(m.category).toBe('chiral');
    expect(m.record.eA).toBe(-1);
  });

  it('rejects an anomalous model naming the failing condition and its value', () => {
    const q = ['0.333', '0.333', '0.333'];
    const msg = failure(write('bad.json', { name: 'x', charges: { ...B3Lmu, Q: q, U: q, D: q } }));
    expect(msg).toContain('bad.json');
    // 9 x 0.333 - 3 and -27 x 0.333 + 9 (SPEC §3.1); the other four conditions hold
    expect(msg).toContain('A2 (SU(2)^2 U(1)_X) = -3/1000 instead of 0; A3 (Y^2 U(1)_X) = 9/1000 instead of 0');
    expect(msg).not.toContain('A1');
    expect(msg).toContain('"1/3"'); // the hint about decimals
    expect(msg).toContain('--allow-anomalous');
  });

  it('--allow-anomalous lets it through', () => {
    const m = load(write('bad2.json', { name: 'x', charges: { ...B3Lmu, N: [0, 0, 0] } }), true);
    expect(m.id).toBe('x');
  });

  it('points at the negated-lepton convention of G2 eq. 4.3', () => {
    const msg = failure(write('negated.json', { name: 'g2-4.3', c: { B: 1, e: 0, mu: 3, tau: 0 } }));
    expect(msg).toMatch(/A2 .* = 6 instead of 0/);
    expect(msg).toContain('G2 eq. 4.3');
  });

  it('names the file and the problem for malformed input', () => {
    expect(failure(write('short.json', { name: 'x', charges: { ...B3Lmu, L: [0, -3] } }))).toMatch(/short\.json: charges\.L: .*3 entries/);
    expect(failure(write('word.json', { name: 'x', charges: { ...B3Lmu, E: [0, 'minus three', 0] } }))).toMatch(
      /word\.json: charges\.E\[1\]: cannot read "minus three"/,
    );
    expect(failure(write('noname.json', { charges: B3Lmu }))).toMatch(/noname\.json: name: .*"name"/);
    expect(failure(write('both.json', { name: 'x', charges: B3Lmu, c: { B: 0, e: 0, mu: 1, tau: -1 } }))).toMatch(
      /exactly one of "charges" .* or "c"/,
    );
    expect(failure(write('extra.json', { name: 'x', charges: { ...B3Lmu, H: [0, 0, 0] } }))).toMatch(/extra\.json: charges: .*H/);
    expect(failure(write('broken.json', '{"name": '))).toMatch(/broken\.json: invalid JSON/);
    expect(failure(write('broken.yaml', 'name: [unclosed'))).toMatch(/broken\.yaml: invalid YAML/);
    expect(failure('missing.json')).toBe('model file missing.json: not found');
  });
});
