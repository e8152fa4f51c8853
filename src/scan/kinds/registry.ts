// Every scan kind u1x knows, keyed by its id (the spec's `kind:`). Adding a kind = one file + one line here.

import type { z } from 'zod';
import type { ScanSpec } from '../spec.js';
import { kindFields, type ScanKind, type ScanRunContext } from './define.js';
import fit from './fit.js';
import grid from './grid.js';
import massBound from './massBound.js';
import modelSpace from './modelSpace.js';

/** The kind of a spec without `kind:`. */
export const DEFAULT_SCAN_KIND = 'grid';

const ALL: readonly ScanKind[] = [grid, fit, modelSpace, massBound];

function checkUnique(kinds: readonly ScanKind[]): readonly ScanKind[] {
  const seen = new Set<string>();
  for (const k of kinds) {
    if (seen.has(k.id)) throw new Error(`scan kind '${k.id}' registered twice`);
    seen.add(k.id);
  }
  return kinds;
}

export const SCAN_KINDS: readonly ScanKind[] = checkUnique(ALL);

/** Every kind's own spec keys, for the spec schema (a key may serve several kinds only with one type). */
export function kindSpecShape(): z.ZodRawShape {
  const shape: Record<string, z.ZodRawShape[string]> = {};
  for (const k of SCAN_KINDS) {
    for (const [key, type] of Object.entries(k.schema)) {
      if (key in shape && shape[key] !== type) throw new Error(`spec key ${key} is declared by two scan kinds`);
      shape[key] = type;
    }
  }
  return shape;
}

export function scanKindOf(spec: Pick<ScanSpec, 'kind'>): ScanKind {
  const id = spec.kind ?? DEFAULT_SCAN_KIND;
  const kind = SCAN_KINDS.find((k) => k.id === id);
  if (!kind) throw new Error(`unknown scan kind '${id}'`); // the spec schema admits registered kinds only
  return kind;
}

/** The spec's kind-specific models, or null when the kind scans the spec's `models:` selection. */
export function kindModels(spec: ScanSpec): ReturnType<NonNullable<ScanKind['models']>> | null {
  const kind = scanKindOf(spec);
  return kind.models ? kind.models(kindFields(kind, spec)) : null;
}

/** `--quick` of the kind's own keys (the caller thins the axes and model families). */
export function kindQuick(spec: ScanSpec): Partial<ScanSpec> {
  const kind = scanKindOf(spec);
  return (kind.quick?.(kindFields(kind, spec)) ?? {}) as Partial<ScanSpec>;
}

export function runScanKind(ctx: ScanRunContext): Promise<void> {
  const kind = scanKindOf(ctx.plan.spec);
  return kind.run(ctx, kindFields(kind, ctx.plan.spec));
}
