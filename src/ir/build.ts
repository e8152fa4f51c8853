// Builders for the expression IR. Arguments accept plain numbers for float constants.

import type { B, BinaryOp, F, Fold, InputName, Node, TableRef, Ty, U, UnaryOp } from './expr.js';

export type FLike = F | number;

function typeError(msg: string): never {
  throw new TypeError(`IR: ${msg}`);
}

export function num(v: number): F {
  if (!Number.isFinite(v)) typeError(`non-finite constant ${v}`);
  return { k: 'num', ty: 'f', v } as F;
}

export function uint(v: number): U {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) typeError(`bad u32 constant ${v}`);
  return { k: 'uint', ty: 'u', v } as U;
}

export function bool(v: boolean): B {
  return { k: 'bool', ty: 'b', v } as B;
}

export function f(x: FLike): F {
  if (typeof x === 'number') return num(x);
  if (x.ty !== 'f') typeError(`expected float, got ${x.ty}`);
  return x;
}

export function input(name: InputName): F {
  return { k: 'input', ty: 'f', name } as F;
}

/** A per-model value (coupling-record field or constraint parameter), see kernel/layout. */
export function modelValue(name: string): F {
  return { k: 'model', ty: 'f', name } as F;
}

export function massTable(table: TableRef, col: number | U): F {
  if (table.kind === 'static') typeError(`${table.key} is not a mass table`);
  if (typeof col === 'number' && (col < 0 || col >= table.size)) typeError(`${table.key}: column ${col} out of range`);
  return { k: 'mtab', ty: 'f', table, col: typeof col === 'number' ? uint(col) : col } as F;
}

export function staticTable(table: TableRef, index: number | U): F {
  if (table.kind !== 'static') typeError(`${table.key} is not a static table`);
  return { k: 'stab', ty: 'f', table, index: typeof index === 'number' ? uint(index) : index } as F;
}

function un(op: UnaryOp, a: Node, ty: Ty): Node {
  return { k: 'un', ty, op, a };
}

function bin(op: BinaryOp, a: Node, b: Node, ty: Ty): Node {
  return { k: 'bin', ty, op, a, b };
}

/** Coerce two operands to one numeric type: plain numbers take the type of the other operand. */
function coerce2(op: string, a: FLike | U, b: FLike | U): [Node, Node] {
  const lit = (v: number, like: Node | null) => (like?.ty === 'u' ? uint(v) : num(v));
  const x = typeof a === 'number' ? lit(a, typeof b === 'number' ? null : b) : a;
  const y = typeof b === 'number' ? lit(b, x) : b;
  if (x.ty !== y.ty) typeError(`${op}: mixed types ${x.ty} and ${y.ty}`);
  if ((x as Node).ty === 'b') typeError(`${op}: boolean operands`);
  return [x, y];
}

function arith(op: BinaryOp, a: FLike | U, b: FLike | U): Node {
  const [x, y] = coerce2(op, a, b);
  return bin(op, x, y, x.ty);
}

export function add(a: FLike, b: FLike): F;
export function add(a: U | number, b: U | number): U;
export function add(a: FLike | U, b: FLike | U): Node {
  return arith('add', a, b);
}
export function sub(a: FLike, b: FLike): F {
  return arith('sub', a, b) as F;
}
export function mul(a: FLike, b: FLike): F;
export function mul(a: U, b: U | number): U;
export function mul(a: FLike | U, b: FLike | U): Node {
  return arith('mul', a, b);
}
export function div(a: FLike, b: FLike): F;
export function div(a: U, b: U | number): U;
export function div(a: FLike | U, b: FLike | U): Node {
  return arith('div', a, b);
}
/** Integer remainder. */
export function mod(a: U, b: U | number): U {
  return arith('mod', a, b) as U;
}
export function min(a: FLike, b: FLike): F;
export function min(a: U, b: U | number): U;
export function min(a: FLike | U, b: FLike | U): Node {
  return arith('min', a, b);
}
export function max(a: FLike, b: FLike): F {
  return arith('max', a, b) as F;
}
/** a^b for a > 0 (WGSL pow is undefined for negative bases). */
export function pow(a: FLike, b: FLike): F {
  return bin('pow', f(a), f(b), 'f') as F;
}

