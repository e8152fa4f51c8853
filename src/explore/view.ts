// A view of the explorer: one model's (m_X, g_X) map at one mixing, written as a scan spec so that the
// page's export is a spec `u1x scan` reads. Requests are validated with the CLI's own spec schema
// (scan/spec.ts) and planned with the scan planner; on top of that a view is limited to what the page can
// draw: one model given by name, id or expression (never a file), two range axes, one mixing value.

import { MODEL_FILE_EXTENSIONS } from '../models/modelFile.js';
import { resolveModels } from '../models/index.js';
import { constraintInfos } from '../scan/products/cells.js';
import { planScan, type ScanPlan } from '../scan/plan.js';
import { parseScanSpec, type ScanSpec } from '../scan/spec.js';
import { UserError } from '../util/errors.js';
import type { WireConstraint } from './wire.js';

/** Largest map side: 512 x 512 cells keep a request's build and readback well under a second's transfer. */
export const MAX_VIEW_SIDE = 512;

/** Model names, ids and expressions use these characters; paths ('/', '\', '~') never pass. */
const MODEL_TEXT = /^[A-Za-z0-9:()+\-. ]{1,200}$/;

export interface ViewContext {
  dataDirs: { coherent: string | null; darkcast: string | null };
}

function requireRangeAxis(spec: ScanSpec, key: 'mx' | 'gx'): void {
  const a = spec[key];
  if (typeof a !== 'object' || !('min' in a)) throw new UserError(`${key}: a view needs a range {min, max, n}`);
  if (a.n < 2 || a.n > MAX_VIEW_SIDE) throw new UserError(`${key}: n must be between 2 and ${MAX_VIEW_SIDE} (got ${a.n})`);
  if (a.scale !== undefined && a.scale !== 'log') throw new UserError(`${key}: a view's axes are logarithmic (scale: log)`);
}

/** Validate a view request (a scan spec as JSON) with the CLI's schema and the view's own limits. */
export function parseView(body: unknown): ScanSpec {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new UserError('view: a scan spec object is required');
  const spec = parseScanSpec(JSON.stringify(body), 'view');
  if (spec.kind !== undefined && spec.kind !== 'grid') throw new UserError(`kind: a view is a grid map (got '${spec.kind}')`);
  if (typeof spec.models !== 'string' || !MODEL_TEXT.test(spec.models))
    throw new UserError('models: one benchmark name, catalog id or vector expression');
  const lower = spec.models.trim().toLowerCase();
  if (MODEL_FILE_EXTENSIONS.some((e) => lower.endsWith(e)) || lower.startsWith('catalog'))
    throw new UserError('models: model files and catalog selectors are not views (one model by name, id or expression)');
  if (spec.allowAnomalous) throw new UserError('allowAnomalous: a view shows anomaly-free models only');
  requireRangeAxis(spec, 'mx');
  requireRangeAxis(spec, 'gx');
  for (const key of ['eps', 'k'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'number') throw new UserError(`${key}: a view has one mixing value (a number)`);
  }
  if (spec.profile !== undefined && spec.profile.length > 0) throw new UserError('profile: a view is not profiled');
  return spec;
}

export function planView(spec: ScanSpec, ctx: ViewContext): ScanPlan {
  const plan = planScan(spec, {
    name: spec.name ?? 'explore',
    dataDirs: ctx.dataDirs,
    force: false,
    resolveModels: (s) => resolveModels(s.models as string, {}),
  });
  if (plan.models.length !== 1) throw new UserError(`models: a view shows one model ('${spec.models}' selects ${plan.models.length})`);
  return plan;
}

/** The constraints a map draws (scan/products/cells.ts constraintInfos, the scan's own), serialisable. */
export function viewConstraints(plan: ScanPlan, bits: readonly string[]): WireConstraint[] {
  return constraintInfos(plan, { bits: [...bits] }).map((c) => ({
    id: c.id,
    title: c.title,
    bit: c.bit,
    preferred: c.preferred,
    upperLimit: c.upperLimit !== null,
  }));
}
