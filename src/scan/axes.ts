// Grid axes: m_X, g_X and the mixing coordinate (eps, or the mixing ratio k). An axis is a single
// value, an explicit list, or a range with a count and a scale.

import { UserError } from '../util/errors.js';

export type AxisSpec = number | { values: number[] } | { min: number; max: number; n: number; scale?: 'log' | 'lin' | 'linlog' };

export interface Axis {
  name: string;
  values: Float64Array;
  scale: 'log' | 'lin' | 'linlog' | 'list';
}

/**
 * Most points one axis may have: 2^24 float64 values are 128 MiB, WebGPU's default
 * maxStorageBufferBindingSize (W3C WebGPU, "Limits"), the size of the axes buffer the kernels read.
 * Checked before anything is allocated (a 3e8-point axis would otherwise exhaust the JS heap).
 */
export const MAX_AXIS_POINTS = 2 ** 24;

export function buildAxis(name: string, spec: AxisSpec, rules: { positive?: boolean; maxAbs?: number; unit?: string }): Axis {
  const where = `axis ${name}`;
  let values: number[];
  let scale: Axis['scale'];
  if (typeof spec === 'number') {
    values = [spec];
    scale = 'list';
  } else if ('values' in spec) {
    values = spec.values;
    scale = 'list';
    if (values.length === 0) throw new UserError(`${where}: empty list of values`);
    if (values.length > MAX_AXIS_POINTS)
      throw new UserError(`${where}: ${values.length} values, more than the ${MAX_AXIS_POINTS} an axis may have`);
  } else {
    const { min, max, n } = spec;
    scale = spec.scale ?? (rules.positive ? 'log' : 'lin');
    if (!Number.isInteger(n) || n < 1) throw new UserError(`${where}: n must be a positive integer (got ${n})`);
    if (n > MAX_AXIS_POINTS) throw new UserError(`${where}: n = ${n} is more than the ${MAX_AXIS_POINTS} points an axis may have`);
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new UserError(`${where}: min and max must be finite numbers`);
    if (min > max) throw new UserError(`${where}: min ${min} > max ${max}`);
    if (n > 1 && min === max) throw new UserError(`${where}: n = ${n} points on an empty range [${min}, ${max}]`);
    if (scale === 'log' && !(min > 0)) throw new UserError(`${where}: a log axis needs min > 0 (got ${min})`);
    if (scale === 'linlog' && !(min >= 0 && min < 1 && max > 1 && n >= 4)) {
      throw new UserError(`${where}: a linlog axis needs 0 <= min < 1 < max and n >= 4`);
    }
    if (scale === 'linlog') {
      // Linear on [min, 1], logarithmic on [1, max], 1 shared: the R axis of G2 Fig. 2.
      const nLin = Math.ceil(n / 2);
      const nLog = n - nLin + 1;
      values = [
        ...Array.from({ length: nLin }, (_, i) => min + ((1 - min) * i) / (nLin - 1)),
        ...Array.from({ length: nLog - 1 }, (_, i) => Math.exp((Math.log(max) * (i + 1)) / (nLog - 1))),
      ];
    } else {
      values = Array.from({ length: n }, (_, i) => {
        if (n === 1) return min;
        const t = i / (n - 1);
        return scale === 'log' ? Math.exp(Math.log(min) + t * Math.log(max / min)) : min + t * (max - min);
      });
    }
    // Hit the end points exactly.
    values[n - 1] = max;
  }
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new UserError(`${where}: value ${i} is not a finite number (${v})`);
    if (rules.positive && !(v > 0)) throw new UserError(`${where}: value ${v} must be > 0${rules.unit ? ` ${rules.unit}` : ''}`);
    if (rules.maxAbs !== undefined && !(Math.abs(v) < rules.maxAbs)) throw new UserError(`${where}: |${v}| must be < ${rules.maxAbs}`);
  });
  return { name, values: Float64Array.from(values), scale };
}

/** True when the values are log-uniform (within rounding), so a position is (log m - log m0)/step. */
export function isLogUniform(values: Float64Array): boolean {
  if (values.length < 3) return values.length > 0 && values[0] > 0;
  const step = Math.log(values[1] / values[0]);
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > 0) || Math.abs(Math.log(values[i] / values[i - 1]) - step) > 1e-9 * Math.max(1, Math.abs(step))) return false;
  }
  return true;
}