/** Sum of any number of float terms (0 for none). */
export function sum(...xs: FLike[]): F {
  if (xs.length === 0) return num(0);
  return xs.map(f).reduce((acc, x) => add(acc, x));
}

export function neg(a: FLike): F {
  return un('neg', f(a), 'f') as F;
}
export function abs(a: FLike): F {
  return un('abs', f(a), 'f') as F;
}
export function sqrt(a: FLike): F {
  return un('sqrt', f(a), 'f') as F;
}
export function exp(a: FLike): F {
  return un('exp', f(a), 'f') as F;
}
export function log(a: FLike): F {
  return un('log', f(a), 'f') as F;
}
export function floor(a: FLike): F {
  return un('floor', f(a), 'f') as F;
}
export function sq(a: FLike): F {
  const x = f(a);
  return mul(x, x);
}

/** log(1 + x) accurate for small |x| in float32: a series below 1e-2, the plain log above. */
export function log1p(a: FLike): F {
  const x = f(a);
  // Taylor series to x^5: truncation error x^6/6 < 2e-13 for |x| < 1e-2.
  const series = mul(x, sum(1, mul(x, sum(-1 / 2, mul(x, sum(1 / 3, mul(x, sum(-1 / 4, mul(x, 1 / 5)))))))));
  return select(lt(abs(x), 1e-2), series, log(add(1, x)));
}

/** An array of float values, so that a loop can walk over values computed outside it. */
export function vec(values: readonly FLike[]): Node {
  if (values.length === 0) typeError('empty vec');
  return { k: 'vec', ty: 'v', values: values.map(f) };
}

/** Element `index` (0-based, must be in range) of a vec. */
export function pick(v: Node, index: U | number): F {
  if (v.ty !== 'v' || v.k !== 'vec') typeError('pick needs a vec');
  if (typeof index === 'number' && (index < 0 || index >= v.values.length)) typeError(`pick index ${index} out of range`);
  return { k: 'pick', ty: 'f', vec: v, index: typeof index === 'number' ? uint(index) : index } as F;
}

/**
 * True where x is NaN, +-Inf or (float64) beyond the float32 range: the same points on both backends,
 * since a float32 kernel overflows exactly there. Comparisons cannot express this (NaN compares false
 * and GPU compilers may assume no NaNs), so it is its own operation.
 */
export function nonFinite(a: FLike): B {
  return un('nonFinite', f(a), 'b') as B;
}

export function toFloat(a: U): F {
  return un('toFloat', a, 'f') as F;
}
export function toUint(a: F): U {
  return un('toUint', a, 'u') as U;
}

function cmp(op: BinaryOp, a: FLike | U, b: FLike | U): B {
  const [x, y] = coerce2(op, a, b);
  return bin(op, x, y, 'b') as B;
}
export const lt = (a: FLike | U, b: FLike | U): B => cmp('lt', a, b);
export const le = (a: FLike | U, b: FLike | U): B => cmp('le', a, b);
export const gt = (a: FLike | U, b: FLike | U): B => cmp('gt', a, b);
export const ge = (a: FLike | U, b: FLike | U): B => cmp('ge', a, b);
export const eq = (a: FLike | U, b: FLike | U): B => cmp('eq', a, b);
export const ne = (a: FLike | U, b: FLike | U): B => cmp('ne', a, b);

export function and(a: B, b: B): B {
  return bin('and', a, b, 'b') as B;
}
export function or(a: B, b: B): B {
  return bin('or', a, b, 'b') as B;
}
export function not(a: B): B {
  return un('not', a, 'b') as B;
}
export function all(...xs: B[]): B {
  return xs.length === 0 ? bool(true) : xs.reduce((acc, x) => and(acc, x));
}
export function any(...xs: B[]): B {
  return xs.length === 0 ? bool(false) : xs.reduce((acc, x) => or(acc, x));
}

