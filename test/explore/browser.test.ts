// The explore page in a real headless Chromium with WebGPU on SwiftShader (issue 16): the map the page
// computes on the browser's GPU against the float64 CPU reference for two models, the mixing slider, the
// hover values against `u1x point --json`, the exported spec through `u1x scan`, a screenshot, the
// 256 x 256 full constraint set (its update time is printed), and the server fallback without WebGPU.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreServer } from '../../src/explore/server.js';
import { readNpy } from '../../src/io/npyRead.js';
import { launchWebgpuBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { testTempDir } from '../helpers/tmp.js';
import { agreement, cpuReference, type MapData } from './compare.js';
import { startTestServer } from './helpers.js';

// Code passed to page.evaluate runs in the browser; the test program is typed without the DOM library.
declare const window: any;
declare const document: any;
declare const Navigator: any;
type HTMLInputElement = any;
type HTMLCanvasElement = any;

const server: ExploreServer = await startTestServer();
const launched = await launchWebgpuBrowser(server.url);
const browser: Browser | null = 'browser' in launched ? launched.browser : null;

/** Screenshots stay after the run (a CI artifact): under the temp dir, not removed. */
const SHOTS = join(tmpdir(), 'u1x-explore-screenshots');

const viewA = {
  models: 'Lmu-Ltau',
  mx: { min: 0.002, max: 5, n: 40, scale: 'log' },
  gx: { min: 1e-5, max: 0.1, n: 32, scale: 'log' },
  eps: 1e-4,
  constraints: 'all',
  datasets: { amu: 'amu-2021' },
};
// The second model also takes the other (g-2)_mu dataset, whose band includes zero (an upper limit, no band).
const viewB = { ...viewA, models: 'B-3Lmu', eps: 0, datasets: { amu: 'amu-2025' } };

type Hooks = {
  status: string;
  error: string | null;
  compute: string;
  updates: number;
  lastComputeMs: number;
  lastDrawMs: number;
  kernel: { mx: number[]; gx: number[]; constraints: unknown[] };
  hover: { ix: number; iy: number; point: unknown } | null;
};

async function pageMap(page: Page): Promise<MapData> {
  const [chi2, masks] = await page.evaluate(() => {
    const h = (window as unknown as { __u1x: { chi2: Float64Array; masks: Uint32Array } }).__u1x;
    return [[...h.chi2], [...h.masks]];
  });
  return { chi2: Float64Array.from(chi2), masks: Uint32Array.from(masks) };
}

const hooks = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __u1x: Hooks }).__u1x)) as Hooks);

/** Wait until the page has drawn more than `after` maps and is idle (or failed). */
async function waitForMap(page: Page, after: number): Promise<Hooks> {
  await page.waitForFunction(
    (n) => {
      const h = (window as unknown as { __u1x?: Hooks }).__u1x;
      return h && (h.status === 'error' || (h.status === 'ready' && h.updates > n));
    },
    { timeout: 300_000, polling: 100 },
    after,
  );
  const h = await hooks(page);
  if (h.status === 'error') throw new Error(`page error: ${h.error}`);
  return h;
}

async function showView(page: Page, view: unknown): Promise<Hooks> {
  const before = (await hooks(page)).updates;
  await page.evaluate((v) => void (window as unknown as { __u1x: { setView(v: unknown): Promise<void> } }).__u1x.setView(v), view);
  return waitForMap(page, before);
}

function expectAgreement(label: string, got: MapData, ref: Awaited<ReturnType<typeof cpuReference>>, nx: number, ny: number) {
  const a = agreement(got, ref, nx, ny);
  process.stderr.write(
    `[explore] ${label}: ${a.cells} cells, max rel chi2 diff ${a.maxRelChi2.toExponential(2)}, mask bits differing ${a.maskDiffs} (${a.interiorMaskDiffs} off an edge)\n`,
  );
  expect(a.maxRelChi2).toBeLessThan(1e-3);
  expect(a.interiorMaskDiffs).toBe(0);
  return a;
}

afterAll(() => server.close());

