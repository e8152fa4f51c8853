// Graph rewriting for the IR: rebuild a node graph bottom-up, letting a callback replace nodes.
// Used to lower constraint-level nodes (inputs, tables, model values) to buffer loads, and to fold
// constants. Loops are rebuilt as new Fold objects whose bodies refer to the new loop variables.

import { nextFoldId } from '../ir/build.js';
import type { Fold, Node } from '../ir/expr.js';

/** Called on each node after its children were rewritten; return a replacement or the node itself. */
export type NodeRewriter = (n: Node) => Node;

export function rewriteGraph(roots: readonly Node[], fn: NodeRewriter): Node[] {
  const memo = new Map<Node, Node>();
  const loops = new Map<Fold, Fold>();

  const loopOf = (old: Fold): Fold => {
    const done = loops.get(old);
    if (done) return done;
    const fresh: { -readonly [K in keyof Fold]: Fold[K] } = {
      // A rewritten loop is a different loop (other bindings): it gets its own id.
      id: nextFoldId(),
      count: old.count,
      label: old.label,
      init: old.init.map(visit),
      next: [],
      until: null,
    };
    loops.set(old, fresh);
    fresh.next = old.next.map(visit);
    fresh.until = old.until ? visit(old.until) : null;
    if (old.store) fresh.store = visit(old.store);
    return fresh;
  };

  function visit(n: Node): Node {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Node;
    switch (n.k) {
      case 'un':
        out = rebuild(n, { a: visit(n.a) });
        break;
      case 'bin':
        out = rebuild(n, { a: visit(n.a), b: visit(n.b) });
        break;
      case 'sel':
        out = rebuild(n, { c: visit(n.c), a: visit(n.a), b: visit(n.b) });
        break;
      case 'lazy':
        out = rebuild(n, { c: visit(n.c), then: visit(n.then), otherwise: visit(n.otherwise) });
        break;
      case 'mtab':
        out = rebuild(n, { col: visit(n.col) });
        break;
      case 'stab':
        out = rebuild(n, { index: visit(n.index) });
        break;
      case 'load':
        out = rebuild(n, { index: visit(n.index) });
        break;
      case 'pick':
        out = rebuild(n, { vec: visit(n.vec), index: visit(n.index) });
        break;
      case 'vec': {
        const values = n.values.map(visit);
        out = values.some((v, i) => v !== n.values[i]) ? { ...n, values } : n;
        break;
      }
      case 'lvar':
      case 'lidx': {
        // Loop variables are created with their loop; make sure the loop exists, then look them up.
        // A variable of a loop outside the rewritten graph is a free variable: it stays as it is.
        const loop = loops.get(n.loop);
        if (!loop) {
          memo.set(n, n);
          return n;
        }
        // Loop variables are leaves owned by their loop: never handed to the rewriter.
        const v = { ...n, loop };
        memo.set(n, v);
        return v;
      }
      case 'fres':
        out = { ...n, loop: loopOf(n.loop) };
        break;
      case 'elem':
        out = { ...n, loop: loopOf(n.loop), index: visit(n.index) };
        break;
      default:
        out = n;
    }
    const replaced = fn(out);
    memo.set(n, replaced);
    return replaced;
  }

  return roots.map(visit);
}

function rebuild<T extends Node>(n: T, parts: Partial<Record<string, Node>>): T {
  for (const [key, v] of Object.entries(parts)) {
    if ((n as unknown as Record<string, Node>)[key] !== v) return { ...n, ...parts } as T;
  }
  return n;
}
