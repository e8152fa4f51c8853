// The kernel expression IR: every constraint is written once as a graph of these nodes, and the same
// graph is emitted as WGSL (float32, GPU) and as JavaScript (float64, CPU reference).
//
// Nodes are immutable plain objects built by the functions in ./build.ts. Structural sharing is
// recovered by the compiler (common subexpressions get one variable), so builders may freely rebuild
// the same expression. Loops (`fold`) and lazily evaluated branches (`lazy`) are scopes: the compiler
// hoists every node to the outermost scope it can live in and sinks work used only by a lazy branch
// into that branch.

/** f: float (f32 on GPU, f64 on CPU); u: unsigned 32-bit integer; b: boolean; v: a small array of floats. */
export type Ty = 'f' | 'u' | 'b' | 'v';

/** Per-point inputs provided by the kernel driver. */
export type InputName = 'mx' | 'gx' | 'eps';

export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sqrt'
  | 'exp'
  | 'log'
  | 'floor'
  | 'not' //         b -> b
  | 'nonFinite' //   f -> b: NaN, +-Inf, or beyond the float32 range (see kernel/emitJs.ts, emitWgsl.ts)
  | 'toFloat' //     u -> f
  | 'toUint'; //     f -> u (truncation; argument must be >= 0)

export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'min'
  | 'max'
  | 'pow' // f,f -> f ; all but pow also u,u -> u
  | 'mod' //                                              u,u -> u
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'eq'
  | 'ne' //           f,f or u,u -> b
  | 'and'
  | 'or' //                                       b,b -> b
  | 'bor'
  | 'shl'; //                                     u,u -> u (bit masks)

/** A table registered by a constraint; the compiler assigns it a place in the table buffer. */
export interface TableRef {
  /** mass: [mass][column]; modelMass: [model][mass][column]; static: a flat array. */
  readonly kind: 'mass' | 'modelMass' | 'static';
  /** Globally unique key, `<constraint id>.<table name>`. */
  readonly key: string;
  /** Columns per mass node (mass and model-mass tables) or total length (static tables). */
  readonly size: number;
}

export type Node =
  | { readonly k: 'num'; readonly ty: 'f'; readonly v: number }
  | { readonly k: 'uint'; readonly ty: 'u'; readonly v: number }
  | { readonly k: 'bool'; readonly ty: 'b'; readonly v: boolean }
  | { readonly k: 'input'; readonly ty: 'f'; readonly name: InputName }
  /** Per-model value: a coupling-record field or a constraint's per-model parameter (CPU float64). */
  | { readonly k: 'model'; readonly ty: 'f'; readonly name: string }
  /** Mass or model-mass table: column `col` at the point's mass (interpolated linearly in log m_X). */
  | { readonly k: 'mtab'; readonly ty: 'f'; readonly table: TableRef; readonly col: Node }
  /** Static (mass-independent) table element. */
  | { readonly k: 'stab'; readonly ty: 'f'; readonly table: TableRef; readonly index: Node }
  | { readonly k: 'un'; readonly ty: Ty; readonly op: UnaryOp; readonly a: Node }
  | { readonly k: 'bin'; readonly ty: Ty; readonly op: BinaryOp; readonly a: Node; readonly b: Node }
  | { readonly k: 'sel'; readonly ty: Ty; readonly c: Node; readonly a: Node; readonly b: Node }
  /** Loop state slot / loop counter, valid only inside the body of `loop`. */
  | { readonly k: 'lvar'; readonly ty: Ty; readonly loop: Fold; readonly slot: number }
  | { readonly k: 'lidx'; readonly ty: 'u'; readonly loop: Fold }
  /** Value of state slot `slot` after the loop finished. */
  | { readonly k: 'fres'; readonly ty: Ty; readonly loop: Fold; readonly slot: number }
  /** A fixed-length array of float values, indexed at run time with `pick` (e.g. inside a fold). */
  | { readonly k: 'vec'; readonly ty: 'v'; readonly values: readonly Node[] }
  | { readonly k: 'pick'; readonly ty: 'f'; readonly vec: Node; readonly index: Node }
  /** Element `index` of the array a tabulating loop (`Fold.store`, see build.ts tabulate) filled. */
  | { readonly k: 'elem'; readonly ty: 'f'; readonly loop: Fold; readonly index: Node }
  /** `then` evaluated only where `c` holds, otherwise `otherwise`; nodes used only by `then` run in the branch. */
  | { readonly k: 'lazy'; readonly ty: Ty; readonly c: Node; readonly then: Node; readonly otherwise: Node }
  // Driver-level nodes, produced by the kernel compiler when it lowers inputs and tables:
  /** Element `index` of one of the kernel's buffers (float). */
  | { readonly k: 'load'; readonly ty: 'f'; readonly buf: BufferName; readonly index: Node }
  /** Global index of the cell (grid mode) or point (points mode) this invocation evaluates. */
  | { readonly k: 'cell'; readonly ty: 'u' };

/**
 * Storage buffers every kernel binds: tables (float), per-model records, and axes or point lists. 'statics' is
 * the block of static tables at the start of the tables buffer (kernel/layout.ts), read through u1x_static()
 * in WGSL so that a kernel for a software adapter can hold it as shader constants (compile.ts).
 */
export type BufferName = 'tables' | 'statics' | 'models' | 'axes';

/**
 * A bounded loop carrying a tuple of state values. Each iteration computes `next` from the state and
 * the counter; after it, the loop stops early when `until` (built from the new state) is true.
 */
export interface Fold {
  readonly id: number;
  readonly count: number;
  readonly init: readonly Node[];
  readonly next: readonly Node[];
  readonly until: Node | null;
  readonly label: string;
  /**
   * A tabulating loop (build.ts tabulate): iteration i writes this value to element i of the loop's own
   * per-invocation array, which `elem` nodes read after the loop. Such loops carry no state.
   */
  readonly store?: Node | null;
}

export type F = Node & { ty: 'f' };
export type U = Node & { ty: 'u' };
export type B = Node & { ty: 'b' };