describe.skipIf(!browser)('u1x explore in headless Chromium (WebGPU on SwiftShader)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser!.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(server.url);
    await waitForMap(page, 0);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('computes the map on the browser GPU as the float64 CPU reference does, for two models', async () => {
    for (const [label, view] of [
      ['Lmu-Ltau eps=1e-4', viewA],
      ['B-3Lmu eps=0 amu-2025', viewB],
    ] as const) {
      const h = await showView(page, view);
      expect(h.compute).toBe('webgpu');
      expect(h.kernel.mx).toHaveLength(40);
      const ref = await cpuReference(view);
      const a = expectAgreement(label, await pageMap(page), ref, 40, 32);
      // Not a vacuous map: something is excluded and something allowed.
      expect(a.cells).toBe(1280);
    }
  });

  it('moves the eps slider and redraws the map the CPU reference gives at the new eps', async () => {
    await showView(page, viewA);
    const before = await pageMap(page);
    const n = (await hooks(page)).updates;
    // Slider position -3 is eps = 10^-3.
    await page.evaluate(() => {
      const s = document.getElementById('mixSlider') as HTMLInputElement;
      s.value = '-3';
      s.dispatchEvent(new Event('input'));
    });
    await waitForMap(page, n);
    const after = await pageMap(page);
    const refAfter = await cpuReference({ ...viewA, eps: 1e-3 });
    expectAgreement('Lmu-Ltau eps=1e-3 (slider)', after, refAfter, 40, 32);
    const refBefore = await cpuReference(viewA);
    // The reference says the map changes between the two eps values, and the page's map changed with it.
    const changed = (m: MapData, r: MapData) => m.masks.some((w, i) => w !== r.masks[i]);
    expect(changed(refAfter, refBefore)).toBe(true);
    expect(changed(after, before)).toBe(true);
    const status = await page.$eval('#status', (e) => e.textContent);
    expect(status).toContain('ε = 0.001');
  });

  it('shows u1x point at the hovered cell and pins it on click', async () => {
    await showView(page, viewA);
    const h = await hooks(page);
    const box = (await (await page.$('#map'))!.boundingBox())!;
    const ix = 25;
    const iy = 20;
    // Figure geometry (src/explore/page/plotFrame.ts FIGURE): plot area 78..742 x 16..508.
    const x = box.x + 78 + ((ix + 0.5) / 40) * (760 - 78 - 18);
    const y = box.y + 16 + (560 - 16 - 52) - ((iy + 0.5) / 32) * (560 - 16 - 52);
    await page.mouse.move(x, y);
    await page.waitForFunction(
      (a, b) => {
        const hv = (window as unknown as { __u1x: Hooks }).__u1x.hover;
        return hv && hv.ix === a && hv.iy === b;
      },
      { timeout: 60_000 },
      ix,
      iy,
    );
    const hover = (await hooks(page)).hover!;
    const mx = h.kernel.mx[ix];
    const gx = h.kernel.gx[iy];
    const cli = await runCli(['point', '--model', 'Lmu-Ltau', '--mx', String(mx), '--gx', String(gx), '--eps', '1e-4', '--json']);
    expect(cli.code).toBe(0);
    const want = JSON.parse(cli.stdout);
    expect(hover.point).toEqual(want);
    const tip = await page.$eval('#tooltip', (e) => e.textContent ?? '');
    const fmt = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(4) : v.toExponential(3));
    expect(tip).toContain(`total χ² = ${fmt(want.chi2_total)}`);
    expect(tip).toContain(`amu                Δχ²=${fmt(want.constraints.amu.chi2)}`);
    await page.mouse.click(x, y);
    await page.waitForFunction(() => (document.getElementById('pinned')?.textContent ?? '').startsWith('pinned point'));
    expect(await page.$eval('#pinned', (e) => e.textContent)).toContain(`total χ² = ${fmt(want.chi2_total)}`);
    // Moving the slider keeps the pin and recomputes its values at the new eps.
    const n = (await hooks(page)).updates;
    await page.evaluate(() => {
      const el = document.getElementById('mixSlider') as HTMLInputElement;
      el.value = '-3';
      el.dispatchEvent(new Event('input'));
    });
    await waitForMap(page, n);
    await page.waitForFunction(() => (document.getElementById('pinned')?.textContent ?? '').includes('ε = 0.001000'), { timeout: 60_000 });
    // The tooltip of the old map is gone: hidden, or (the mouse still rests on the map) showing the new eps.
    const tip2 = await page.$eval('#tooltip', (e) => ({ display: e.style.display, text: e.textContent ?? '' }));
    if (tip2.display !== 'none') expect(tip2.text).toContain('ε = 0.001000');
    const moved = await runCli(['point', '--model', 'Lmu-Ltau', '--mx', String(mx), '--gx', String(gx), '--eps', '1e-3', '--json']);
    expect(await page.$eval('#pinned', (e) => e.textContent)).toContain(`total χ² = ${fmt(JSON.parse(moved.stdout).chi2_total)}`);
  });

  it('exports a scan spec that u1x scan turns into the same map', async () => {
    await showView(page, viewB);
    const got = await pageMap(page);
    const yaml = await page.evaluate(() => (window as unknown as { __u1x: { exportSpec(): string } }).__u1x.exportSpec());
    const svg = await page.evaluate(() => (window as unknown as { __u1x: { exportSvg(): string } }).__u1x.exportSvg());
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('class="excluded"');
    const dir = testTempDir('explore-spec');
    const specPath = join(dir, 'view.yaml');
    writeFileSync(specPath, yaml);
    const out = join(dir, 'out');
    const run = await runCli(['scan', specPath, '--backend', 'cpu', '--out', out, '--progress', 'none']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const chi2 = readNpy(join(out, 'cells', 'chi2.npy'));
    const mask = readNpy(join(out, 'cells', 'mask.npy'));
    // [model, m_X, g_X, eps] with one eps value (not profiled).
    expect(chi2.shape).toEqual([1, 40, 32, 1]);
    const ref = await cpuReference(viewB);
    // The scan of the exported spec is the float64 reference of the view, bit for bit...
    expect(Float64Array.from(chi2.data)).toEqual(ref.chi2);
    expect(Uint32Array.from(mask.data)).toEqual(ref.masks);
    // ...and so agrees with the page's GPU map as the reference does.
    expectAgreement(
      'B-3Lmu via exported spec + u1x scan',
      got,
      { ...ref, chi2: Float64Array.from(chi2.data), masks: Uint32Array.from(mask.data) },
      40,
      32,
    );
  });

  it('takes a screenshot that is not blank', async () => {
    await showView(page, viewA);
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, 'explore-lmu-ltau.png');
    await page.screenshot({ path: file });
    process.stderr.write(`[explore] screenshot: ${file}\n`);
    const stats = await page.$eval('#map', (c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(78, 16, 664, 492).data;
      const colours = new Set<number>();
      let white = 0;
      for (let i = 0; i < d.length; i += 4) {
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        if (d[i] === 255 && d[i + 1] === 255 && d[i + 2] === 255) white++;
      }
      return { colours: colours.size, whiteFraction: white / (d.length / 4) };
    });
    expect(stats.colours).toBeGreaterThan(5);
    expect(stats.whiteFraction).toBeLessThan(0.9);
  });

  it('updates a 256 x 256 map of the full constraint set (time printed)', async () => {
    const view = { ...viewA, mx: { ...viewA.mx, n: 256 }, gx: { ...viewA.gx, n: 256 } };
    const first = await showView(page, view);
    const times: number[] = [first.lastComputeMs];
    const draws: number[] = [first.lastDrawMs];
    for (const s of ['-3.5', '-2.5']) {
      const n = (await hooks(page)).updates;
      await page.evaluate((v) => {
        const el = document.getElementById('mixSlider') as HTMLInputElement;
        el.value = v;
        el.dispatchEvent(new Event('input'));
      }, s);
      const h = await waitForMap(page, n);
      times.push(h.lastComputeMs);
      draws.push(h.lastDrawMs);
    }
    const adapter = 'adapter' in launched ? launched.adapter : '';
    process.stderr.write(
      `[explore] 256x256, ${first.kernel.constraints.length} constraints, on ${adapter}: GPU dispatch + readback ${times.map((t) => t.toFixed(0)).join(', ')} ms; drawing ${draws.map((t) => t.toFixed(0)).join(', ')} ms\n`,
    );
    const at = await pageMap(page);
    const ref = await cpuReference({ ...view, eps: Number((10 ** -2.5).toPrecision(6)) });
    expectAgreement('Lmu-Ltau 256x256 eps=10^-2.5', at, ref, 256, 256);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'explore-256.png') });
  });

  it('without WebGPU in the browser, asks the server to compute and says so', async () => {
    const p = await browser!.newPage();
    try {
      await p.evaluateOnNewDocument(() => {
        Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });
      });
      await p.goto(server.url);
      await waitForMap(p, 0);
      const h = await showView(p, viewB);
      expect(h.compute).toBe('server');
      const status = await p.$eval('#status', (e) => e.textContent ?? '');
      expect(status).toContain('No WebGPU in this browser');
      expect(status).toContain('the server computes the map (server cpu');
      const ref = await cpuReference(viewB);
      const got = await pageMap(p);
      expect(got.chi2).toEqual(ref.chi2);
      expect(got.masks).toEqual(ref.masks);
    } finally {
      await p.close();
    }
  });
});
