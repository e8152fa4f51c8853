// What the DarkCast recast tests share: one recast-table cache per DarkCast directory (tables take a while
// to build and every model reuses them) and the reader of DarkCast's own shipped recast files.

import { readFileSync } from 'node:fs';
import type { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import { buildRecastTables, type LimitCatalogEntry, type RecastTables } from '../../src/physics/darkcast/index.js';

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
