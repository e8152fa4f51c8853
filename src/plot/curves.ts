// Line plots of a few labelled curves against a threshold, e.g. the generic mass bound: min χ² vs m_X
// (global, no mixing, dark photon only) with χ² = 4 and the mass where the global curve crosses it.

import type { PlotArea } from './axes.js';
import { composeFigure } from './figure.js';
import type { LegendEntry } from './legend.js';
import { seriesStyle } from './palette.js';
import { linearScale, logScale, niceStep, type Scale } from './scales.js';
import { el, group, num, pathData, type Point } from './svg.js';
import { textElement } from './text.js';

export interface CurveSeries {
  id: string;
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dash?: string;
}

export interface CurvesInput {
  title: string;
  subtitle?: string;
  x: { label: string; log?: boolean; domain?: [number, number] };
  y: { label: string; domain?: [number, number] };
  curves: CurveSeries[];
  threshold?: { y: number; label?: string };
  /**
   * Mark where a curve first crosses the threshold (found by interpolation, in log x on log axes), or an
   * explicit point. In `label`, "{x}" is replaced by the crossing's x to 2 significant figures.
   */
  crossing?: { curveId: string; label?: string } | { x: number; y?: number; label?: string };
  footer: string[];
  width?: number;
  height?: number;
}

/** Dash patterns by curve index, so curves stay distinguishable in greyscale print as well as by colour. */
const CURVE_DASHES: readonly (string | undefined)[] = [undefined, '8 4', '2 3', '10 3 2 3'];

/**
 * x values where the piecewise-linear curve (in log x if `logX`) crosses `level`, in increasing x
 * order of the data. Touching without crossing is not a crossing; non-finite points break the curve.
 */
export function findCrossings(x: ArrayLike<number>, y: ArrayLike<number>, level: number, logX = false): number[] {
  const out: number[] = [];
  const t = (v: number): number => (logX ? Math.log(v) : v);
  for (let i = 0; i + 1 < x.length; i++) {
    const y0 = y[i] - level;
    const y1 = y[i + 1] - level;
    if (![x[i], x[i + 1], y0, y1].every(Number.isFinite) || (logX && (x[i] <= 0 || x[i + 1] <= 0))) continue;
    if (y0 === 0 && i === 0) out.push(x[i]);
    if ((y0 < 0 && y1 >= 0) || (y0 > 0 && y1 <= 0)) {
      if (y1 === 0) {
        out.push(x[i + 1]);
        continue;
      }
      const u = t(x[i]) + ((t(x[i + 1]) - t(x[i])) * y0) / (y0 - y1);
      out.push(logX ? Math.exp(u) : u);
    }
  }
  return out;
}

function significant(v: number, digits: number): string {
  const s = Number(v.toPrecision(digits));
  return String(s).replace(/^-/, '−');
}

function dataExtent(values: ArrayLike<number>[], positiveOnly: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of values) {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi >= lo)) throw new Error('curves: no finite data to plot');
  return [lo, hi];
}

/** y range: includes 0 when the data are non-negative (χ² plots), rounded out to nice steps. */
function autoYDomain(curves: CurveSeries[], threshold: number | undefined): [number, number] {
  let [lo, hi] = dataExtent(
    curves.map((c) => c.y),
    false,
  );
  if (threshold !== undefined) {
    lo = Math.min(lo, threshold);
    hi = Math.max(hi, threshold);
  }
  if (lo >= 0) lo = 0;
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, 6);
  return [Math.floor(lo / step) * step, Math.ceil((hi + 0.02 * (hi - lo)) / step) * step];
}

