// The enumeration kernel on worker threads. The worker is created from source text (eval: true) so it
// runs the same way from compiled dist/ and from TypeScript sources under vitest, with no worker file
// to locate on disk.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { enumerateSetsForSums, leptonSums } from './enumerationKernel.js';
import { checkMaxCharge, decodeSets, enumerateChargeSets, type ChargeSet } from './enumerate.js';

// One block per lepton sum, so the main thread can lay the blocks out in x_q order without sorting.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const enumerateSetsForSums = ${enumerateSetsForSums.toString()};
const blocks = workerData.sums.map((s) => enumerateSetsForSums(workerData.maxCharge, [s]));
parentPort.postMessage(blocks, blocks.map((b) => b.buffer));
`;

/**
 * Where worker threads start to pay on the 2-core reference machine (bench/modelsEnumeration.mjs, with
 * other jobs sharing the cores: one thread wins up to N = 120, the two roughly break even from N = 160).
 * Below it the search takes milliseconds to a second on one core, less than starting workers costs.
 */
export const PARALLEL_MIN_CHARGE = 150;

/** Number of sorted triples in [-n, n] with the given sum: the work a lepton sum costs the kernel. */
function triplesWithSum(n: number, s: number): number {
  let count = 0;
  for (let a = -n; a <= n; a++) count += Math.max(0, Math.floor((s - a) / 2) - Math.max(a, s - a - n) + 1);
  return count;
}

/** Greedy longest-processing-time split of the lepton sums into `parts` groups of similar work. */
export function splitSums(maxCharge: number, parts: number): number[][] {
  const groups = Array.from({ length: parts }, () => ({ sums: [] as number[], work: 0 }));
  const weighted = leptonSums(maxCharge)
    .map((s) => ({ s, w: triplesWithSum(maxCharge, s) }))
    .sort((a, b) => b.w - a.w || a.s - b.s);
  for (const { s, w } of weighted) {
    const lightest = groups.reduce((m, g) => (g.work < m.work ? g : m));
    lightest.sums.push(s);
    lightest.work += w;
  }
  return groups.map((g) => g.sums).filter((g) => g.length > 0);
}

/** The kernel's blocks for `sums`, keyed by sum. */
function runWorker(maxCharge: number, sums: number[]): Promise<Map<number, Int32Array>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { maxCharge, sums } });
    worker.once('message', (blocks: Int32Array[]) => resolve(new Map(sums.map((s, i) => [s, blocks[i]]))));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`enumeration worker exited with code ${code}`));
    });
  });
}

export function defaultThreadCount(maxCharge: number): number {
  return maxCharge < PARALLEL_MIN_CHARGE ? 1 : Math.max(1, availableParallelism());
}

/** Same result and order as enumerateChargeSets(); `threads` 1 runs inline without workers. */
export async function enumerateChargeSetsParallel(maxCharge: number, threads: number): Promise<ChargeSet[]> {
  checkMaxCharge(maxCharge);
  if (threads <= 1) return enumerateChargeSets(maxCharge);
  const parts = await Promise.all(splitSums(maxCharge, threads).map((sums) => runWorker(maxCharge, sums)));
  const blockOf = new Map(parts.flatMap((p) => [...p]));
  const blocks = leptonSums(maxCharge).map((s) => blockOf.get(s)!);
  const flat = new Int32Array(blocks.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of blocks) {
    flat.set(b, offset);
    offset += b.length;
  }
  return decodeSets(flat);
}
