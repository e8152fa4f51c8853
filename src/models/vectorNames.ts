// Readable names of vector models and the small expression language that reads them back, so that
// every name u1x prints (e.g. `3B-6Le-3Ltau+3(Lmu-Ltau)`) is also a valid --model argument.
// Coefficients are this spec's direct ones: x_f = cB B + ce L_e + cmu L_mu + ctau L_tau (SPEC §3.3).
import { Rational } from './rational.js';

export type ExactVector = { B: Rational; e: Rational; mu: Rational; tau: Rational };

const abs = (r: Rational) => (r.num < 0n ? r.neg() : r);

function term(k: Rational, symbol: string, first: boolean): string {
  const sign = k.num < 0n ? '-' : first ? '' : '+';
  const m = abs(k);
  const coef = m.equals(Rational.ONE) ? '' : m.isInteger() ? String(m) : `(${m})`;
  return sign + coef + symbol;
}

function sumOfTerms(terms: [Rational, string][]): string {
  return terms
    .filter(([k]) => !k.isZero())
    .map(([k, s], i) => term(k, s, i === 0))
    .join('');
}

/**
 * Name rule: `dark-photon` for all-zero charges; `cB B + l L` when the three lepton charges are equal;
 * the G2 §4.2 family form `cB B + ce Le + (cmu+ctau) Ltau + cmu (Lmu-Ltau)` when all four coefficients
 * are non-zero, cmu and ctau have opposite signs and |cmu| < |ctau| (so `3B-6Le-3Ltau+3(Lmu-Ltau)`
 * reads as a member of its family);
 * otherwise the plain sum `cB B + ce Le + cmu Lmu + ctau Ltau`. Zero terms and unit coefficients are
 * dropped.
 */
export function vectorModelName(c: ExactVector): string {
  const { B, e, mu, tau } = c;
  if ([B, e, mu, tau].every((x) => x.isZero())) return 'dark-photon';
  if (!e.isZero() && e.equals(mu) && e.equals(tau))
    return sumOfTerms([
      [B, 'B'],
      [e, 'L'],
    ]);
  const allNonZero = [B, e, mu, tau].every((x) => !x.isZero());
  const oppositeSigns = mu.num < 0n !== tau.num < 0n;
  if (allNonZero && oppositeSigns && abs(mu).compare(abs(tau)) < 0) {
    const base = sumOfTerms([
      [B, 'B'],
      [e, 'Le'],
      [mu.add(tau), 'Ltau'],
    ]);
    return base + term(mu, '(Lmu-Ltau)', false);
  }
  return sumOfTerms([
    [B, 'B'],
    [e, 'Le'],
    [mu, 'Lmu'],
    [tau, 'Ltau'],
  ]);
}

// ---- the expression language ---------------------------------------------------------------------
// expr := ['+'|'-'] product (('+'|'-') product)*      product := factor ('*'? factor)*
// factor := number | B | L | Le | Lmu | Ltau | '(' expr ')'      (case-insensitive; spaces, '_' ignored;
// L = Le + Lmu + Ltau). A number may only be followed by '*', '(', a symbol, or an operator.

type Value = { k: Rational; v: [Rational, Rational, Rational, Rational] }; // constant part, (B, e, mu, tau)

const SYMBOLS: Record<string, [number, number, number, number]> = {
  b: [1, 0, 0, 0],
  l: [0, 1, 1, 1],
  le: [0, 1, 0, 0],
  lmu: [0, 0, 1, 0],
  ltau: [0, 0, 0, 1],
};

type Token = { t: 'num'; r: Rational } | { t: 'sym'; name: string } | { t: 'op'; op: string };

function tokenize(text: string): Token[] {
  const s = text.toLowerCase().replace(/[\s_]/g, '').replace(/μ/g, 'mu').replace(/τ/g, 'tau');
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const num = /^\d+(\.\d+)?(\/\d+)?/.exec(rest);
    const sym = /^(ltau|lmu|le|l|b)/.exec(rest); // longest symbol first
    if (num) {
      const r = Rational.parse(num[0]);
      if (!r) throw new SyntaxError(`bad number '${num[0]}'`);
      tokens.push({ t: 'num', r });
      i += num[0].length;
    } else if (/^b\d/.test(rest)) {
      throw new SyntaxError('per-family baryon numbers (B3) are not vector models; use the benchmark 9B3-8Lmu-Ltau');
    } else if (sym) {
      tokens.push({ t: 'sym', name: sym[1] });
      i += sym[1].length;
    } else if ('+-*()'.includes(s[i])) {
      tokens.push({ t: 'op', op: s[i] });
      i += 1;
    } else {
      throw new SyntaxError(`unexpected '${s.slice(i, i + 8)}'`);
    }
  }
  return tokens;
}

