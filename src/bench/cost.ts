// Operation and load counts of a scheduled kernel Program (the roofline of `u1x bench`). The Program is
// the one the kernel was printed from (CompiledKernel.program).
//
// Three views of one program:
//  - static bounds: every statement counted once, loops multiplied by their count. `upper` takes every lazy
//    `if` block and runs early-exit loops (those with a `breakIf`) to their bound; `lower` takes no `if`
//    block and runs early-exit loops once.
//  - executed counts: the program run in float64 (the CPU reference's arithmetic) over real cells with a
//    counter on every data-dependent construct (`if` blocks, early-exit loops): what one cell really costs.
//  - SIMD-lockstep counts: the same run, charged as a SIMD group of W consecutive cells executes it (lavapipe
//    runs W = 8 invocations per 256-bit vector, a GPU warp 32): a block runs for the group when any of its
//    lanes takes it, a loop iteration when any lane is still in the loop. The ratio executed/lockstep is the
//    SIMD efficiency lost to divergence.
//
// A "flop" here is one float operation of the IR: add/sub, mul, div, and special functions (sqrt, exp, log,
// pow) each count 1 (`flops`); min/max/abs/neg/floor, float compares and float selects are listed separately
// (`otherFloat`). Loads count element reads from the tables/models/axes buffers (4 bytes each on the GPU,
// 8 on the CPU); `vec`/`pick` are the private-array writes and indexed reads of IR vecs.

import { jsArrays, jsExpr, jsSimpleStatement } from '../kernel/emitJs.js';
import type { Expr, Program, Stmt } from '../kernel/schedule.js';

export const OP_CLASSES = [
  'add',
  'mul',
  'div',
  'sqrt',
  'exp',
  'log',
  'pow', // float arithmetic (flops)
  'minmax',
  'absneg',
  'floor',
  'fcmp',
  'fselect', //  other float operations
  'int',
  'intDivMod', //                              u32 arithmetic (indexing, loop counters)
  'logic', //                                         bool and bit operations, u32 compares, u32/bool selects
  'convert', //                                       f32 <-> u32
  'loadTables',
  'loadModels',
  'loadAxes', //          buffer element loads
  'vecWrite',
  'vecRead', //                           private-array elements written / read (vec, pick)
  'store', //                                         output words written
  'loopIter', //                                      loop iterations (counter increment, bound test, branch)
] as const;
export type OpClass = (typeof OP_CLASSES)[number];
export type OpCounts = Record<OpClass, number>;

export function zeroCounts(): OpCounts {
  return Object.fromEntries(OP_CLASSES.map((k) => [k, 0])) as OpCounts;
}

export function addCounts(into: OpCounts, x: OpCounts, times = 1): OpCounts {
  for (const k of OP_CLASSES) into[k] += x[k] * times;
  return into;
}

export function scaleCounts(x: OpCounts, f: number): OpCounts {
  return addCounts(zeroCounts(), x, f);
}

/** Float arithmetic: add, mul, div and special functions, one each. */
export function flops(c: OpCounts): number {
  return c.add + c.mul + c.div + c.sqrt + c.exp + c.log + c.pow;
}

export function specialFunctions(c: OpCounts): number {
  return c.sqrt + c.exp + c.log + c.pow;
}

export function otherFloatOps(c: OpCounts): number {
  return c.minmax + c.absneg + c.floor + c.fcmp + c.fselect;
}

export function bufferLoads(c: OpCounts): number {
  return c.loadTables + c.loadModels + c.loadAxes;
}

// ---------------------------------------------------------------- expressions and statements