export function renderCurves(input: CurvesInput): string {
  if (input.curves.length === 0) throw new Error('curves: nothing to plot');
  const seen = new Set<string>();
  for (const c of input.curves) {
    if (seen.has(c.id)) throw new Error(`curves: duplicate curve id "${c.id}"`);
    seen.add(c.id);
    if (c.x.length !== c.y.length) throw new Error(`curves: "${c.id}" has ${c.x.length} x and ${c.y.length} y values`);
  }
  const logX = input.x.log ?? false;
  const xDomain =
    input.x.domain ??
    dataExtent(
      input.curves.map((c) => c.x),
      logX,
    );
  const xScale: Scale = logX ? logScale(xDomain) : linearScale(xDomain);
  const yScale: Scale = linearScale(input.y.domain ?? autoYDomain(input.curves, input.threshold?.y));

  const styles = input.curves.map((c, k) => ({
    color: c.color ?? seriesStyle(k).color,
    dash: c.dash ?? CURVE_DASHES[k % CURVE_DASHES.length],
  }));

  let crossing: { x: number; y: number; label: string } | undefined;
  if (input.crossing) {
    const spec = input.crossing;
    if ('curveId' in spec) {
      const curve = input.curves.find((c) => c.id === spec.curveId);
      if (!curve) throw new Error(`curves: crossing refers to unknown curve "${spec.curveId}"`);
      if (!input.threshold) throw new Error('curves: a crossing by curve needs a threshold');
      const xs = findCrossings(curve.x, curve.y, input.threshold.y, logX);
      if (xs.length > 0) {
        crossing = { x: xs[0], y: input.threshold.y, label: (spec.label ?? '{x}').replace('{x}', significant(xs[0], 2)) };
      }
    } else {
      const y = spec.y ?? input.threshold?.y;
      if (y === undefined) throw new Error('curves: an explicit crossing needs y or a threshold');
      crossing = { x: spec.x, y, label: (spec.label ?? '{x}').replace('{x}', significant(spec.x, 2)) };
    }
  }

  const polylines = (area: PlotArea, c: CurveSeries): string => {
    // Split at non-finite or (on log x) non-positive points instead of drawing through them.
    const runs: Point[][] = [];
    let run: Point[] = [];
    for (let i = 0; i < c.x.length; i++) {
      const x = c.x[i];
      const y = c.y[i];
      if (!Number.isFinite(x) || !Number.isFinite(y) || (logX && x <= 0)) {
        if (run.length > 1) runs.push(run);
        run = [];
        continue;
      }
      run.push([area.px(x), area.py(y)]);
    }
    if (run.length > 1) runs.push(run);
    return runs.map((r) => pathData(r, false)).join('');
  };

  const layers = (area: PlotArea): string[] => {
    const out: string[] = [];
    if (input.threshold) {
      const y = area.py(input.threshold.y);
      out.push(
        el('path', {
          class: 'threshold',
          d: `M${num(area.left)} ${num(y)}H${num(area.left + area.width)}`,
          stroke: '#444444',
          'stroke-width': 1.1,
          'stroke-dasharray': '4 3',
          fill: 'none',
        }),
      );
    }
    if (crossing) {
      const x = area.px(crossing.x);
      out.push(
        el('path', {
          class: 'crossing-drop',
          d: `M${num(x)} ${num(area.py(crossing.y))}V${num(area.top + area.height)}`,
          stroke: '#444444',
          'stroke-width': 1,
          'stroke-dasharray': '1.5 2.5',
          fill: 'none',
        }),
      );
    }
    out.push(
      group(
        { class: 'curves' },
        input.curves.map((c, k) =>
          el('path', {
            class: 'curve',
            'data-id': c.id,
            d: polylines(area, c),
            fill: 'none',
            stroke: styles[k].color,
            'stroke-width': 2,
            'stroke-dasharray': styles[k].dash,
            'stroke-linejoin': 'round',
          }),
        ),
      ),
    );
    return out;
  };

  const overlays = (area: PlotArea): string[] => {
    const out: string[] = [];
    if (input.threshold?.label) {
      out.push(
        textElement(area.left + area.width - 6, area.py(input.threshold.y) - 5, input.threshold.label, {
          size: 11,
          anchor: 'end',
          fill: '#333333',
          className: 'threshold-label',
        }),
      );
    }
    if (crossing) {
      const x = area.px(crossing.x);
      const y = area.py(crossing.y);
      out.push(el('circle', { class: 'crossing', cx: x, cy: y, r: 4.5, fill: '#ffffff', stroke: '#000000', 'stroke-width': 1.5 }));
      // Below the threshold line, right of the drop line: the region the crossing bounds.
      out.push(textElement(x + 7, y + 17, crossing.label, { size: 12, fill: '#000000', className: 'crossing-label' }));
    }
    return out;
  };

  const legend: LegendEntry[] = input.curves.map((c, k) => ({
    id: c.id,
    label: c.label,
    swatch: { kind: 'line', color: styles[k].color, dash: styles[k].dash, width: 2 },
  }));

  return composeFigure({
    title: input.title,
    subtitle: input.subtitle,
    width: input.width,
    height: input.height,
    xScale,
    yScale,
    xLabel: input.x.label,
    yLabel: input.y.label,
    legend,
    footer: input.footer,
    grid: true,
    layers,
    overlays,
  });
}