export function bitOr(a: U, b: U): U {
  return bin('bor', a, b, 'u') as U;
}
export function shl(a: U, b: U | number): U {
  return bin('shl', a, typeof b === 'number' ? uint(b) : b, 'u') as U;
}

/** c ? a : b, both branches evaluated (use `lazy` to skip expensive work). */
export function select(c: B, a: FLike, b: FLike): F;
export function select(c: B, a: U, b: U): U;
export function select(c: B, a: B, b: B): B;
export function select(c: B, a: FLike | U | B, b: FLike | U | B): Node {
  const x = typeof a === 'number' ? num(a) : a;
  const y = typeof b === 'number' ? num(b) : b;
  if (x.ty !== y.ty) typeError(`select: branch types ${x.ty} and ${y.ty}`);
  if (c.ty !== 'b') typeError('select: condition is not boolean');
  return { k: 'sel', ty: x.ty, c, a: x, b: y };
}

/** c ? then : otherwise, where the work needed only by `then` is skipped when c is false. */
export function lazy(c: B, then: FLike, otherwise: FLike): F {
  const t = f(then);
  const o = f(otherwise);
  return { k: 'lazy', ty: 'f', c, then: t, otherwise: o } as F;
}

let foldCounter = 0;

/** A fresh loop id: every Fold object, including rewritten copies, needs its own (ids name loop variables). */
export function nextFoldId(): number {
  return ++foldCounter;
}

/**
 * A bounded loop. `body(i, state)` returns the next state; `until(next)` (optional) stops the loop
 * after the iteration in which it becomes true. Returns the final state.
 */
export function fold<S extends Node[]>(
  spec: { count: number; init: S; label?: string },
  body: (i: U, state: S) => S,
  until?: (next: S, i: U) => B,
): S {
  const { count, init } = spec;
  if (!Number.isInteger(count) || count < 1) typeError(`fold count ${count}`);
  const loop: { -readonly [K in keyof Fold]: Fold[K] } = {
    id: nextFoldId(),
    count,
    init,
    next: [],
    until: null,
    label: spec.label ?? 'loop',
  };
  const state = init.map((n, slot) => ({ k: 'lvar', ty: n.ty, loop, slot }) as Node) as S;
  const i = { k: 'lidx', ty: 'u', loop } as U;
  const next = body(i, state);
  if (next.length !== init.length) typeError(`fold ${loop.label}: body returned ${next.length} values for ${init.length}`);
  next.forEach((n, s) => {
    if (n.ty !== init[s].ty) typeError(`fold ${loop.label}: slot ${s} changes type ${init[s].ty} -> ${n.ty}`);
  });
  loop.next = next;
  loop.until = until ? until(next, i) : null;
  return init.map((n, slot) => ({ k: 'fres', ty: n.ty, loop, slot }) as Node) as S;
}

/**
 * value(i) for i = 0 .. count-1, computed once by a loop into a per-invocation array (JavaScript: a
 * Float64Array allocated once per kernel call; WGSL: a function-scope array<f32, count>), and a reader of
 * its elements. For per-point values that later loops read many times (COHERENT's per-bin signal change,
 * read by every Newton pass): the values read back are the values computed, bit for bit, in either precision.
 */
export function tabulate(count: number, value: (i: U) => FLike, label = 'tabulate'): (index: U) => F {
  if (!Number.isInteger(count) || count < 1) typeError(`tabulate count ${count}`);
  const loop: { -readonly [K in keyof Fold]: Fold[K] } = { id: nextFoldId(), count, init: [], next: [], until: null, label, store: null };
  loop.store = f(value({ k: 'lidx', ty: 'u', loop } as U));
  return (index) => {
    if (index.ty !== 'u') typeError(`tabulate ${label}: index must be u32, got ${index.ty}`);
    return { k: 'elem', ty: 'f', loop, index } as F;
  };
}

/** Sum of `term(i)` for i = 0 .. count-1, as a loop (not unrolled). */
export function sumOver(count: number, term: (i: U) => FLike, label = 'sum'): F {
  const [s] = fold({ count, init: [num(0)], label }, (i, [acc]) => [add(acc, term(i))]);
  return s as F;
}