/** Operations of one expression (shared subexpressions are already separate `let`s in a Program). */
export function exprCounts(x: Expr, into: OpCounts = zeroCounts()): OpCounts {
  switch (x.e) {
    case 'ref':
    case 'f':
    case 'u':
    case 'b':
    case 'cell':
      return into;
    case 'load':
      into[x.buf === 'tables' ? 'loadTables' : x.buf === 'models' ? 'loadModels' : 'loadAxes']++;
      return exprCounts(x.index, into);
    case 'vec':
      into.vecWrite += x.values.length;
      for (const v of x.values) exprCounts(v, into);
      return into;
    case 'pick':
      into.vecRead++;
      exprCounts(x.vec, into);
      return exprCounts(x.index, into);
    case 'elem':
      // A tabulated array's element: a private-array read, as `pick`.
      into.vecRead++;
      return exprCounts(x.index, into);
    case 'sel':
      into[x.ty === 'f' ? 'fselect' : 'logic']++;
      exprCounts(x.c, into);
      exprCounts(x.a, into);
      return exprCounts(x.b, into);
    case 'un': {
      const k: OpClass =
        x.op === 'not'
          ? 'logic'
          : x.op === 'nonFinite'
            ? 'fcmp'
            : x.op === 'toFloat' || x.op === 'toUint'
              ? 'convert'
              : x.op === 'neg' || x.op === 'abs'
                ? x.ty === 'f'
                  ? 'absneg'
                  : 'int'
                : x.op === 'floor'
                  ? 'floor'
                  : x.op; // sqrt, exp, log
      into[k]++;
      return exprCounts(x.a, into);
    }
    case 'bin': {
      const f = x.operandTy === 'f';
      let k: OpClass;
      switch (x.op) {
        case 'add':
        case 'sub':
          k = f ? 'add' : 'int';
          break;
        case 'mul':
          k = f ? 'mul' : 'int';
          break;
        case 'div':
          k = f ? 'div' : 'intDivMod';
          break;
        case 'mod':
          k = 'intDivMod';
          break;
        case 'min':
        case 'max':
          k = f ? 'minmax' : 'int';
          break;
        case 'pow':
          k = 'pow';
          break;
        case 'lt':
        case 'le':
        case 'gt':
        case 'ge':
        case 'eq':
        case 'ne':
          k = f ? 'fcmp' : 'logic';
          break;
        default:
          k = 'logic'; // and, or, bor, shl
      }
      into[k]++;
      exprCounts(x.a, into);
      return exprCounts(x.b, into);
    }
  }
}

/** A loop's own bookkeeping per iteration: counter increment, bound test and branch. */
function loopOverhead(into: OpCounts): OpCounts {
  into.loopIter++;
  return into;
}

/** A node of the cost tree: the root, a loop (per iteration) or a lazy `if` block. */
export interface CostNode {
  kind: 'root' | 'loop' | 'if';
  /** Loop label (e.g. 'COHERENT Newton'), or the label of the enclosing loop for `if` blocks. */
  label: string;
  /** Loops: iteration bound. */
  count: number;
  /** Loops: has a `breakIf` (the count is a bound, not the trip count). */
  earlyExit: boolean;
  /** Operations of the statements directly in this node (per iteration for loops), children excluded. */
  own: OpCounts;
  children: CostNode[];
}

export function costTree(p: Program, opts: { stores?: boolean } = {}): CostNode {
  const build = (kind: CostNode['kind'], label: string, count: number, stmts: readonly Stmt[]): CostNode => {
    const node: CostNode = { kind, label, count, earlyExit: false, own: zeroCounts(), children: [] };
    if (kind === 'loop') loopOverhead(node.own);
    for (const s of stmts) {
      switch (s.s) {
        case 'let':
        case 'var':
        case 'set':
          exprCounts(s.x, node.own);
          break;
        case 'store':
          // A private-array write, priced as the vector writes of `vec`.
          node.own.vecWrite++;
          exprCounts(s.x, node.own);
          exprCounts(s.index, node.own);
          break;
        case 'breakIf':
          node.earlyExit = true;
          exprCounts(s.c, node.own);
          node.own.logic++;
          break;
        case 'if':
          exprCounts(s.c, node.own);
          node.own.logic++;
          node.children.push(build('if', label, 1, s.then));
          break;
        case 'loop':
          node.children.push(build('loop', s.label, s.count, s.body));
          break;
      }
    }
    return node;
  };
  const root = build('root', 'cell', 1, p.body);
  if (opts.stores ?? true) {
    for (const o of p.outputs) {
      exprCounts(o.x, root.own);
      root.own.store++;
    }
  }
  return root;
}

