// Refuse up front a request whose working set cannot fit, instead of crashing minutes later with a V8
// heap OOM or a RangeError. The estimate is per item (axis value, sampled point) and measured, not exact;
// the budget is half of V8's heap limit, leaving the other half for the run's own tables and results.

import { getHeapStatistics } from 'node:v8';
import { UserError } from '../util/errors.js';

/** Half of V8's heap limit (the largest JavaScript heap this process may use). */
export function heapBudgetBytes(): number {
  return getHeapStatistics().heap_size_limit / 2;
}

const gb = (bytes: number) => `${(bytes / 1e9).toPrecision(3)} GB`;

/**
 * Throws a UserError naming the numbers when `count` items of `bytesPerItem` exceed the budget.
 * `what` names the option, e.g. '--points 1e12'.
 */
export function requireMemory(what: string, count: number, bytesPerItem: number, budget = heapBudgetBytes()): void {
  const need = count * bytesPerItem;
  if (need > budget) {
    const most = Math.floor(budget / bytesPerItem);
    throw new UserError(
      `${what} needs about ${gb(need)} of memory (${bytesPerItem} bytes each); this process may use ${gb(budget)}, i.e. at most ${most.toExponential(2)}`,
    );
  }
}
