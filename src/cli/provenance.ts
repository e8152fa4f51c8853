// Which external data a run used, with file hashes, for manifests.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanPlan } from '../scan/plan.js';
import type { ScanProvenance } from '../scan/outputs.js';
import type { DataDirs } from './common.js';
import { hasProjections } from '../io/darkcast/index.js';
import { bundledDarkcast2023Dir } from '../io/dataDirs.js';

function hashFiles(dir: string, filter: (name: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const full = join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else if (filter(rel)) out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk('');
  return out;
}

export function dataProvenance(plan: ScanPlan, dirs: DataDirs): ScanProvenance['dataDirs'] {
  const uses = (what: 'coherent' | 'darkcast') => plan.active.some((a) => a.inst.usesData?.includes(what));
  const record = (d: DataDirs['coherent'], filter: (name: string) => boolean) =>
    d.dir ? { dir: d.dir, origin: d.origin ?? 'unknown', bundled: d.bundled, sha256: hashFiles(d.dir, filter) } : null;
  const coherent = uses('coherent') ? record(dirs.coherent, (n) => n.endsWith('.dat')) : null;
  // DarkCast 1.2 has limits/ and vmd/; the 2023 layout keeps its VMD tables in data/ and projections in reach/.
  const darkcast = uses('darkcast') ? record(dirs.darkcast, (n) => /^(limits|vmd|reach)\//.test(n) || /^data\/rf\./.test(n)) : null;
  // Projections come from the bundled DarkCast 2023 copy when the DarkCast directory has no reach/.
  const projections = plan.active.some((a) => a.def.role === 'projection') && dirs.darkcast.dir && !hasProjections(dirs.darkcast.dir);
  if (!projections) return { coherent, darkcast };
  const dir = bundledDarkcast2023Dir();
  return {
    coherent,
    darkcast,
    darkcast_projections: { dir, origin: 'bundled', bundled: true, sha256: hashFiles(dir, (n) => /^(reach\/|data\/rf\.)/.test(n)) },
  };
}