/** Static bound of one execution of the tree (see the file comment for upper/lower). */
export function boundCounts(node: CostNode, mode: 'upper' | 'lower'): OpCounts {
  const per = addCounts(zeroCounts(), node.own);
  for (const c of node.children) {
    if (c.kind === 'if' && mode === 'lower') continue;
    addCounts(per, boundCounts(c, mode));
  }
  if (node.kind !== 'loop') return per;
  const trips = node.earlyExit && mode === 'lower' ? 1 : node.count;
  return scaleCounts(per, trips);
}

/** Data-dependent nodes: `if` blocks, early-exit loops, and loops containing either. */
function isDynamic(node: CostNode): boolean {
  return node.kind === 'if' || node.earlyExit || node.children.some(isDynamic);
}

/** Per-label summary rows of the upper bound, for reports: each loop with its count and its bound. */
export function loopSummary(root: CostNode): { label: string; count: number; earlyExit: boolean; depth: number; flopsUpper: number }[] {
  const rows: { label: string; count: number; earlyExit: boolean; depth: number; flopsUpper: number }[] = [];
  const walk = (n: CostNode, depth: number) => {
    if (n.kind === 'loop')
      rows.push({ label: n.label, count: n.count, earlyExit: n.earlyExit, depth, flopsUpper: flops(boundCounts(n, 'upper')) });
    for (const c of n.children) walk(c, n.kind === 'loop' ? depth + 1 : depth);
  };
  walk(root, 0);
  return rows;
}

// ---------------------------------------------------------------- executed counts

export interface ExecutedCounts {
  /** Cells run. */
  cells: number;
  /** Mean operations per cell as each cell runs on its own (scalar execution). */
  perCell: OpCounts;
  /** Mean operations per cell when W consecutive cells run in SIMD lockstep (any lane takes a block: all pay). */
  lockstep: { width: number; perCell: OpCounts; flopEfficiency: number }[];
  /** Mean visits per cell of each data-dependent block (loops: iterations). */
  visits: { label: string; kind: 'loop' | 'if'; perCell: number; bound: number }[];
}

export interface ProgramBuffers {
  tables: Float64Array;
  models: Float64Array;
  axes: Float64Array;
}

/**
 * Run the program over `cells` (consecutive, from `base`) in float64 with counters on its data-dependent
 * blocks, and price each visit with the static cost of the block (statements directly in it plus its
 * fixed-count inner loops). `widths` must each divide the next (e.g. [8, 32]); cells are grouped from `base`.
 */
