// A tiny SVG string builder. Everything is a string so that output is byte-for-byte reproducible:
// numbers go through `num` (fixed precision, no "-0", no exponent notation) and attribute order is
// the order the caller wrote.

export type AttrValue = string | number | undefined | null | false;
export type Attrs = Record<string, AttrValue>;

/** Escape text content and attribute values for XML. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * A coordinate or length with at most `digits` decimals. Trailing zeros are trimmed and "-0" becomes
 * "0" so that identical geometry always prints identically. Non-finite input is a bug in the caller,
 * so it throws instead of writing "NaN" into a file that a viewer would then refuse.
 */
export function num(value: number, digits = 2): string {
  if (!Number.isFinite(value)) throw new Error(`svg: non-finite number ${value}`);
  let s = value.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function attrString(attrs: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    out += ` ${key}="${typeof value === 'number' ? num(value) : esc(value)}"`;
  }
  return out;
}

/** An element; `children` are already-serialised SVG strings (use `esc` for text). */
export function el(tag: string, attrs: Attrs = {}, children?: string | string[]): string {
  const inner = Array.isArray(children) ? children.join('') : children;
  if (inner === undefined || inner === '') return `<${tag}${attrString(attrs)}/>`;
  return `<${tag}${attrString(attrs)}>${inner}</${tag}>`;
}

/** A group with one child per line, so diffs of generated SVGs stay readable. */
export function group(attrs: Attrs, children: string[]): string {
  if (children.length === 0) return '';
  return `<g${attrString(attrs)}>\n${children.join('\n')}\n</g>`;
}

export type Point = readonly [number, number];

/** Path data for a polyline; `close` appends Z. */
export function pathData(points: readonly Point[], close: boolean, digits = 2): string {
  if (points.length === 0) return '';
  let d = `M${num(points[0][0], digits)} ${num(points[0][1], digits)}`;
  for (let i = 1; i < points.length; i++) d += `L${num(points[i][0], digits)} ${num(points[i][1], digits)}`;
  return close ? `${d}Z` : d;
}

/** The outer document: fixed size in px, a white background (PNG and PDF must not be transparent). */
export function svgDocument(width: number, height: number, body: string[], defs: string[] = []): string {
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}" height="${num(height)}" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}">`;
  const parts = [head];
  if (defs.length > 0) parts.push(`<defs>\n${defs.join('\n')}\n</defs>`);
  parts.push(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  parts.push(...body.filter((s) => s !== ''));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
