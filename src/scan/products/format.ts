// Number and text formatting shared by the scan products: captions, CSV fields, .lmt columns, and
// file-system-safe model names.

import { createHash } from 'node:crypto';
import { powerOfTenLabel } from '../../plot/scales.js';

/** A file-system-safe, readable name for a model, unique (case-insensitively) among the scan's models. */
export function modelSlugs(names: readonly { id: string; name: string }[]): string[] {
  const used = new Set<string>();
  return names.map((m) => {
    let base = m.name.replace(/[^A-Za-z0-9._+-]+/g, '_').replace(/^[_.]+|_+$/g, '') || 'model';
    // Long names (chiral catalog models) are cut and made unique with a hash of the stable id.
    if (base.length > 80) base = `${base.slice(0, 80)}-${createHash('sha256').update(m.id).digest('hex').slice(0, 8)}`;
    let slug = base;
    for (let k = 2; used.has(slug.toLowerCase()); k++) slug = `${base}_${k}`;
    used.add(slug.toLowerCase());
    return slug;
  });
}

/** Plot labels parse `_`/`^` markup; titles, ids and model names are literal text. */
export function literal(s: string): string {
  return s.replace(/[\\_^]/g, (c) => `\\${c}`);
}

/** Compact human number for titles and captions: 0.02, 3×10⁻⁴, 10⁻⁵, −10⁻³. */
export function prettyNumber(v: number): string {
  if (v === 0) return '0';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (a >= 1e-2 && a < 1e3) return sign + String(Number(a.toPrecision(3)));
  let e = Math.floor(Math.log10(a));
  let m = Number((a / 10 ** e).toPrecision(3));
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  const pow = powerOfTenLabel(e);
  return sign + (m === 1 ? pow : `${m}×${pow}`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Shortest decimal that reads back as the same float32 (so 0.1f prints as 0.1, not 0.10000000149). */
export function float32Text(v: number): string {
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

export function numberText(v: number, float32: boolean): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return float32 ? float32Text(v) : String(v);
}

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** C-style %13.6e (DarkCast's files use the same exponent form): 5.000000e-03. */
export function lmtNumber(v: number): string {
  const [mant, exp] = v.toExponential(6).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`.padStart(14);
}

/** Short readable number for file headers (plain ASCII). */
export function headerNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}
