// The files of a fit (per model: best couplings, chi2 and terms, non-finite terms, margin, viability) as JSON
// rows, CSV and arrays; written by `u1x fit`, the fit kind and the model-space kind's overlay.

import type { FitOutput } from '../fit.js';

export function fitRows(out: FitOutput) {
  return out.fits.map((f) => ({
    model: { id: f.model.id, name: f.model.name, charges: f.model.charges, c: f.model.c ?? null },
    best: {
      gx: f.best.gx,
      eps: f.best.eps,
      eps_e_over_gx: f.best.epsEOverGx,
      chi2: f.best.chi2,
      terms: f.best.terms,
      nonfinite: f.best.nonfinite,
    },
    viable: f.viable,
    margin: f.margin,
    below_sm: f.belowSm,
    clamped: out.clamped,
  }));
}

/** Ids of the terms below their SM value, ';'-separated (CSV) or ' '-separated (table). */
export const belowSmIds = (f: FitOutput['fits'][number], sep: string) => f.belowSm.map((b) => b.id).join(sep);

export function fitCsvText(out: FitOutput): string {
  const header = [
    'id',
    'name',
    'viable',
    'chi2_min',
    'margin',
    'below_sm',
    'clamped',
    'gx',
    'eps',
    'eps_e_over_gx',
    'cB',
    'ce',
    'cmu',
    'ctau',
    ...out.objective.map((t) => `chi2_${t}`),
  ];
  const rows = out.fits.map((f) =>
    [
      f.model.id,
      JSON.stringify(f.model.name),
      f.viable,
      f.best.chi2,
      f.margin,
      belowSmIds(f, ';'),
      out.clamped.join(';'),
      f.best.gx,
      f.best.eps,
      f.best.epsEOverGx,
      f.model.c?.B ?? '',
      f.model.c?.e ?? '',
      f.model.c?.mu ?? '',
      f.model.c?.tau ?? '',
      ...out.objective.map((t) => f.best.terms[t]),
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function fitArrays(out: FitOutput) {
  const n = out.fits.length;
  const col = (f: (x: FitOutput['fits'][number]) => number) => Float64Array.from(out.fits, f);
  const c = new Float64Array(n * 4);
  out.fits.forEach((f, i) => c.set(f.model.c ? [f.model.c.B, f.model.c.e, f.model.c.mu, f.model.c.tau] : [NaN, NaN, NaN, NaN], i * 4));
  return [
    { name: 'chi2_min', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.chi2) },
    { name: 'gx', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.gx) },
    { name: 'eps', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.eps) },
    { name: 'k', dtype: '<f8' as const, shape: [n], data: col((f) => f.best.k) },
    { name: 'viable', dtype: '<u1' as const, shape: [n], data: Uint8Array.from(out.fits, (f) => (f.viable ? 1 : 0)) },
    ...out.objective.map((t) => ({ name: `chi2_${t}`, dtype: '<f8' as const, shape: [n], data: col((f) => f.best.terms[t]) })),
    { name: 'c', dtype: '<f8' as const, shape: [n, 4], data: c },
  ];
}
