// Exact rational numbers on bigint, for the anomaly check (SPEC §3.1): user charges like 1/3 must cancel
// exactly, and the cubic condition (A6) overflows float precision long before it overflows bigint.

function gcdBig(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Rational {
  /** Always in lowest terms with den > 0. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational with zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcdBig(n, d);
    return g > 1n ? new Rational(n / g, d / g) : new Rational(n, d);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  /**
   * Parse "3", "-1/3", "0.25", "1e-3" exactly (a decimal is read digit by digit, never through a float).
   * Returns undefined for anything else so callers can word their own error.
   */
  static parse(text: string): Rational | undefined {
    const s = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(s);
    if (frac) return BigInt(frac[2]) === 0n ? undefined : Rational.of(BigInt(frac[1]), BigInt(frac[2]));
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) return undefined;
    const [, sign, whole, fracDigits = '', expText = '0'] = dec;
    let num = BigInt((whole || '0') + fracDigits);
    let den = 10n ** BigInt(fracDigits.length);
    const exp = Number(expText);
    if (Math.abs(exp) > 400) return undefined;
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
    return Rational.of(sign === '-' ? -num : num, den);
  }

  /** A JS number read through its shortest decimal form, so 0.1 means exactly 1/10. */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    const r = Rational.parse(String(x));
    if (!r) throw new RangeError(`cannot read ${x} as a rational`);
    return r;
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  pow(k: number): Rational {
    return new Rational(this.num ** BigInt(k), this.den ** BigInt(k));
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

/** Sum of a list of rationals. */
export function sumRational(xs: readonly Rational[]): Rational {
  return xs.reduce((acc, x) => acc.add(x), Rational.ZERO);
}

/** Least common multiple of the denominators: the factor that makes every entry an integer. */
export function commonDenominator(xs: readonly Rational[]): bigint {
  return xs.reduce((l, x) => (l * x.den) / gcdBig(l, x.den), 1n);
}
