// The float64 JavaScript emission of a kernel as a callable function: the CPU backend's in-process path
// and the kernel session's synchronous point evaluator both run it. (The CPU backend's workers build the
// same function from the same source inside their own isolates.)

import type { CompiledKernel } from './compile.js';

/** out[local * stride + slot] for cells [base, base + count), reading tables T, model records M and axes A. */
export type KernelFn = (T: Float64Array, M: Float64Array, A: Float64Array, out: Float64Array, base: number, count: number) => void;

export function jsKernelFunction(kernel: Pick<CompiledKernel, 'js'>): KernelFn {
  return new Function('T', 'M', 'A', 'out', 'base', 'count', kernel.js) as KernelFn;
}
