// Points evaluated in float64 on the CPU reference's worker threads, batch after batch, with the kernel
// compiled and the tables built once: the fit's bound search, ceilings and refinement (issue 18, item 5).
// The points buffer is a SharedArrayBuffer of fixed capacity that each batch overwrites (the CPU backend
// hands such a buffer to its workers as it is). Each point's value does not depend on which thread computed
// it, so the results are those of the single-threaded PointEvaluator, bit for bit.

import { cpuBackend } from '../backends/cpu.js';
import type { PreparedKernel } from '../backends/types.js';
import { buildKernel, type KernelRequest, type PointInput, type PointsRequest } from '../kernel/session.js';
import { KernelOutputs } from '../kernel/readout.js';

export class ParallelPoints {
  private constructor(
    private readonly build: ReturnType<typeof buildKernel>,
    private readonly axes: Float64Array,
    private readonly prepared: PreparedKernel,
    readonly capacity: number,
  ) {}

  /** `request` as PointEvaluator builds it; at most `capacity` points per batch. */
  static async open(request: KernelRequest & { mode: PointsRequest }, capacity: number, threads?: number): Promise<ParallelPoints> {
    const build = buildKernel(request);
    const stride = build.kernel.pointStride!;
    const axes = new Float64Array(new SharedArrayBuffer(capacity * stride * 8));
    const prepared = await cpuBackend(threads).prepare(build.kernel, { ...build.buffers, axes });
    return new ParallelPoints(build, axes, prepared, capacity);
  }

  /** Totals of the objective at `points`, in their order. */
  async totals(points: readonly PointInput[]): Promise<Float64Array> {
    const out = new Float64Array(points.length);
    for (let base = 0; base < points.length; base += this.capacity) {
      const part = points.slice(base, base + this.capacity);
      this.axes.set(this.build.packPoints(part));
      const block = await this.prepared.run(0, part.length);
      const read = new KernelOutputs(this.build.layout, block);
      for (let i = 0; i < part.length; i++) out[base + i] = read.chi2(i);
    }
    return out;
  }

  dispose(): void {
    this.prepared.dispose();
  }
}
