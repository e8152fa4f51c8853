// Turns an IR graph into a structured program (let bindings, loops, lazy branches) that the WGSL
// and JavaScript emitters print. This is where common subexpressions are shared, loop-invariant work
// is hoisted out of loops, and work needed only by a lazy branch is sunk into that branch.
//
// The graph must already be lowered: no `input`, `model`, `mtab` or `stab` nodes (see compile.ts).

import type { BinaryOp, BufferName, Fold, Node, Ty, UnaryOp } from '../ir/expr.js';

export type Expr =
  | { e: 'ref'; name: string; ty: Ty }
  | { e: 'f'; v: number }
  | { e: 'u'; v: number }
  | { e: 'b'; v: boolean }
  | { e: 'un'; op: UnaryOp; a: Expr; ty: Ty }
  | { e: 'bin'; op: BinaryOp; a: Expr; b: Expr; ty: Ty; operandTy: Ty }
  | { e: 'sel'; c: Expr; a: Expr; b: Expr; ty: Ty }
  | { e: 'load'; buf: BufferName; index: Expr }
  | { e: 'vec'; values: Expr[] }
  | { e: 'pick'; vec: Expr; index: Expr }
  /** Element of a tabulating loop's array (Program.arrays). */
  | { e: 'elem'; array: string; index: Expr }
  | { e: 'cell' };

export type Stmt =
  | { s: 'let'; name: string; ty: Ty; x: Expr }
  | { s: 'var'; name: string; ty: Ty; x: Expr }
  | { s: 'set'; name: string; x: Expr }
  | { s: 'loop'; index: string; count: number; label: string; body: Stmt[] }
  | { s: 'breakIf'; c: Expr }
  /** array[index] = x (inside a tabulating loop). */
  | { s: 'store'; array: string; index: Expr; x: Expr }
  | { s: 'if'; c: Expr; then: Stmt[] };

export interface Program {
  body: Stmt[];
  outputs: { x: Expr; ty: Ty }[];
  /** Per-invocation float arrays the tabulating loops fill (declared once, before the body). */
  arrays: { name: string; length: number }[];
}

type Item = Node | Fold;
const isFold = (x: Item): x is Fold => (x as Fold).next !== undefined;

interface Scope {
  kind: 'root' | 'loop' | 'block';
  /** Loop scopes: the item whose placement is this scope's parent; blocks: the lazy node. */
  owner: Item | null;
  stmts: Stmt[];
}