export function executedCounts(
  p: Program,
  buffers: ProgramBuffers,
  base: number,
  cells: number,
  widths: readonly number[] = [8, 32],
): ExecutedCounts {
  for (let i = 1; i < widths.length; i++) {
    if (widths[i] % widths[i - 1] !== 0) throw new Error(`executedCounts: widths ${widths.join(', ')} must each divide the next`);
  }
  const root = costTree(p);
  // Segment cost of each dynamic node: its own statements plus its static (fixed-count, branch-free) children.
  const dyn: { node: CostNode; seg: OpCounts; label: string; kind: 'loop' | 'if'; bound: number }[] = [];
  const segmentOf = (n: CostNode): OpCounts => {
    const seg = addCounts(zeroCounts(), n.own);
    for (const c of n.children) if (!isDynamic(c)) addCounts(seg, boundCounts(c, 'upper'));
    return seg;
  };
  const ids = new Map<CostNode, number>();
  const register = (n: CostNode, bound: number) => {
    for (const c of n.children) {
      if (!isDynamic(c)) continue;
      ids.set(c, dyn.length);
      const b = bound * (c.kind === 'loop' ? c.count : 1);
      dyn.push({ node: c, seg: segmentOf(c), label: c.label, kind: c.kind === 'if' ? 'if' : 'loop', bound: b });
      register(c, b);
    }
  };
  register(root, 1);
  const rootSeg = segmentOf(root);

  // Instrumented JavaScript: E(parent, id, iteration) is called on entering each dynamic block/iteration.
  let nodeIndex = 0;
  const stmtNodes = (n: CostNode): CostNode[] => n.children;
  const emit = (stmts: readonly Stmt[], node: CostNode, parentPath: string, indent: string): string[] => {
    const out: string[] = [];
    const kids = stmtNodes(node);
    let k = 0;
    for (const s of stmts) {
      const simple = jsSimpleStatement(s, indent);
      if (simple !== null) {
        out.push(simple);
        continue;
      }
      switch (s.s) {
        case 'if': {
          const child = kids[k++];
          const id = ids.get(child)!;
          const path = `p${++nodeIndex}`;
          out.push(
            `${indent}if (${jsExpr(s.c)}) {`,
            `${indent}  const ${path} = E(${parentPath}, ${id}, 0);`,
            ...emit(s.then, child, path, indent + '  '),
            `${indent}}`,
          );
          break;
        }
        case 'loop': {
          const child = kids[k++];
          const id = ids.get(child);
          const head = `${indent}for (let ${s.index} = 0; ${s.index} < ${s.count}; ${s.index}++) {`;
          if (id === undefined) {
            out.push(head, ...emit(s.body, child, parentPath, indent + '  '), `${indent}}`);
          } else {
            const path = `p${++nodeIndex}`;
            out.push(
              head,
              `${indent}  const ${path} = E(${parentPath}, ${id}, ${s.index});`,
              ...emit(s.body, child, path, indent + '  '),
              `${indent}}`,
            );
          }
          break;
        }
      }
    }
    return out;
  };
  const body = emit(p.body, root, '0', '    ');
  const src = [
    '"use strict";',
    ...jsArrays(p, ''),
    'for (let local = 0; local < count; local++) {',
    '  const cell = base + local;',
    '  startCell(local);',
    '  {',
    ...body,
    '  }',
    '}',
  ].join('\n');

  const nd = dyn.length;
  const laneVisits = new Float64Array(nd);
  const groupVisits = widths.map(() => new Float64Array(nd));
  const seen = widths.map(() => new Set<number>());
  const maxWidth = widths.length ? widths[widths.length - 1] : 1;
  let paths = new Map<number, number>();
  let nextPath = 1;
  const ITER = 2 ** 16;
  const E = (parent: number, id: number, iter: number): number => {
    laneVisits[id]++;
    const key = (parent * (nd + 1) + id) * ITER + iter;
    let path = paths.get(key);
    if (path === undefined) {
      path = nextPath++;
      paths.set(key, path);
    }
    for (let w = 0; w < widths.length; w++) {
      const s = seen[w];
      if (!s.has(path)) {
        s.add(path);
        groupVisits[w][id]++;
      }
    }
    return path;
  };
  const startCell = (local: number) => {
    if (local % maxWidth === 0) {
      paths = new Map();
      nextPath = 1;
    }
    for (let w = 0; w < widths.length; w++) if (local % widths[w] === 0) seen[w].clear();
  };
  const fn = new Function('T', 'M', 'A', 'base', 'count', 'E', 'startCell', src) as (
    T: Float64Array,
    M: Float64Array,
    A: Float64Array,
    base: number,
    count: number,
    e: typeof E,
    s: typeof startCell,
  ) => void;
  fn(buffers.tables, buffers.models, buffers.axes, base, cells, E, startCell);

  const price = (visits: Float64Array, groups: number) => {
    const total = scaleCounts(rootSeg, groups);
    dyn.forEach((d, i) => addCounts(total, d.seg, visits[i]));
    return scaleCounts(total, 1 / cells);
  };
  const perCell = price(laneVisits, cells);
  return {
    cells,
    perCell,
    lockstep: widths.map((width, w) => {
      const groups = Math.ceil(cells / width);
      // Every lane of the group pays the group's path.
      const c = scaleCounts(price(groupVisits[w], groups), width);
      return { width, perCell: c, flopEfficiency: flops(perCell) / Math.max(flops(c), 1e-300) };
    }),
    visits: dyn.map((d, i) => ({ label: d.label, kind: d.kind, perCell: laneVisits[i] / cells, bound: d.bound })),
  };
}
