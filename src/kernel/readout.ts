// Typed readers over one block of kernel outputs: what a cell's words mean, by name of the quantity
// (total chi2, argmin, a constraint's exclusion or term, an observable) instead of slot strings and mask
// bit arithmetic at every call site. Slots come from the compiler (CompiledKernel.slots); a new kind of
// per-cell output gets its slots there and a reader here (as the per-constraint non-finite flags did).

import type { OutputBlock } from '../backends/types.js';
import type { CompiledKernel, OutputSlots } from './compile.js';

/** Slot positions of one kernel, resolved once and shared by the readouts of every block it produces. */
export class OutputLayout {
  readonly slots: OutputSlots;
  /**
   * Constraint id -> its mask word's slot, that word's index among the mask words (the same index picks
   * its non-finite word) and its bit in that word (bit k of word k >> 5).
   */
  private readonly bitOf: Map<string, { word: number; wordIndex: number; bit: number }>;

  constructor(kernel: Pick<CompiledKernel, 'slots' | 'bits'>) {
    this.slots = kernel.slots;
    this.bitOf = new Map(kernel.bits.map((id, k) => [id, { word: kernel.slots.maskWords[k >> 5], wordIndex: k >> 5, bit: k & 31 }]));
  }

  /** Constraints with a mask bit, in bit order. */
  get constraintIds(): string[] {
    return [...this.bitOf.keys()];
  }

  /** Constraint ids whose chi2 term is an output, in output order. */
  get termIds(): string[] {
    return [...this.slots.terms.keys()];
  }

  /** Observables ('<constraint id>.<name>') that are outputs, in output order. */
  get observableNames(): string[] {
    return [...this.slots.observables.keys()];
  }

  /** Mask word and bit of a constraint. */
  maskBit(id: string): { word: number; wordIndex: number; bit: number } {
    const b = this.bitOf.get(id);
    if (b === undefined) throw new Error(`kernel outputs: '${id}' is not an active constraint of this kernel`);
    return b;
  }

  termSlot(id: string): number {
    const s = this.slots.terms.get(id);
    if (s === undefined) throw new Error(`kernel outputs: no chi2 term of '${id}' (not active, or terms not requested)`);
    return s;
  }

  observableSlot(name: string): number {
    const s = this.slots.observables.get(name);
    if (s === undefined) throw new Error(`kernel outputs: no observable '${name}' (not active, or not requested)`);
    return s;
  }
}

/**
 * One block of results. `cell` is the index within the block (0 .. count - 1). Valid until the next run of
 * the kernel that produced it (backends reuse their output memory).
 */
export class KernelOutputs {
  readonly count: number;
  private readonly floats: Float32Array | Float64Array;
  private readonly uints: Uint32Array | Float64Array;
  private readonly stride: number;
  private readonly chi2Slot: number;
  private readonly argminSlot: number;

  constructor(
    readonly layout: OutputLayout,
    block: Pick<OutputBlock, 'count' | 'stride' | 'floats' | 'uints'>,
  ) {
    this.count = block.count;
    this.floats = block.floats;
    this.uints = block.uints;
    this.stride = block.stride;
    this.chi2Slot = layout.slots.chi2;
    this.argminSlot = layout.slots.argmin ?? -1;
  }

  /** Total chi2 of the objective (grid: the minimum over the profiled axis). */
  chi2(cell: number): number {
    return this.floats[cell * this.stride + this.chi2Slot];
  }

  /** Grid kernels: index into the mixing axis of the minimum. */
  /** Points of the cell's profile whose heavy terms were evaluated (grid kernels compiled with countHeavy). */
  heavyEvaluations(cell: number): number {
    const slot = this.layout.slots.heavyEvaluations;
    if (slot === null) throw new Error('kernel outputs: compiled without countHeavy');
    return this.floats[cell * this.stride + slot];
  }

  argmin(cell: number): number {
    if (this.argminSlot < 0) throw new Error('kernel outputs: a points kernel has no argmin');
    return this.uints[cell * this.stride + this.argminSlot];
  }

  /** Whether constraint `id` excludes the cell (grid: at the minimum). */
  excluded(cell: number, id: string): boolean {
    const { word, bit } = this.layout.maskBit(id);
    return ((this.uints[cell * this.stride + word] >>> bit) & 1) === 1;
  }

  /**
   * Whether constraint `id`'s raw chi2 was non-finite in the cell (then its term is NONFINITE_CHI2 and it
   * excludes). Grid: anywhere in the profile for objective terms, or at the minimum for every constraint.
   */
  nonfinite(cell: number, id: string): boolean {
    const { wordIndex, bit } = this.layout.maskBit(id);
    return ((this.uints[cell * this.stride + this.layout.slots.nonfiniteWords[wordIndex]] >>> bit) & 1) === 1;
  }

  /**
   * Add 1 to counts[k] for each constraint k (in mask-bit order, as layout.constraintIds) whose chi2 was
   * non-finite in the cell: the runner's per-constraint tallies, without a lookup per constraint and cell.
   */
  countNonfinite(cell: number, counts: number[]): void {
    const words = this.layout.slots.nonfiniteWords;
    for (let w = 0; w < words.length; w++) {
      for (let word = this.uints[cell * this.stride + words[w]], k = w * 32; word !== 0; word >>>= 1, k++) if (word & 1) counts[k]++;
    }
  }

  /** Constraint `id`'s chi2 term (grid: at the minimum). */
  term(cell: number, id: string): number {
    return this.floats[cell * this.stride + this.layout.termSlot(id)];
  }

  /** Observable '<constraint id>.<name>' (grid: at the minimum). */
  observable(cell: number, name: string): number {
    return this.floats[cell * this.stride + this.layout.observableSlot(name)];
  }

  /** Mask word `w` as stored in cells/mask.npy (bit k of word k >> 5 is constraint number k). */
  maskWord(cell: number, w: number): number {
    return this.uints[cell * this.stride + this.layout.slots.maskWords[w]];
  }
}
