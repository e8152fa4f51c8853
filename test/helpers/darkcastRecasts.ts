// What the DarkCast recast tests share: one recast-table cache per DarkCast directory (tables take a while
// to build and every model reuses them) and the reader of DarkCast's own shipped recast files.

import { readFileSync } from 'node:fs';
import type { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import {
  buildRecastTables,
  recastCurve,
  recastExcludes,
  withKineticMixing,
  type BuiltinModel,
  type LimitCatalogEntry,
  type RecastTables,
} from '../../src/physics/darkcast/index.js';

/** Recast tables of a limit or projection at its own tabulated masses, built once per entry (DarkCast's conventions). */
export function recastTablesCache(data: DarkcastDirectory): (entry: LimitCatalogEntry) => RecastTables {
  const cache = new Map<string, RecastTables>();
  return (entry) => {
    let t = cache.get(entry.id);
    if (!t) {
      t = buildRecastTables(entry, data.limitTable(entry.stem, entry.folder ?? 'limits').masses, data, { convention: 'darkcast' });
      cache.set(entry.id, t);
    }
    return t;
  };
}

/** A shipped recast file as mass → [lower, upper?]; the files can be empty (every mass dropped). */
export function readReference(path: string): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const s = line.trim();
    if (!s || s.startsWith('#')) continue;
    const v = s.split(/\s+/).map(Number);
    rows.set(v[0], v.slice(1));
  }
  return rows;
}

export interface RecastComparison {
  /** Largest relative deviation of u1x's band edges from DarkCast's over the compared masses. */
  maxDev: number;
  /** Masses where both give one band and its edges were compared. */
  compared: number;
  /** Masses where u1x finds a double-sided island that DarkCast's recast dropped (each confirmed by evaluation). */
  islands: number;
  problems: string[];
}

/**
 * u1x's recast curve of `entry` for `model` against DarkCast's shipped recast file `path`, mass by mass. Where
 * DarkCast has no solution u1x may only find an island of a double-sided limit, confirmed inside and outside
 * its edges (for the dark photon itself it must be the limit's own island); elsewhere both must give one band.
 */
export function compareWithShippedRecast(t: RecastTables, entry: LimitCatalogEntry, model: BuiltinModel, path: string): RecastComparison {
  const reference = readReference(path);
  const curve = recastCurve(t, model);
  const out: RecastComparison = { maxDev: 0, compared: 0, islands: 0, problems: [] };
  const problems = out.problems;
  curve.forEach(({ mx, bands }, i) => {
    const ref = reference.get(mx);
    if (ref === undefined || ref[0] >= 1e5) {
      // DarkCast dropped the mass (zero BR or production) or found no solution.
      if (bands.length === 0) return;
      if (ref === undefined) return void problems.push(`${mx}: u1x excludes where DarkCast dropped the mass`);
      if (entry.layout !== 'double_sided' || bands.length !== 1)
        return void problems.push(`${mx}: unexpected exclusion ${JSON.stringify(bands)}`);
      const { from, to } = bands[0];
      const x = model.couplings(mx);
      const at = (g: number) => recastExcludes(t, i, withKineticMixing(x, g, 0)).excluded;
      if (!at(Math.sqrt(from * to!)) || at(from * 0.999) || at(to! * 1.001)) problems.push(`${mx}: island ${from}..${to} not confirmed`);
      if (model.name === 'dark_photon' && (Math.abs(from / t.epsLo[i] - 1) > 1e-9 || Math.abs(to! / t.epsUp[i] - 1) > 1e-9))
        problems.push(`${mx}: dark photon island ${from}..${to} differs from the limit's own ${t.epsLo[i]}..${t.epsUp[i]}`);
      out.islands++;
      return;
    }
    if (bands.length !== 1) return void problems.push(`${mx}: DarkCast excludes from ${ref[0]}, u1x finds ${JSON.stringify(bands)}`);
    const band = bands[0];
    const devs = [band.from / ref[0] - 1];
    if (ref.length > 1) devs.push((band.to ?? Infinity) / ref[1] - 1);
    else if (band.to !== null) problems.push(`${mx}: single-sided limit with an upper edge ${band.to}`);
    for (const d of devs) out.maxDev = Math.max(out.maxDev, Math.abs(d));
    out.compared++;
  });
  return out;
}
