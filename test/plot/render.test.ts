import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExclusionMap } from '../../src/plot/exclusionMap.js';
import { findDejaVuFonts } from '../../src/plot/fonts.js';
import { svgSize, svgToPdf, svgToPng, writePlot } from '../../src/plot/render.js';
import { demoExclusionInput } from './demoData.js';
import { suiteTempDir } from '../helpers/tmp.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const textOnly = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" viewBox="0 0 200 50"><rect width="200" height="50" fill="#ffffff"/>` +
  `<text x="10" y="30" font-family="DejaVu Sans" font-size="20">${text}</text></svg>`;

const dir = suiteTempDir('render');

describe('fonts', () => {
  it('finds DejaVu Sans regular and bold', () => {
    const f = findDejaVuFonts();
    expect(f.regular).toMatch(/DejaVuSans\.ttf$/);
    expect(f.bold).toMatch(/DejaVuSans-Bold\.ttf$/);
  });
  it('fails clearly when pointed at a directory without them', () => {
    expect(() => findDejaVuFonts({ U1X_FONT_DIR: '/nonexistent-u1x-fonts' })).toThrow(/U1X_FONT_DIR.*DejaVuSans\.ttf/);
  });
});

describe('svgToPng', () => {
  const svg = renderExclusionMap(demoExclusionInput());

  it('writes a PNG of the SVG size times the scale', () => {
    const { width, height } = svgSize(svg);
    const png1 = svgToPng(svg, { scale: 1 });
    expect(png1.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png1)).toEqual({ width: Math.round(width), height: Math.round(height) });
    const png2 = svgToPng(svg, { scale: 2 });
    expect(pngSize(png2)).toEqual({ width: Math.round(2 * width), height: Math.round(2 * height) });
  });

  it('renders text (a text-only SVG differs from a blank one, and titles change pixels)', () => {
    expect(svgToPng(textOnly('10⁻³ g_X χ²'), { scale: 1 }).equals(svgToPng(textOnly(''), { scale: 1 }))).toBe(false);
    const a = svgToPng(renderExclusionMap({ ...demoExclusionInput(), title: 'Model A' }), { scale: 1 });
    const b = svgToPng(renderExclusionMap({ ...demoExclusionInput(), title: '' }), { scale: 1 });
    expect(a.equals(b)).toBe(false);
  });

  it('is deterministic', () => {
    expect(svgToPng(svg, { scale: 1 }).equals(svgToPng(svg, { scale: 1 }))).toBe(true);
  });
});

describe('svgToPdf', () => {
  it('writes a vector PDF with DejaVu embedded, byte-identical across runs', async () => {
    const svg = renderExclusionMap(demoExclusionInput());
    const pdf = await svgToPdf(svg);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(text).toContain('/FontFile2');
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times)/);
    const { width, height } = svgSize(svg);
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
    expect(Number(box?.[1])).toBeCloseTo(width * 0.75, 1);
    expect(Number(box?.[2])).toBeCloseTo(height * 0.75, 1);
    expect((await svgToPdf(svg)).equals(pdf)).toBe(true);
  });
});

describe('writePlot', () => {
  it('writes each format atomically and leaves no temporary files', async () => {
    const base = join(dir, 'nested', 'map');
    const svg = renderExclusionMap(demoExclusionInput());
    const paths = await writePlot(base, svg, ['svg', 'png', 'pdf', 'svg']);
    expect(paths).toEqual([`${base}.svg`, `${base}.png`, `${base}.pdf`]);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['map.pdf', 'map.png', 'map.svg']);
    expect(readFileSync(`${base}.svg`, 'utf8')).toBe(svg);
  });
});
