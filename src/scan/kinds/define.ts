// The declarative shape of a scan kind: what `kind:` in a spec selects. A kind is one file exporting
// `defineScanKind({...})` plus its line in ./registry.ts; the spec schema, model resolution, `--quick`
// and the CLI find it there and never special-case one.

import { z } from 'zod';
import type { SelectedBackend } from '../../backends/select.js';
import type { ScanModel } from '../../models/types.js';
import type { ScanProvenance } from '../manifest.js';
import type { ScanPlan } from '../plan.js';
import type { ProgressMode } from '../progress.js';
import type { StopRequest } from '../runner.js';
import type { ShardRecord } from '../shard.js';

/** What the CLI hands every kind. */
export interface ScanRunContext {
  plan: ScanPlan;
  specFile: string;
  /** The spec file's text, copied into the output. */
  specText: string;
  outDir: string;
  selected: SelectedBackend;
  log: (line: string) => void;
  progressMode: ProgressMode;
  /** Command-line flags (undefined: not given). */
  flags: { resume: boolean; force: boolean; quick: boolean; terms: boolean | undefined; cells: boolean };
  provenance: Omit<ScanProvenance, 'backend' | 'precision'>;
  /** Lines saying which constraints were skipped and why, for the kind to print. */
  skipped: readonly string[];
  /** The u1x installation, which no output may replace. */
  installRoot: string | null;
  /** Seconds between checkpoints of a kind that keeps them (grid; 0: after every chunk). */
  checkpointSeconds: number;
  /**
   * Installs the SIGINT/SIGTERM handlers (the CLI's, src/cli/stopSignals.ts): `what` says what a stop
   * does; the kind disposes of them when it returns.
   */
  stopSignals(what: string): StopSignals;
  /** `--shard I/N`: the plan is this shard's block (grid scans only; src/scan/shard.ts). */
  shard?: ShardRecord;
}

/** A stop request set by the signal handlers, and their removal. */
export interface StopSignals {
  stop: StopRequest;
  dispose(): void;
}

/** The values of a kind's own spec keys. */
export type KindFields<S extends z.ZodRawShape> = z.infer<z.ZodObject<S>>;

export interface ScanKind<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The value of `kind:` in a spec. */
  id: string;
  /** Spec keys this kind reads besides the common ones (zod shapes; each optional). */
  schema: S;
  /** The models it scans, when not the spec's `models:` selection. */
  models?(fields: KindFields<S>): ScanModel[];
  /** `--quick`: its own keys at reduced resolution (the axes and model families are thinned for every kind). */
  quick?(fields: KindFields<S>): Partial<KindFields<S>>;
  run(ctx: ScanRunContext, fields: KindFields<S>): Promise<void>;
}

const ID_PATTERN = /^[a-z][A-Za-z0-9]*$/;

export function defineScanKind<S extends z.ZodRawShape>(kind: ScanKind<S>): ScanKind<S> {
  if (!ID_PATTERN.test(kind.id)) throw new Error(`scan kind id '${kind.id}' must match ${ID_PATTERN}`);
  for (const [key, type] of Object.entries(kind.schema)) {
    if (!(type as z.ZodType).safeParse(undefined).success) throw new Error(`scan kind ${kind.id}: spec key ${key} must be optional`);
  }
  return Object.freeze(kind);
}

/** A kind's own keys read from a (validated) spec. */
export function kindFields<S extends z.ZodRawShape>(kind: ScanKind<S>, spec: object): KindFields<S> {
  return z.object(kind.schema).parse(spec);
}
