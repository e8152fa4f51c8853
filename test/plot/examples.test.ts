// Renders the three example figures end to end (SVG, PNG, PDF) from synthetic inputs. Set
// U1X_PLOT_EXAMPLES_DIR to keep them for a look; otherwise they go to a temporary directory.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAlphaRMap } from '../../src/plot/alphaRMap.js';
import { renderCurves } from '../../src/plot/curves.js';
import { renderExclusionMap } from '../../src/plot/exclusionMap.js';
import { writePlot } from '../../src/plot/render.js';
import { demoAlphaRInput, demoCurvesInput, demoExclusionInput } from './demoData.js';

const keep = process.env.U1X_PLOT_EXAMPLES_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'u1x-plot-'));
afterAll(() => {
  if (!keep) rmSync(dir, { recursive: true, force: true });
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function renderAll(name: string, svg: string): Promise<void> {
  const paths = await writePlot(join(dir, name), svg, ['svg', 'png', 'pdf']);
  expect(paths.map((p) => p.slice(p.lastIndexOf('.') + 1))).toEqual(['svg', 'png', 'pdf']);
  for (const p of paths) expect(existsSync(p)).toBe(true);
  expect(readFileSync(paths[1]).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(readFileSync(paths[2]).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

describe('example figures', () => {
  it('exclusion map (legend)', async () => {
    await renderAll('exclusion-map', renderExclusionMap(demoExclusionInput()));
  });
  it('exclusion map (inline labels)', async () => {
    await renderAll('exclusion-map-inline', renderExclusionMap({ ...demoExclusionInput(), regionLabels: 'inline' }));
  });
  it('(alpha, R) map', async () => {
    await renderAll('alpha-r-map', renderAlphaRMap(demoAlphaRInput()));
  });
  it('generic mass bound curves', async () => {
    await renderAll('mass-bound-curves', renderCurves(demoCurvesInput()));
  });
});
