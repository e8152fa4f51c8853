// The cached result of `--backend auto`'s calibration: points per second of the WebGPU adapter and of the
// float64 CPU reference on two small kernels, measured once per machine and u1x build (version and commit) and kept in
// $XDG_CACHE_HOME/u1x (default ~/.cache/u1x). Written atomically; a file that does not parse, has another
// format, or was measured for another machine, adapter or u1x version is ignored (and replaced).

import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';

export const CALIBRATION_FORMAT = 'u1x-backend-calibration/1';

/** The two kernel kinds measured: the light terms alone, and with COHERENT's likelihood (the heavy term). */
export type KernelKind = 'light' | 'heavy';

export interface Throughput {
  /** Grid points per second, WebGPU adapter. */
  webgpu: number;
  /** Grid points per second, float64 CPU reference on all cores. */
  cpu: number;
}

/** What a calibration is valid for: a different value anywhere means measure again. */
export interface CalibrationKey {
  u1x: string;
  node: string;
  adapter: string;
  cpu: string;
}

export interface Calibration {
  format: typeof CALIBRATION_FORMAT;
  key: CalibrationKey;
  measuredAt: string;
  kernels: Record<KernelKind, Throughput>;
}

export function calibrationPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'u1x', 'backend-calibration.json');
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The cached calibration for `key`, or null (no file, unreadable, malformed, or for another key). */
export function readCalibration(path: string, key: CalibrationKey): Calibration | null {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  const c = data as Partial<Calibration> | null;
  if (!c || typeof c !== 'object' || c.format !== CALIBRATION_FORMAT || typeof c.measuredAt !== 'string') return null;
  const k = c.key as Partial<CalibrationKey> | undefined;
  if (!k || k.u1x !== key.u1x || k.node !== key.node || k.adapter !== key.adapter || k.cpu !== key.cpu) return null;
  for (const kind of ['light', 'heavy'] as const) {
    const t = c.kernels?.[kind];
    if (!t || !positive(t.webgpu) || !positive(t.cpu)) return null;
  }
  return c as Calibration;
}

/** Write atomically; returns null, or why the cache could not be written (the run goes on without it). */
export function writeCalibration(path: string, c: Calibration): string | null {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileAtomic(path, JSON.stringify(c, null, 2) + '\n');
    return null;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}