export function schedule(roots: readonly Node[]): Program {
  const canon = canonicalizer();
  const rootNodes = roots.map(canon.of);

  // ---- structure: children, consumers and a post-order of every reachable item ----
  const order: Item[] = [];
  const seen = new Set<Item>();
  const consumers = new Map<Item, { by: Item; role: 'plain' | 'then' | 'init' | 'body' }[]>();
  const use = (x: Item, by: Item, role: 'plain' | 'then' | 'init' | 'body') => {
    let list = consumers.get(x);
    if (!list) consumers.set(x, (list = []));
    list.push({ by, role });
  };
  const children = (x: Item): { c: Item; role: 'plain' | 'then' | 'init' | 'body' }[] => {
    if (isFold(x)) {
      return [
        ...x.init.map((c) => ({ c: canon.of(c), role: 'init' as const })),
        ...x.next.map((c) => ({ c: canon.of(c), role: 'body' as const })),
        ...(x.until ? [{ c: canon.of(x.until), role: 'body' as const }] : []),
        ...(x.store ? [{ c: canon.of(x.store), role: 'body' as const }] : []),
      ];
    }
    switch (x.k) {
      case 'un':
        return [{ c: canon.of(x.a), role: 'plain' }];
      case 'bin':
        return [
          { c: canon.of(x.a), role: 'plain' },
          { c: canon.of(x.b), role: 'plain' },
        ];
      case 'sel':
        return [x.c, x.a, x.b].map((c) => ({ c: canon.of(c), role: 'plain' as const }));
      case 'lazy':
        return [
          { c: canon.of(x.c), role: 'plain' },
          { c: canon.of(x.then), role: 'then' },
          { c: canon.of(x.otherwise), role: 'plain' },
        ];
      case 'load':
        return [{ c: canon.of(x.index), role: 'plain' }];
      case 'vec':
        return x.values.map((c) => ({ c: canon.of(c), role: 'plain' as const }));
      case 'pick':
        return [
          { c: canon.of(x.vec), role: 'plain' },
          { c: canon.of(x.index), role: 'plain' },
        ];
      case 'fres':
        return [{ c: x.loop, role: 'plain' }];
      case 'elem':
        return [
          { c: x.loop, role: 'plain' },
          { c: canon.of(x.index), role: 'plain' },
        ];
      case 'input':
      case 'model':
      case 'mtab':
      case 'stab':
        throw new Error(`schedule: '${x.k}' node was not lowered`);
      default:
        return [];
    }
  };
  const visit = (x: Item) => {
    if (seen.has(x)) return;
    seen.add(x);
    for (const { c, role } of children(x)) {
      use(c, x, role);
      visit(c);
    }
    order.push(x);
  };
  rootNodes.forEach(visit);

  // ---- free loops: which enclosing loops an item depends on ----
  const free = new Map<Item, Set<Fold>>();
  for (const x of order) {
    const s = new Set<Fold>();
    if (!isFold(x) && (x.k === 'lvar' || x.k === 'lidx')) s.add(x.loop);
    else for (const { c } of children(x)) for (const l of free.get(c)!) s.add(l);
    if (isFold(x)) s.delete(x);
    free.set(x, s);
  }

  // ---- scopes and initial (hoisted) placement ----
  const root: Scope = { kind: 'root', owner: null, stmts: [] };
  const loopScope = new Map<Fold, Scope>();
  const blockScope = new Map<Node, Scope>();
  const placement = new Map<Item, Scope>();
  const parentOf = (s: Scope): Scope | null => (s.kind === 'root' ? null : placement.get(s.owner!)!);
  const depth = (s: Scope): number => {
    let d = 0;
    for (let p = parentOf(s); p; p = parentOf(p)) d++;
    return d;
  };
  const scopeOfLoop = (l: Fold): Scope => {
    let s = loopScope.get(l);
    if (!s) loopScope.set(l, (s = { kind: 'loop', owner: l, stmts: [] }));
    return s;
  };
  for (const x of order) {
    if (isFold(x)) scopeOfLoop(x);
    if (!isFold(x) && x.k === 'lazy') blockScope.set(x, { kind: 'block', owner: x, stmts: [] });
  }
  const innermost = (loops: Set<Fold>): Scope => {
    let best: Scope = root;
    let bestDepth = 0;
    for (const l of loops) {
      const s = scopeOfLoop(l);
      const d = depth(s);
      if (d >= bestDepth) {
        best = s;
        bestDepth = d;
      }
    }
    return best;
  };
  // Outer loops come after inner ones in post-order, so place loops in reverse order: a loop's
  // depth needs the placement of the loops around it.
  for (let i = order.length - 1; i >= 0; i--) {
    const x = order[i];
    if (isFold(x)) placement.set(x, innermost(free.get(x)!));
  }
  for (const x of order) {
    if (isFold(x)) continue;
    placement.set(x, x.k === 'lvar' || x.k === 'lidx' ? scopeOfLoop(x.loop) : innermost(free.get(x)!));
  }

  // ---- sinking into lazy branches (consumers first) ----
  const ancestors = (s: Scope): Scope[] => {
    const out: Scope[] = [];
    for (let p: Scope | null = s; p; p = parentOf(p)) out.push(p);
    return out.reverse(); // root first
  };
  const rootSet = new Set<Item>(rootNodes);
  for (let i = order.length - 1; i >= 0; i--) {
    const x = order[i];
    if (!isFold(x) && (x.k === 'lvar' || x.k === 'lidx')) continue;
    if (rootSet.has(x)) continue;
    const uses = consumers.get(x) ?? [];
    if (uses.length === 0) continue;
    const useScopes = uses.map(({ by, role }) => {
      if (role === 'then') return blockScope.get(by as Node)!;
      if (role === 'body') return scopeOfLoop(by as Fold);
      return placement.get(by)!;
    });
    // Lowest common ancestor of all use scopes.
    let lca = ancestors(useScopes[0]);
    for (const s of useScopes.slice(1)) {
      const other = new Set(ancestors(s));
      let k = 0;
      while (k < lca.length && other.has(lca[k])) k++;
      lca = lca.slice(0, k);
    }
    // Walk down from the hoisted placement towards the LCA through blocks only: never into a loop.
    const here = placement.get(x)!;
    const start = lca.indexOf(here);
    if (start < 0) continue;
    let target = here;
    for (let k = start + 1; k < lca.length && lca[k].kind === 'block'; k++) target = lca[k];
    placement.set(x, target);
  }

  // ---- emission into per-scope statement lists, in post-order ----
  const names = new Map<Item, string>();
  let counter = 0;
  const ref = (x: Node): Expr => {
    switch (x.k) {
      case 'num':
        return { e: 'f', v: x.v };
      case 'uint':
        return { e: 'u', v: x.v };
      case 'bool':
        return { e: 'b', v: x.v };
      case 'cell':
        return { e: 'cell' };
      case 'lvar':
      case 'fres':
        return { e: 'ref', name: stateName(x.loop, x.slot), ty: x.ty };
      case 'lidx':
        return { e: 'ref', name: `i${x.loop.id}`, ty: 'u' };
      default: {
        const name = names.get(x);
        if (!name) throw new Error(`schedule: ${x.k} used before definition`);
        return { e: 'ref', name, ty: x.ty };
      }
    }
  };
  const r = (n: Node) => ref(canon.of(n));
  const arrays: Program['arrays'] = [];
  for (const x of order) {
    const scope = placement.get(x)!;
    if (isFold(x)) {
      const body = scopeOfLoop(x).stmts;
      if (x.store) {
        arrays.push({ name: arrayName(x), length: x.count });
        body.push({ s: 'store', array: arrayName(x), index: { e: 'ref', name: `i${x.id}`, ty: 'u' }, x: r(x.store) });
      }
      const temps = x.next.map((n, k) => {
        const t = `n${x.id}_${k}`;
        body.push({ s: 'let', name: t, ty: n.ty, x: r(n) });
        return t;
      });
      temps.forEach((t, k) => body.push({ s: 'set', name: stateName(x, k), x: { e: 'ref', name: t, ty: x.init[k].ty } }));
      if (x.until) body.push({ s: 'breakIf', c: r(x.until) });
      x.init.forEach((n, k) => scope.stmts.push({ s: 'var', name: stateName(x, k), ty: n.ty, x: r(n) }));
      scope.stmts.push({ s: 'loop', index: `i${x.id}`, count: x.count, label: x.label, body });
      continue;
    }
    switch (x.k) {
      case 'num':
      case 'uint':
      case 'bool':
      case 'cell':
      case 'lvar':
      case 'lidx':
      case 'fres':
        continue; // referenced directly
      case 'lazy': {
        const name = `z${++counter}`;
        names.set(x, name);
        const block = blockScope.get(x)!;
        scope.stmts.push({ s: 'var', name, ty: x.ty, x: r(x.otherwise) });
        block.stmts.push({ s: 'set', name, x: r(x.then) });
        scope.stmts.push({ s: 'if', c: r(x.c), then: block.stmts });
        continue;
      }
      default: {
        const name = `v${++counter}`;
        names.set(x, name);
        scope.stmts.push({ s: 'let', name, ty: x.ty, x: exprOf(x, r) });
      }
    }
  }
  return { body: root.stmts, outputs: rootNodes.map((n) => ({ x: ref(n), ty: n.ty })), arrays };
}

