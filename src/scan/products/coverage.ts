// coverage.csv: which future search tests the viable window (issue 17). Per model and per projection
// (role 'projection', constraints/define.ts), the number and fraction of the currently allowed cells (no
// exclusion constraint excludes them) and of the viable cells (allowed and inside the (g-2)_mu band) that the
// projection would exclude, sorted by the viable fraction, then the allowed one. Everything is counted from
// the per-cell mask words (cells/mask.npy), so a merge of shards that re-runs the products gets the same numbers.
//
// Scans without projections write nothing and add no manifest entry (their outputs stay as they were).

import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic.js';
import { decodeMasks, modelBlocks } from './cells.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';
import { csvField } from './format.js';

export interface ProjectionCoverage {
  id: string;
  title: string;
  /** Allowed cells it would exclude. */
  allowedExcluded: number;
  /** Viable (allowed and preferred) cells it would exclude; null without a preferred band. */
  viableExcluded: number | null;
}

export interface ModelCoverage {
  allowed: number;
  /** null without an active preferred band. */
  viable: number | null;
  /** Sorted: largest viable fraction first, then largest allowed fraction, then plan order. */
  projections: ProjectionCoverage[];
}

const fraction = (part: number, whole: number | null) => (whole ? part / whole : null);

/**
 * Coverage of one model's cells, counted block by block from their mask words (cells/mask.npy): integer
 * counts, so the block size cannot change them.
 */
export function modelCoverage(scan: FinishedScan, model: number): ModelCoverage {
  const { layout: l, constraints: infos, cells } = scan;
  let allowed = 0;
  let viable = 0;
  let hasPreferred = false;
  const proj = infos.map(() => ({ a: 0, v: 0 }));
  for (const [first, n] of modelBlocks(l, model, scan.blockCells)) {
    const masks = decodeMasks(cells.words(first, n, l), l.words, infos, n);
    hasPreferred = masks.preferred !== null;
    for (let i = 0; i < n; i++) {
      allowed += masks.allowed[i];
      if (masks.preferred) viable += masks.allowed[i] & masks.preferred[i];
    }
    infos.forEach((c, k) => {
      if (!c.projection) return;
      const m = masks.byConstraint[k];
      for (let i = 0; i < n; i++) {
        if (!m[i] || !masks.allowed[i]) continue;
        proj[k].a++;
        if (masks.preferred?.[i]) proj[k].v++;
      }
    });
  }
  const projections: ProjectionCoverage[] = [];
  infos.forEach((c, k) => {
    if (c.projection)
      projections.push({ id: c.id, title: c.title, allowedExcluded: proj[k].a, viableExcluded: hasPreferred ? proj[k].v : null });
  });
  const key = (p: ProjectionCoverage) => [fraction(p.viableExcluded ?? 0, viable) ?? 0, fraction(p.allowedExcluded, allowed) ?? 0];
  projections.sort((p, q) => {
    const [pv, pa] = key(p);
    const [qv, qa] = key(q);
    return qv - pv || qa - pa;
  });
  return { allowed, viable: hasPreferred ? viable : null, projections };
}

/** Coverage of every model of a finished scan, in plan order. */
export function scanCoverage(scan: FinishedScan): ModelCoverage[] {
  return scan.plan.models.map((_, m) => modelCoverage(scan, m));
}

function percent(part: number, whole: number | null): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

/** One footer line per model's figure: the projections that reach its viable (else allowed) cells, best first. */
export function coverageFooter(c: ModelCoverage): string | null {
  if (c.projections.length === 0) return null;
  const whole = c.viable ?? c.allowed;
  const what = c.viable !== null ? `${c.viable} viable cells (allowed, inside the (g−2)_μ band)` : `${c.allowed} allowed cells`;
  const parts = c.projections.map(
    (p) => `${p.title.replace(/ \(projected\)$/, '')} ${percent(p.viableExcluded ?? p.allowedExcluded, whole)}`,
  );
  return `Projected (dashed; never an exclusion): share of the ${what} each would exclude: ${parts.join(', ')}.`;
}

export const coverageProduct: ScanProduct = { key: 'coverage', name: 'coverage.csv', write: coverage };

const COLUMNS = [
  'model',
  'projection',
  'title',
  'allowed_cells',
  'allowed_excluded',
  'allowed_fraction',
  'viable_cells',
  'viable_excluded',
  'viable_fraction',
];

function coverage(scan: FinishedScan): ProductRecord | null {
  if (!scan.constraints.some((c) => c.projection)) return null;
  const all = scanCoverage(scan);
  const rows = [COLUMNS.join(',')];
  const num = (x: number | null) => (x === null ? '' : String(x));
  all.forEach((c, m) => {
    for (const p of c.projections) {
      rows.push(
        [
          csvField(scan.plan.models[m].id),
          p.id,
          csvField(p.title),
          c.allowed,
          p.allowedExcluded,
          num(fraction(p.allowedExcluded, c.allowed)),
          num(c.viable),
          num(p.viableExcluded),
          num(p.viableExcluded === null ? null : fraction(p.viableExcluded, c.viable)),
        ].join(','),
      );
    }
  });
  writeFileAtomic(join(scan.dir, 'coverage.csv'), rows.join('\n') + '\n');
  return {
    file: 'coverage.csv',
    meaning:
      'per model and projection (a future search, never an exclusion): allowed_cells = cells no exclusion constraint excludes, viable_cells = allowed and inside the (g-2)_mu 2 sigma band (empty without the band); *_excluded = those the projection would exclude at the cell minimum; fractions of the respective totals (empty when the total is 0); rows sorted per model by viable_fraction, then allowed_fraction',
    models: all.map((c, m) => ({
      model: scan.plan.models[m].id,
      allowed_cells: c.allowed,
      viable_cells: c.viable,
      projections: c.projections.map((p) => ({
        id: p.id,
        allowed_excluded: p.allowedExcluded,
        allowed_fraction: fraction(p.allowedExcluded, c.allowed),
        viable_excluded: p.viableExcluded,
        viable_fraction: p.viableExcluded === null ? null : fraction(p.viableExcluded, c.viable),
      })),
    })),
  };
}
