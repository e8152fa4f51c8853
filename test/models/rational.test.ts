import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/models/rational.js';

describe('Rational', () => {
  it('reads integers, fractions and decimals exactly', () => {
    expect(String(Rational.parse('3'))).toBe('3');
    expect(String(Rational.parse('-2/6'))).toBe('-1/3');
    expect(String(Rational.parse('0.25'))).toBe('1/4');
    expect(String(Rational.parse('-.5'))).toBe('-1/2');
    expect(String(Rational.parse('1e-3'))).toBe('1/1000');
    expect(String(Rational.parse('2.5E2'))).toBe('250');
    expect(String(Rational.fromNumber(0.1))).toBe('1/10');
  });

  it('rejects what is not a number', () => {
    for (const s of ['', 'abc', '1/0', '1/-3', '.', '1.2.3', '--1']) expect(Rational.parse(s)).toBeUndefined();
  });

  it('does exact arithmetic where floats do not', () => {
    const third = Rational.of(1, 3);
    expect(third.add(third).add(third).equals(Rational.ONE)).toBe(true);
    // 9 * 0.333 - 3 is -3/1000 exactly, not -0.0030000000000001137
    expect(String(Rational.parse('0.333')!.mul(Rational.of(9)).sub(Rational.of(3)))).toBe('-3/1000');
    expect(String(Rational.of(-2, 3).pow(3))).toBe('-8/27');
    expect(Rational.of(1, 3).compare(Rational.of(1, 4))).toBe(1);
  });
});
