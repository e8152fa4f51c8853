// Timing of the model enumeration (SPEC §3.5) on one thread and on worker threads.
// Run after `npm run build`:  node bench/modelsEnumeration.mjs [N ...] > bench/models-enumeration.json
// (U1X_DIST=/path/to/dist points it at another build.) Prints one JSON document.
import { availableParallelism, cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dist = resolve(process.env.U1X_DIST ?? new URL('../dist', import.meta.url).pathname);
const { buildCatalog, enumerateChargeSets, enumerateChargeSetsParallel } = await import(
  pathToFileURL(resolve(dist, 'models/index.js')).href
);

const bounds = process.argv.slice(2).map(Number);
const charges = bounds.length ? bounds : [10, 15, 20, 40, 80, 120, 160, 200];
const threads = availableParallelism();
const REPEATS = 5;

/** Median wall time in ms of `repeats` runs of f. */
async function median(f, repeats = REPEATS) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

/** Expanding sets into flavour-ordered models is timed up to this bound; beyond it only the search. */
const CATALOG_MAX = 40;

const rows = [];
for (const n of charges) {
  const repeats = n > 100 ? 3 : REPEATS;
  const row = { maxCharge: n, sets: enumerateChargeSets(n).length };
  row.enumerateMs1Thread = +(await median(() => enumerateChargeSets(n), repeats)).toFixed(1);
  row[`enumerateMs${threads}Threads`] = +(await median(() => enumerateChargeSetsParallel(n, threads), repeats)).toFixed(1);
  if (n <= CATALOG_MAX) {
    const { vectorSets, chiralSets, vectorModels, chiralModels } = buildCatalog(n, enumerateChargeSets(n)).counts;
    Object.assign(row, { vectorSets, chiralSets, vectorModels, chiralModels });
    row.catalogMs1Thread = +(await median(() => buildCatalog(n, enumerateChargeSets(n)), repeats)).toFixed(1);
  }
  rows.push(row);
  console.error(JSON.stringify(row));
}
console.log(JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, threads, rows }, null, 2));
