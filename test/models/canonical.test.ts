import { describe, expect, it } from 'vitest';
import { canonicalSign, negated, primitiveIntegers, setKey, vectorTupleSign } from '../../src/models/canonical.js';
import { canonicalVectorTuple } from '../../src/models/catalog.js';
import { chiralModelId, parseModelId, vectorModelId } from '../../src/models/ids.js';
import { Rational } from '../../src/models/rational.js';

describe('sign rule and ids (ids.ts)', () => {
  it('the fast vector sign agrees with the general rule on every tuple in a box', () => {
    for (let q = -2; q <= 2; q++)
      for (let a = -3; a <= 3; a++)
        for (let b = -3; b <= 3; b++)
          for (let c = -3; c <= 3; c++) {
            const general = canonicalSign(setKey(q, [[a, b, c]]), setKey(-q, [negated([a, b, c])]), [q, a, b, c]);
            expect(vectorTupleSign(q, a, b, c), `${[q, a, b, c]}`).toBe(general);
          }
  });

  it('a model and its negative get one id; multiples get the primitive id', () => {
    const id = (q: number, l: number[]) => vectorModelId(canonicalVectorTuple(q, l));
    expect(id(1, [0, -9, 0])).toBe('v:3:0:-9:0');
    expect(id(-1, [0, 9, 0])).toBe('v:3:0:-9:0');
    expect(id(-2, [0, 18, 0])).toBe('v:3:0:-9:0');
    expect(id(0, [0, -1, 1])).toBe('v:0:0:1:-1'); // self-conjugate set: first non-zero entry positive
    expect(id(0, [0, 0, 0])).toBe('v:0:0:0:0');
  });

  it('ids parse back', () => {
    expect(parseModelId('v:3:0:-9:0')).toEqual({ kind: 'vector', cB: 3, l: [0, -9, 0] });
    const t = { xq: 0, L: [-1, 7, -6], E: [1, 6, -7], N: [-7, -2, 9] } as const;
    expect(parseModelId(chiralModelId({ xq: 0, L: [...t.L], E: [...t.E], N: [...t.N] }))).toEqual({
      kind: 'chiral',
      cB: 0,
      L: [-1, 7, -6],
      E: [1, 6, -7],
      N: [-7, -2, 9],
    });
    for (const bad of ['v:1:2:3', 'x:1:2:3:4', 'v:1:2:3:4:5', 'v:a:0:0:0', 'v:99999999999999999999:0:0:0']) {
      expect(parseModelId(bad), bad).toBeUndefined();
    }
  });

  it('rational charges scale to the primitive integer tuple', () => {
    expect(primitiveIntegers([Rational.of(1, 3), Rational.of(0), Rational.of(-3)])).toEqual([1, 0, -9]);
    expect(primitiveIntegers([Rational.of(2), Rational.of(-4)])).toEqual([1, -2]);
    expect(primitiveIntegers([Rational.of(0), Rational.of(0)])).toEqual([0, 0]);
  });
});
