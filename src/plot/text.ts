// Text for plots: a small LaTeX-like markup for labels (m_X, g_{X}, (g-2)_μ, χ^2), measured with the
// DejaVu metrics so legends and captions can be laid out before rendering, and written as SVG <text>
// with <tspan> runs. Shifts use dy rather than baseline-shift because svg-to-pdfkit and resvg agree on dy.

import { el, esc, num } from './svg.js';
import { textWidth } from './textWidth.js';

/** Every text element names DejaVu Sans; render.ts loads exactly that font for PNG and PDF. */
export const FONT_FAMILY = 'DejaVu Sans';

export type Shift = 'base' | 'sub' | 'super';
export interface TextRun {
  text: string;
  shift: Shift;
}

const SCRIPT_SCALE = 0.72;
const SUB_DROP_EM = 0.22;
const SUPER_RISE_EM = 0.4;

/**
 * Parse label markup: `_x` or `_{...}` is a subscript, `^x` or `^{...}` a superscript, a backslash
 * escapes the next character (`\_`). Braces do not nest. Captions and footers are not parsed: they
 * often hold file names and ids with underscores.
 */
export function parseRich(markup: string): TextRun[] {
  const runs: TextRun[] = [];
  const push = (text: string, shift: Shift): void => {
    if (text === '') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.shift === shift) last.text += text;
    else runs.push({ text, shift });
  };
  const chars = [...markup];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) {
      push(chars[i + 1], 'base');
      i += 2;
    } else if ((c === '_' || c === '^') && i + 1 < chars.length) {
      const shift: Shift = c === '_' ? 'sub' : 'super';
      if (chars[i + 1] === '{') {
        const close = chars.indexOf('}', i + 2);
        const end = close === -1 ? chars.length : close;
        push(chars.slice(i + 2, end).join(''), shift);
        i = end + 1;
      } else {
        push(chars[i + 1], shift);
        i += 2;
      }
    } else {
      push(c, 'base');
      i += 1;
    }
  }
  return runs;
}

/** The label as plain text (for titles of SVG elements, tests, and accessibility). */
export function plainText(markup: string): string {
  return parseRich(markup)
    .map((r) => r.text)
    .join('');
}

export function richWidth(markup: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const run of parseRich(markup)) {
    w += textWidth(run.text, run.shift === 'base' ? fontSize : fontSize * SCRIPT_SCALE, bold);
  }
  return w;
}

export interface TextStyle {
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  fill?: string;
  /** Degrees, about (x, y). */
  rotate?: number;
  /** Parse `_`/`^` markup (labels) or print verbatim (captions). */
  rich?: boolean;
  className?: string;
  /** Outline, for the white halo drawn under labels that sit on data. */
  stroke?: { color: string; width: number };
}

/** One line of text with its baseline at y. */
export function textElement(x: number, y: number, content: string, style: TextStyle): string {
  const attrs = {
    x,
    y,
    'font-family': FONT_FAMILY,
    'font-size': style.size,
    'font-weight': style.bold ? 'bold' : undefined,
    'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : undefined,
    fill: style.fill ?? '#000000',
    stroke: style.stroke?.color,
    'stroke-width': style.stroke?.width,
    'stroke-linejoin': style.stroke ? 'round' : undefined,
    transform: style.rotate ? `rotate(${num(style.rotate)} ${num(x)} ${num(y)})` : undefined,
    class: style.className,
  };
  const runs = style.rich === false ? [{ text: content, shift: 'base' as Shift }] : parseRich(content);
  if (runs.length === 1 && runs[0].shift === 'base') return el('text', attrs, esc(runs[0].text));
  let offset = 0;
  const spans = runs.map((run) => {
    const target = run.shift === 'sub' ? SUB_DROP_EM * style.size : run.shift === 'super' ? -SUPER_RISE_EM * style.size : 0;
    const dy = target - offset;
    offset = target;
    return el(
      'tspan',
      { dy: dy !== 0 ? dy : undefined, 'font-size': run.shift === 'base' ? undefined : style.size * SCRIPT_SCALE },
      esc(run.text),
    );
  });
  return el('text', attrs, spans);
}

/** Greedy word wrap of plain text to a pixel width; a single over-long word stays on its own line. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}
