// Prints a scheduled program as WGSL (float32). Buffer names are those of the driver in wgslTemplate.ts.

import type { Expr, Program, Stmt } from './schedule.js';
import type { Ty } from '../ir/expr.js';

const WGSL_TY: Record<Exclude<Ty, 'v'>, string> = { f: 'f32', u: 'u32', b: 'bool' };
/** Largest finite float32, (2 - 2^-23) * 2^127 (IEEE 754 binary32). */
export const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;

/** An f32 literal that round-trips the nearest float32 value. */
export function wgslFloat(v: number): string {
  if (!Number.isFinite(v) || Math.abs(v) > F32_MAX) throw new RangeError(`value ${v} does not fit in f32`);
  // Subnormals are flushed on many GPUs; treat them as zero explicitly so CPU and GPU agree.
  const x = Math.abs(v) < F32_MIN_NORMAL ? 0 : Math.fround(v);
  const s = x === 0 ? '0.0' : x.toPrecision(9);
  const lit = `${s.replace(/^-/, '')}f`;
  return x < 0 ? `(-${lit})` : lit;
}

export function wgslExpr(x: Expr): string {
  switch (x.e) {
    case 'ref':
      return x.name;
    case 'f':
      return wgslFloat(x.v);
    case 'u':
      return `${x.v}u`;
    case 'b':
      return x.v ? 'true' : 'false';
    case 'cell':
      return 'cell';
    case 'load':
      return x.buf === 'statics' ? `u1x_static(${wgslExpr(x.index)})` : `${x.buf}[${wgslExpr(x.index)}]`;
    case 'vec':
      return `array<f32, ${x.values.length}>(${x.values.map(wgslExpr).join(', ')})`;
    case 'pick':
      return `${wgslExpr(x.vec)}[${wgslExpr(x.index)}]`;
    case 'elem':
      return `${x.array}[${wgslExpr(x.index)}]`;
    case 'sel':
      return `select(${wgslExpr(x.b)}, ${wgslExpr(x.a)}, ${wgslExpr(x.c)})`;
    case 'un': {
      const a = wgslExpr(x.a);
      switch (x.op) {
        case 'neg':
          return `(-${a})`;
        case 'not':
          return `(!${a})`;
        case 'toFloat':
          return `f32(${a})`;
        case 'toUint':
          return `u32(${a})`;
        // u1x_nonfinite (the driver in wgslTemplate.ts) tests the exponent bits: x != x may be folded away.
        case 'nonFinite':
          return `u1x_nonfinite(${a})`;
        default:
          return `${x.op}(${a})`;
      }
    }
    case 'bin': {
      const a = wgslExpr(x.a);
      const b = wgslExpr(x.b);
      switch (x.op) {
        case 'add':
          return `(${a} + ${b})`;
        case 'sub':
          return `(${a} - ${b})`;
        case 'mul':
          return `(${a} * ${b})`;
        case 'div':
          return `(${a} / ${b})`;
        case 'mod':
          return `(${a} % ${b})`;
        case 'min':
        case 'max':
        case 'pow':
          return `${x.op}(${a}, ${b})`;
        case 'lt':
          return `(${a} < ${b})`;
        case 'le':
          return `(${a} <= ${b})`;
        case 'gt':
          return `(${a} > ${b})`;
        case 'ge':
          return `(${a} >= ${b})`;
        case 'eq':
          return `(${a} == ${b})`;
        case 'ne':
          return `(${a} != ${b})`;
        case 'and':
          return `(${a} && ${b})`;
        case 'or':
          return `(${a} || ${b})`;
        case 'bor':
          return `(${a} | ${b})`;
        case 'shl':
          return `(${a} << ${b})`;
      }
    }
  }
}

export function wgslStatements(stmts: Stmt[], indent: string): string[] {
  const out: string[] = [];
  for (const s of stmts) {
    switch (s.s) {
      // Arrays are indexed at run time, which WGSL allows on variables (function address space).
      case 'let':
        out.push(
          s.ty === 'v' ? `${indent}var ${s.name} = ${wgslExpr(s.x)};` : `${indent}let ${s.name}: ${WGSL_TY[s.ty]} = ${wgslExpr(s.x)};`,
        );
        break;
      case 'var':
        out.push(`${indent}var ${s.name}: ${WGSL_TY[s.ty as Exclude<Ty, 'v'>]} = ${wgslExpr(s.x)};`);
        break;
      case 'set':
        out.push(`${indent}${s.name} = ${wgslExpr(s.x)};`);
        break;
      case 'breakIf':
        out.push(`${indent}if (${wgslExpr(s.c)}) { break; }`);
        break;
      case 'store':
        out.push(`${indent}${s.array}[${wgslExpr(s.index)}] = ${wgslExpr(s.x)};`);
        break;
      case 'if':
        out.push(`${indent}if (${wgslExpr(s.c)}) {`, ...wgslStatements(s.then, indent + '  '), `${indent}}`);
        break;
      case 'loop':
        out.push(
          `${indent}// ${s.label}`,
          `${indent}for (var ${s.index}: u32 = 0u; ${s.index} < ${s.count}u + params.pad; ${s.index}++) {`,
          ...wgslStatements(s.body, indent + '  '),
          `${indent}}`,
        );
        break;
    }
  }
  return out;
}

/** The tabulating loops' arrays: function-scope variables, one per invocation, declared before the body. */
export function wgslArrays(p: Program, indent: string): string[] {
  return p.arrays.map((a) => `${indent}var ${a.name}: array<f32, ${a.length}>;`);
}

/** Output slot k of the current cell: floats are stored as their bit pattern in the u32 buffer. */
export function wgslStores(p: Program, indent: string): string[] {
  return p.outputs.map(({ x, ty }, k) => {
    const v = wgslExpr(x);
    const word = ty === 'f' ? `bitcast<u32>(${v})` : ty === 'b' ? `select(0u, 1u, ${v})` : v;
    return `${indent}out[o + ${k}u] = ${word};`;
  });
}
