// The resume key: everything that changes a scan's outputs, as named parts, so that a checkpoint is
// resumed only by the same computation and a mismatch can say what differs. The spec enters as
// resolved (after --quick), so a full run and a --quick run never share a checkpoint.

import { createHash } from 'node:crypto';
import type { ScanPlan } from './plan.js';

export interface ResumeKeyInput {
  plan: ScanPlan;
  quick: boolean;
  backend: { name: string; precision: string };
  u1xVersion: string;
  gitSha: string | null;
  /** sha256 of every external data file the run reads, by directory kind (from the provenance). */
  dataFiles: unknown;
  terms: boolean;
  cells: boolean;
  observables: readonly string[];
  /** `I/N` of a shard (scan/shard.ts); absent for a whole-grid run. */
  shard?: string;
}

export type ResumeKey = Record<string, string>;

const sha = (v: unknown) =>
  createHash('sha256')
    .update(typeof v === 'string' ? v : JSON.stringify(v))
    .digest('hex');

/** Drop directory paths from the data provenance: the same files elsewhere give the same outputs. */
function dataHashes(d: unknown): unknown {
  if (!d || typeof d !== 'object') return d ?? null;
  return Object.fromEntries(
    Object.entries(d as Record<string, unknown>).map(([k, v]) => [
      k,
      v && typeof v === 'object' && 'sha256' in v ? ((v as { sha256?: unknown }).sha256 ?? null) : null,
    ]),
  );
}

export function resumeKey(i: ResumeKeyInput): ResumeKey {
  return {
    spec: sha(i.plan.spec),
    quick: String(i.quick),
    backend: `${i.backend.name} ${i.backend.precision}`,
    'u1x version': `${i.u1xVersion}${i.gitSha ? ` (${i.gitSha})` : ''}`,
    'data files': sha(dataHashes(i.dataFiles)),
    constraints: sha({
      active: i.plan.active.map((a) => [a.def.id, a.inst.variant ?? null, a.datasetId ?? null, a.options ?? null]),
      objective: [...i.plan.objective],
      mixing: i.plan.mixing,
    }),
    outputs: sha({ terms: i.terms, cells: i.cells, observables: [...i.observables] }),
    ...(i.shard ? { shard: i.shard } : {}),
  };
}

const LABEL: Record<string, string> = {
  spec: 'the scan spec (as resolved, after --quick)',
  quick: '--quick',
  backend: 'the backend',
  'u1x version': 'the u1x version',
  'data files': 'the external data files',
  constraints: 'the constraints, datasets or options',
  outputs: 'the stored outputs (--terms, --no-cells, observables)',
  shard: '--shard',
};

/** Human-readable list of what differs between a checkpoint's key and this run's, or [] when equal. */
export function keyDifferences(saved: ResumeKey, now: ResumeKey): string[] {
  const names = [...new Set([...Object.keys(saved), ...Object.keys(now)])];
  return names
    .filter((n) => saved[n] !== now[n])
    .map((n) => {
      const label = LABEL[n] ?? n;
      // Short values are worth showing; hashes are not.
      const show = (v: string | undefined) => (v === undefined ? 'absent' : v.length > 40 ? null : v);
      const a = show(saved[n]);
      const b = show(now[n]);
      return a !== null && b !== null ? `${label} (checkpoint: ${a}, now: ${b})` : label;
    });
}
