// SVG -> PNG (resvg) and SVG -> vector PDF (pdfkit + svg-to-pdfkit), both with the DejaVu TTFs loaded
// explicitly so the three formats show the same glyphs, and written atomically.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { writeFileAtomic } from '../io/atomic.js';
import { findDejaVuFonts } from './fonts.js';
import { FONT_FAMILY } from './text.js';

export type PlotFormat = 'svg' | 'png' | 'pdf';

export interface PngOptions {
  /** Pixel density relative to the SVG's px size; 2 gives crisp figures for slides and reviews. */
  scale?: number;
}

/** Width and height of the root <svg> element, in px. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const w = root && /\swidth="([\d.]+)(px)?"/.exec(root);
  const h = root && /\sheight="([\d.]+)(px)?"/.exec(root);
  if (!w || !h) throw new Error('plot: the SVG root needs numeric width and height attributes');
  return { width: Number(w[1]), height: Number(h[1]) };
}

export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? 2;
  if (!(scale > 0)) throw new Error(`plot: PNG scale must be positive, got ${scale}`);
  const fonts = findDejaVuFonts();
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [fonts.regular, fonts.bold],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

const PT_PER_PX = 72 / 96;

/** Fixed metadata date: SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the epoch. */
function creationDate(): Date {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return new Date(Number.isFinite(epoch) && epoch > 0 ? epoch * 1000 : 0);
}

/**
 * A one-page vector PDF the size of the SVG (px -> pt at 96 dpi), with DejaVu embedded (subset) so
 * text stays selectable and searchable. Any font warning from svg-to-pdfkit is an error: its fallback
 * would be a base-14 font lacking the unicode superscripts and Greek in our labels.
 */
export function svgToPdf(svg: string): Promise<Buffer> {
  const fonts = findDejaVuFonts();
  const { width, height } = svgSize(svg);
  const size: [number, number] = [width * PT_PER_PX, height * PT_PER_PX];
  const doc = new PDFDocument({
    size,
    margin: 0,
    compress: true,
    info: { Producer: 'u1x', Creator: 'u1x', CreationDate: creationDate() },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const boldName = `${FONT_FAMILY}-Bold`;
  doc.registerFont(FONT_FAMILY, fonts.regular);
  doc.registerFont(boldName, fonts.bold);
  const warnings: string[] = [];
  SVGtoPDF(doc, svg, 0, 0, {
    width: size[0],
    height: size[1],
    fontCallback: (_family, bold) => (bold ? boldName : FONT_FAMILY),
    warningCallback: (message) => warnings.push(message),
  });
  const fontProblems = warnings.filter((w) => /font/i.test(w));
  if (fontProblems.length > 0) {
    doc.end();
    return Promise.reject(new Error(`plot: PDF text could not be set in DejaVu Sans: ${fontProblems.join('; ')}`));
  }
  doc.end();
  return done;
}

/**
 * Write `<basePath>.svg|png|pdf` for each requested format (each file atomically: temp + rename), and
 * return the paths written, in the order asked.
 */
export async function writePlot(basePath: string, svg: string, formats: readonly PlotFormat[], png: PngOptions = {}): Promise<string[]> {
  mkdirSync(dirname(basePath), { recursive: true });
  const written: string[] = [];
  for (const format of [...new Set(formats)]) {
    const path = `${basePath}.${format}`;
    switch (format) {
      case 'svg':
        writeFileAtomic(path, svg);
        break;
      case 'png':
        writeFileAtomic(path, svgToPng(svg, png));
        break;
      case 'pdf':
        writeFileAtomic(path, await svgToPdf(svg));
        break;
      default:
        throw new Error(`plot: unknown format "${String(format)}" (expected svg, png or pdf)`);
    }
    written.push(path);
  }
  return written;
}
