// Prints a scheduled program as JavaScript (float64): the CPU reference path.
// Integer values stay below 2^32 by construction (cell indices and table offsets), so plain double
// arithmetic is exact; bit operations are brought back to unsigned with `>>> 0`.

import { F32_MAX } from './emitWgsl.js';
import type { Expr, Program, Stmt } from './schedule.js';

// The static tables are the start of the tables buffer: the CPU reads them from it like any table.
const BUF: Record<string, string> = { tables: 'T', statics: 'T', models: 'M', axes: 'A' };

export function jsExpr(x: Expr): string {
  switch (x.e) {
    case 'ref':
      return x.name;
    case 'f':
      return Object.is(x.v, -0) ? '0' : x.v < 0 ? `(${x.v})` : String(x.v);
    case 'u':
      return String(x.v);
    case 'b':
      return x.v ? 'true' : 'false';
    case 'cell':
      return 'cell';
    case 'load':
      return `${BUF[x.buf]}[${jsExpr(x.index)}]`;
    case 'vec':
      return `[${x.values.map(jsExpr).join(', ')}]`;
    case 'pick':
      return `${jsExpr(x.vec)}[${jsExpr(x.index)}]`;
    case 'elem':
      return `${x.array}[${jsExpr(x.index)}]`;
    case 'sel':
      return `(${jsExpr(x.c)} ? ${jsExpr(x.a)} : ${jsExpr(x.b)})`;
    case 'un': {
      const a = jsExpr(x.a);
      switch (x.op) {
        case 'neg':
          return `(-${a})`;
        case 'not':
          return `(!${a})`;
        case 'toFloat':
          return a;
        case 'toUint':
          return `Math.trunc(${a})`;
        // Beyond float32's largest value the float32 kernel holds +-Inf: count those points as the GPU does.
        case 'nonFinite':
          return `!(Math.abs(${a}) <= ${F32_MAX})`;
        default:
          return `Math.${x.op}(${a})`;
      }
    }
    case 'bin': {
      const a = jsExpr(x.a);
      const b = jsExpr(x.b);
      switch (x.op) {
        case 'add':
          return `(${a} + ${b})`;
        case 'sub':
          return `(${a} - ${b})`;
        case 'mul':
          return `(${a} * ${b})`;
        case 'div':
          return x.operandTy === 'u' ? `Math.floor(${a} / ${b})` : `(${a} / ${b})`;
        case 'mod':
          return `(${a} % ${b})`;
        case 'min':
        case 'max':
        case 'pow':
          return `Math.${x.op}(${a}, ${b})`;
        case 'lt':
          return `(${a} < ${b})`;
        case 'le':
          return `(${a} <= ${b})`;
        case 'gt':
          return `(${a} > ${b})`;
        case 'ge':
          return `(${a} >= ${b})`;
        case 'eq':
          return `(${a} === ${b})`;
        case 'ne':
          return `(${a} !== ${b})`;
        case 'and':
          return `(${a} && ${b})`;
        case 'or':
          return `(${a} || ${b})`;
        case 'bor':
          return `((${a} | ${b}) >>> 0)`;
        case 'shl':
          return `((${a} << ${b}) >>> 0)`;
      }
    }
  }
}

/** The JavaScript of a statement without a body (let, var, set, breakIf); null for if and loop. */
export function jsSimpleStatement(s: Stmt, indent: string): string | null {
  switch (s.s) {
    case 'let':
      return `${indent}const ${s.name} = ${jsExpr(s.x)};`;
    case 'var':
      return `${indent}let ${s.name} = ${jsExpr(s.x)};`;
    case 'set':
      return `${indent}${s.name} = ${jsExpr(s.x)};`;
    case 'breakIf':
      return `${indent}if (${jsExpr(s.c)}) break;`;
    case 'store':
      return `${indent}${s.array}[${jsExpr(s.index)}] = ${jsExpr(s.x)};`;
    default:
      return null;
  }
}

export function jsStatements(stmts: Stmt[], indent: string): string[] {
  const out: string[] = [];
  for (const s of stmts) {
    const simple = jsSimpleStatement(s, indent);
    if (simple !== null) {
      out.push(simple);
      continue;
    }
    switch (s.s) {
      case 'if':
        out.push(`${indent}if (${jsExpr(s.c)}) {`, ...jsStatements(s.then, indent + '  '), `${indent}}`);
        break;
      case 'loop':
        out.push(
          `${indent}// ${s.label}`,
          `${indent}for (let ${s.index} = 0; ${s.index} < ${s.count}; ${s.index}++) {`,
          ...jsStatements(s.body, indent + '  '),
          `${indent}}`,
        );
        break;
    }
  }
  return out;
}

/** The tabulating loops' arrays, allocated once per kernel call (before the loop over cells). */
export function jsArrays(p: Program, indent: string): string[] {
  return p.arrays.map((a) => `${indent}const ${a.name} = new Float64Array(${a.length});`);
}

export function jsStores(p: Program, indent: string): string[] {
  return p.outputs.map(({ x, ty }, k) => {
    const v = jsExpr(x);
    return `${indent}out[o + ${k}] = ${ty === 'b' ? `(${v} ? 1 : 0)` : v};`;
  });
}