function stateName(loop: Fold, slot: number): string {
  return `s${loop.id}_${slot}`;
}

function arrayName(loop: Fold): string {
  return `a${loop.id}`;
}

function exprOf(x: Node, r: (n: Node) => Expr): Expr {
  switch (x.k) {
    case 'un':
      return { e: 'un', op: x.op, a: r(x.a), ty: x.ty };
    case 'bin':
      return { e: 'bin', op: x.op, a: r(x.a), b: r(x.b), ty: x.ty, operandTy: x.a.ty };
    case 'sel':
      return { e: 'sel', c: r(x.c), a: r(x.a), b: r(x.b), ty: x.ty };
    case 'load':
      return { e: 'load', buf: x.buf, index: r(x.index) };
    case 'vec':
      return { e: 'vec', values: x.values.map(r) };
    case 'pick':
      return { e: 'pick', vec: r(x.vec), index: r(x.index) };
    case 'elem':
      return { e: 'elem', array: arrayName(x.loop), index: r(x.index) };
    default:
      throw new Error(`schedule: cannot bind ${x.k}`);
  }
}

/** Structural hash-consing: equal subgraphs map to one representative node. */
function canonicalizer() {
  const keyOf = new Map<Node, string>();
  const byKey = new Map<string, Node>();
  const ids = new Map<Node, number>();
  const of = (n: Node): Node => {
    const known = keyOf.get(n);
    if (known !== undefined) return byKey.get(known)!;
    const id = (m: Node) => ids.get(of(m))!;
    let key: string;
    switch (n.k) {
      case 'num':
        key = `f${Object.is(n.v, -0) ? 0 : n.v}`;
        break;
      case 'uint':
        key = `u${n.v}`;
        break;
      case 'bool':
        key = `b${n.v}`;
        break;
      case 'cell':
        key = 'cell';
        break;
      case 'un':
        key = `un ${n.op} ${id(n.a)}`;
        break;
      case 'bin':
        key = `bin ${n.op} ${id(n.a)} ${id(n.b)}`;
        break;
      case 'sel':
        key = `sel ${id(n.c)} ${id(n.a)} ${id(n.b)}`;
        break;
      case 'lazy':
        key = `lazy ${id(n.c)} ${id(n.then)} ${id(n.otherwise)}`;
        break;
      case 'load':
        key = `load ${n.buf} ${id(n.index)}`;
        break;
      case 'vec':
        key = `vec ${n.values.map(id).join(' ')}`;
        break;
      case 'pick':
        key = `pick ${id(n.vec)} ${id(n.index)}`;
        break;
      case 'lvar':
        key = `lvar ${n.loop.id} ${n.slot}`;
        break;
      case 'lidx':
        key = `lidx ${n.loop.id}`;
        break;
      case 'fres':
        key = `fres ${n.loop.id} ${n.slot}`;
        break;
      case 'elem':
        key = `elem ${n.loop.id} ${id(n.index)}`;
        break;
      default:
        throw new Error(`schedule: '${n.k}' node was not lowered`);
    }
    keyOf.set(n, key);
    let rep = byKey.get(key);
    if (!rep) {
      byKey.set(key, (rep = n));
      ids.set(n, ids.size);
    }
    return rep;
  };
  return { of };
}