const ZERO4 = (): Value['v'] => [Rational.ZERO, Rational.ZERO, Rational.ZERO, Rational.ZERO];

function parseTokens(tokens: Token[]): Value {
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (op: string) => peek()?.t === 'op' && (peek() as { op: string }).op === op;

  const factor = (): Value => {
    const tok = tokens[pos++];
    if (!tok) throw new SyntaxError('unexpected end');
    if (tok.t === 'num') {
      const next = peek();
      if (next?.t === 'num') throw new SyntaxError('two numbers in a row');
      return { k: tok.r, v: ZERO4() };
    }
    if (tok.t === 'sym') {
      if (peek()?.t === 'num') throw new SyntaxError(`a number after '${tok.name}' (write the coefficient first, e.g. 3B)`);
      return { k: Rational.ZERO, v: SYMBOLS[tok.name].map((x) => Rational.of(x)) as Value['v'] };
    }
    if (tok.op === '(') {
      const inner = expr();
      if (!isOp(')')) throw new SyntaxError("missing ')'");
      pos++;
      return inner;
    }
    throw new SyntaxError(`unexpected '${tok.op}'`);
  };

  const product = (): Value => {
    let acc = factor();
    for (;;) {
      if (isOp('*')) pos++;
      else if (!(peek() && (peek().t !== 'op' || isOp('(')))) break;
      const f = factor();
      const accHasCharge = acc.v.some((x) => !x.isZero());
      const fHasCharge = f.v.some((x) => !x.isZero());
      if (accHasCharge && fHasCharge) throw new SyntaxError('a product of two charges');
      const [scalar, vec] = accHasCharge ? [f.k, acc.v] : [acc.k, f.v];
      acc =
        accHasCharge || fHasCharge
          ? { k: Rational.ZERO, v: vec.map((x) => x.mul(scalar)) as Value['v'] }
          : { k: acc.k.mul(f.k), v: ZERO4() };
    }
    return acc;
  };

  const expr = (): Value => {
    let sign = 1;
    if (isOp('+') || isOp('-')) sign = (tokens[pos++] as { op: string }).op === '-' ? -1 : 1;
    let acc = scale(product(), sign);
    while (isOp('+') || isOp('-')) {
      const s = (tokens[pos++] as { op: string }).op === '-' ? -1 : 1;
      const p = scale(product(), s);
      acc = { k: acc.k.add(p.k), v: acc.v.map((x, i) => x.add(p.v[i])) as Value['v'] };
    }
    return acc;
  };

  const result = expr();
  if (pos < tokens.length) throw new SyntaxError(`unexpected '${describe(tokens[pos])}'`);
  return result;
}

const scale = (x: Value, s: number): Value => (s === 1 ? x : { k: x.k.neg(), v: x.v.map((r) => r.neg()) as Value['v'] });

const describe = (t: Token) => (t.t === 'num' ? String(t.r) : t.t === 'sym' ? t.name : t.op);

/**
 * Read a vector-model expression such as `B-3Lmu`, `3B-6Le-3Ltau+2(Lmu-Ltau)` or `B - (3/2)(Lmu+Ltau)`.
 * Returns undefined when the text does not look like an expression at all; throws SyntaxError with
 * the reason when it does but is malformed.
 */
export function parseVectorExpression(text: string): ExactVector | undefined {
  if (!/^[\s\dblemutaτμ+\-*()/._]+$/i.test(text) || !/[bl]/i.test(text)) return undefined;
  const value = parseTokens(tokenize(text));
  if (!value.k.isZero()) throw new SyntaxError(`a bare number ${value.k} is not a charge`);
  const [B, e, mu, tau] = value.v;
  return { B, e, mu, tau };
}
