// The `u1x explore` page: controls, the exclusion map recomputed on the browser's WebGPU (or by the server
// when the browser has none, which the status line says), hover and pinned point values from the server's
// `u1x point`, and exports. Test hooks live on window.__u1x.

import { decodeF64, decodeU32, type WireKernel, type WireMapResult } from '../wire.js';
import { mapSvg, drawCanvas } from './draw.js';
import { BrowserMapRunner } from './gpu.js';
import { mapLayers, type MapLayers } from './layers.js';
import { cellAt, constraintColour, frameOf, type Frame } from './plotFrame.js';
import { specYaml } from './specYaml.js';

type View = Record<string, unknown>;
interface Options {
  benchmarks: { key: string; description: string }[];
  datasets: { key: string; title: string; default: string; ids: string[] }[];
  constraints: { id: string; title: string }[];
  catalog: { id: string; name: string; alpha: number; R: number }[];
  /** The dataset family of the preferred band ((g-2)_mu). */
  bandDataset: string;
}
type PointJson = {
  point: { mx: number; gx: number; eps: number; k: number };
  chi2_total: number;
  constraints: Record<
    string,
    { title: string; kind: string; chi2: number; excluded: boolean; observables: Record<string, number>; not_applicable: string | null }
  >;
};

interface Hooks {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  compute: 'webgpu' | 'server' | null;
  adapter: string | null;
  /** Maps drawn so far (each control change that recomputes adds one). */
  updates: number;
  /** Last map: compute (GPU dispatch + readback, or server round trip) and drawing, milliseconds. */
  lastComputeMs: number;
  lastDrawMs: number;
  kernel: Omit<WireKernel, 'buffers' | 'wgsl'> | null;
  chi2: Float64Array | null;
  masks: Uint32Array | null;
  view: View | null;
  hover: { ix: number; iy: number; point: PointJson } | null;
  pinned: { ix: number; iy: number; point: PointJson } | null;
  setView(v: View): Promise<void>;
  exports: { yaml: string | null; svg: string | null };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const token = new URLSearchParams(location.search).get('token') ?? '';
const hooks: Hooks = {
  status: 'loading',
  error: null,
  compute: null,
  adapter: null,
  updates: 0,
  lastComputeMs: NaN,
  lastDrawMs: NaN,
  kernel: null,
  chi2: null,
  masks: null,
  view: null,
  hover: null,
  pinned: null,
  setView: (v) => rebuild(v),
  exports: { yaml: null, svg: null },
};
(window as unknown as { __u1x: Hooks }).__u1x = hooks;

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-u1x-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json as T;
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(4) : x.toExponential(3);
}

const status = (text: string, kind: '' | 'fallback' | 'error' = '') => {
  const el = $('status');
  el.textContent = text;
  el.className = kind;
};

let runner: BrowserMapRunner | null = null;
let hoverTimer = 0;
/** Dataset family of the (g-2)_mu band, from the server's constraint definitions. */
let bandDataset = '';
let fallbackReason = '';
let kernel: WireKernel | null = null;
let frame: Frame | null = null;
let layers: MapLayers | null = null;
let view: View = {};
const shown = new Set<string>();
let busy = false;
let pendingMix: number | null = null;

function mixAxis(): 'eps' | 'k' | 'radiative' {
  return (document.querySelector('input[name=mixAxis]:checked') as HTMLInputElement).value as 'eps' | 'k' | 'radiative';
}

/** Slider position -> mixing value: 10^s, with the leftmost position meaning exactly 0. */
function sliderValue(): number {
  const s = Number(($('mixSlider') as HTMLInputElement).value);
  return s <= Number(($('mixSlider') as HTMLInputElement).min) ? 0 : Number((10 ** s).toPrecision(6));
}

function viewFromControls(): View {
  const n = Number(($('size') as HTMLSelectElement).value);
  const v: View = {
    models: view.models ?? 'Lmu-Ltau',
    mx: { min: 0.001, max: 10, n, scale: 'log' },
    gx: { min: 1e-5, max: 0.1, n, scale: 'log' },
  };
  const axis = mixAxis();
  if (axis === 'radiative') v.mixing = 'radiative';
  else v[axis] = sliderValue();
  v.constraints = [...shown].sort();
  v.datasets = { [bandDataset]: ($('bandDataset') as HTMLSelectElement).value };
  return v;
}

async function computeAndDraw(): Promise<void> {
  if (!kernel || !frame) return;
  const t0 = performance.now();
  let chi2: Float64Array;
  let masks: Uint32Array;
  if (runner) {
    const out = await runner.run();
    chi2 = out.chi2;
    masks = out.masks;
    hooks.lastComputeMs = out.ms;
  } else {
    const r = await api<WireMapResult>('/api/map', view);
    chi2 = decodeF64(r.chi2);
    masks = decodeU32(r.masks);
    hooks.lastComputeMs = performance.now() - t0;
    fallbackReason = `${fallbackReason.split(' — ')[0]} — the server computes the map (${r.backend})`;
  }
  const t1 = performance.now();
  layers = mapLayers(kernel.constraints, masks, kernel.slots.maskWords.length, chi2.length);
  drawCanvas(($('map') as HTMLCanvasElement).getContext('2d')!, frame, kernel.constraints, layers, shown, hooks.pinned);
  hooks.lastDrawMs = performance.now() - t1;
  // Values of the previous map are stale: hide the tooltip, and recompute a pinned point at the new view.
  clearTimeout(hoverTimer);
  $('tooltip').style.display = 'none';
  hooks.hover = null;
  const pin = hooks.pinned;
  if (pin) void pointAt(pin.ix, pin.iy).then((p) => showPinned(pin.ix, pin.iy, p));
  hooks.chi2 = chi2;
  hooks.masks = masks;
  hooks.view = structuredClone(view);
  hooks.updates++;
  const size = `${kernel.mx.length}×${kernel.gx.length}`;
  const mixing =
    kernel.mixing.axis === 'radiative'
      ? 'ε radiative (0 in the UV)'
      : `${kernel.mixing.axis === 'eps' ? 'ε' : 'k'} = ${fmt(Number(view[kernel.mixing.axis]))}`;
  const timing = `${size} map in ${hooks.lastComputeMs.toFixed(0)} ms (+${hooks.lastDrawMs.toFixed(0)} ms drawing)`;
  if (runner) status(`${kernel.model.name}, ${mixing} — WebGPU in this browser (${runner.adapterName}): ${timing}`);
  else status(`${kernel.model.name}, ${mixing} — ${fallbackReason}: ${timing}`, 'fallback');
}

async function rebuild(v: View): Promise<void> {
  busy = true;
  hooks.status = 'loading';
  try {
    status('building the tables and the kernel on the server…');
    const k = await api<WireKernel>('/api/kernel', v);
    view = structuredClone(k.spec);
    kernel = k;
    syncControls(k);
    frame = frameOf(k.mx, k.gx);
    if (runner) await runner.load(k);
    const { buffers: _b, wgsl: _w, ...rest } = k;
    hooks.kernel = rest;
    hooks.pinned = null;
    $('pinned').textContent = '';
    await computeAndDraw();
    hooks.status = 'ready';
    hooks.error = null;
  } catch (e) {
    showError(e as Error);
  } finally {
    busy = false;
  }
  if (pendingMix !== null) void moveMixing();
}

/** log10 ranges of the slider: eps from 1e-9 to 0.1, k from 1e-6 to 10 (the leftmost position is 0). */
const SLIDER_RANGE = { eps: [-9, -1], k: [-6, 1] } as const;

function setSliderRange(axis: 'eps' | 'k'): void {
  const slider = $('mixSlider') as HTMLInputElement;
  [slider.min, slider.max] = SLIDER_RANGE[axis].map(String);
}

/** Show a view's settings in the controls (a view may come from setView or a server-normalised spec). */
function syncControls(k: WireKernel): void {
  for (const el of document.querySelectorAll<HTMLInputElement>('input[name=mixAxis]')) el.checked = el.value === k.mixing.axis;
  const slider = $('mixSlider') as HTMLInputElement;
  slider.disabled = k.mixing.axis === 'radiative';
  if (k.mixing.axis !== 'radiative') setSliderRange(k.mixing.axis);
  if (k.mixing.axis !== 'radiative') {
    const v = Math.abs(k.mixing.value);
    slider.value = String(v > 0 ? Math.log10(v) : Number(slider.min));
    $('mixValue').textContent = `${k.mixing.axis === 'eps' ? 'ε' : 'k'} = ${fmt(k.mixing.value)}`;
  } else $('mixValue').textContent = 'k from the lepton loops (SPEC §4.15)';
  const size = $('size') as HTMLSelectElement;
  if ([...size.options].some((o) => o.value === String(k.mx.length))) size.value = String(k.mx.length);
  const chosen = (k.spec.datasets as Record<string, string> | undefined)?.[bandDataset];
  if (chosen) ($('bandDataset') as HTMLSelectElement).value = chosen;
  const bench = $('benchmark') as HTMLSelectElement;
  const model = String(k.spec.models);
  if ([...bench.options].some((o) => o.value === model)) bench.value = model;
  else ($('modelText') as HTMLInputElement).value = model;
  const ids = new Set(k.constraints.map((c) => c.id));
  shown.clear();
  for (const box of document.querySelectorAll<HTMLInputElement>('#constraintList input')) {
    box.checked = ids.has(box.dataset.id!);
    if (box.checked) shown.add(box.dataset.id!);
  }
}

/** The slider moved: on WebGPU only the mixing value is rewritten and the map recomputed. */
async function moveMixing(): Promise<void> {
  const axis = mixAxis();
  if (axis === 'radiative' || !kernel || kernel.mixing.axis !== axis) return;
  const value = sliderValue();
  $('mixValue').textContent = `${axis === 'eps' ? 'ε' : 'k'} = ${fmt(value)}`;
  if (busy) {
    pendingMix = value;
    return;
  }
  busy = true;
  pendingMix = null;
  try {
    view = { ...view, [axis]: value };
    hooks.status = 'loading';
    if (runner) runner.setMixing(value);
    await computeAndDraw();
    hooks.status = 'ready';
  } catch (e) {
    showError(e as Error);
  } finally {
    busy = false;
  }
  if (pendingMix !== null) void moveMixing();
}

// ---- hover and pin: the server's `u1x point` at the cell ----
const pointCache = new Map<string, Promise<PointJson>>();
function pointAt(ix: number, iy: number): Promise<PointJson> {
  const key = `${JSON.stringify(view)}|${ix}|${iy}`;
  let p = pointCache.get(key);
  if (!p) {
    p = api<PointJson>('/api/point', { view, mx: kernel!.mx[ix], gx: kernel!.gx[iy] });
    pointCache.set(key, p);
    p.catch(() => pointCache.delete(key));
  }
  return p;
}

/** The hover tooltip: total, the terms and failed bounds; passing and inapplicable bounds only counted. */
function tooltipText(p: PointJson): string {
  const quiet = Object.values(p.constraints).filter((c) => c.not_applicable || (c.kind === 'bound' && !c.excluded)).length;
  const loud: PointJson = {
    ...p,
    constraints: Object.fromEntries(
      Object.entries(p.constraints).filter(([, c]) => !(c.not_applicable || (c.kind === 'bound' && !c.excluded))),
    ),
  };
  return `${pointText(loud)}\n(${quiet} more: bounds that pass or do not apply; click to pin the full list)`;
}

function pointText(p: PointJson): string {
  const lines = [`m_X = ${fmt(p.point.mx)} GeV  g_X = ${fmt(p.point.gx)}  ε = ${fmt(p.point.eps)}  k = ${fmt(p.point.k)}`];
  lines.push(`total χ² = ${fmt(p.chi2_total)}`);
  for (const [id, c] of Object.entries(p.constraints)) {
    const value = c.not_applicable ? 'n/a' : c.kind === 'bound' ? (c.excluded ? 'fail' : 'pass') : fmt(c.chi2);
    const obs = Object.entries(c.observables)
      .map(([n, x]) => `${n}=${fmt(x)}`)
      .join(' ');
    lines.push(`${id.padEnd(18)} Δχ²=${value.padEnd(10)} ${c.excluded ? 'EXCL' : '    '} ${obs}`);
  }
  return lines.join('\n');
}

function onHover(ev: MouseEvent): void {
  if (!frame || !kernel) return;
  const rect = (ev.target as HTMLCanvasElement).getBoundingClientRect();
  const cell = cellAt(frame, ev.clientX - rect.left, ev.clientY - rect.top);
  const tip = $('tooltip');
  if (!cell) {
    tip.style.display = 'none';
    return;
  }
  clearTimeout(hoverTimer);
  hoverTimer = window.setTimeout(async () => {
    const drawn = hooks.updates;
    try {
      const p = await pointAt(cell.ix, cell.iy);
      // A map drawn meanwhile (the slider moved) makes this answer stale.
      if (hooks.updates !== drawn) return;
      tip.textContent = tooltipText(p);
      tip.style.left = `${ev.clientX - rect.left + 24}px`;
      tip.style.top = `${ev.clientY - rect.top + 24}px`;
      tip.style.display = 'block';
      hooks.hover = { ...cell, point: p };
    } catch (e) {
      tip.textContent = `error: ${(e as Error).message}`;
      tip.style.display = 'block';
    }
  }, 120);
}

function showPinned(ix: number, iy: number, p: PointJson): void {
  hooks.pinned = { ix, iy, point: p };
  $('pinned').textContent = `pinned point (click elsewhere to move it)\n${pointText(p)}`;
}

async function onClick(ev: MouseEvent): Promise<void> {
  if (!frame || !kernel || !layers) return;
  const rect = (ev.target as HTMLCanvasElement).getBoundingClientRect();
  const cell = cellAt(frame, ev.clientX - rect.left, ev.clientY - rect.top);
  if (!cell) return;
  showPinned(cell.ix, cell.iy, await pointAt(cell.ix, cell.iy));
  drawCanvas(($('map') as HTMLCanvasElement).getContext('2d')!, frame, kernel.constraints, layers, shown, cell);
}

// ---- exports ----
function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function baseName(): string {
  return `explore-${String(view.models).replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

function exportSpec(): string {
  const spec: View = { name: baseName(), ...view };
  const yaml = specYaml(spec, `u1x explore view: ${kernel?.model.name}\nrun: u1x scan ${baseName()}.yaml`);
  hooks.exports.yaml = yaml;
  return yaml;
}

function exportSvg(): string {
  const svg = mapSvg(frame!, `${kernel!.model.name}`, kernel!.constraints, layers!, shown);
  hooks.exports.svg = svg;
  return svg;
}

// ---- the (alpha, R) plane with the catalog ----
function drawAlphaR(catalog: Options['catalog'], selected: string | null): void {
  const c = $('alphaR') as HTMLCanvasElement;
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  for (const m of catalog) {
    const { x, y } = alphaRPos(c, m.alpha, m.R);
    ctx.fillStyle = m.id === selected ? '#d00' : '#336';
    ctx.fillRect(x - (m.id === selected ? 3 : 1), y - (m.id === selected ? 3 : 1), m.id === selected ? 6 : 2, m.id === selected ? 6 : 2);
  }
  ctx.fillStyle = '#000';
  ctx.fillText('α [deg] →', 4, c.height - 4);
  ctx.fillText('R (log) ↑', 4, 10);
}

/** alpha in (-180, 180] across; log10(1 + R) up to R = 100. */
function alphaRPos(c: HTMLCanvasElement, alpha: number, R: number): { x: number; y: number } {
  return { x: ((alpha + 180) / 360) * c.width, y: c.height - (Math.log10(1 + R) / 2) * (c.height - 12) - 4 };
}

async function main(): Promise<void> {
  const r = await BrowserMapRunner.create().catch((e: Error) => `WebGPU failed to start: ${e.message}`);
  if (typeof r === 'string') {
    fallbackReason = `No WebGPU in this browser (${r})`;
    hooks.compute = 'server';
  } else {
    runner = r;
    hooks.compute = 'webgpu';
    hooks.adapter = r.adapterName;
  }
  const opts = await api<Options>('/api/options');
  const bench = $('benchmark') as HTMLSelectElement;
  for (const b of opts.benchmarks) bench.add(new Option(`${b.key}`, b.key));
  bandDataset = opts.bandDataset;
  const family = opts.datasets.find((d) => d.key === bandDataset)!;
  const familySelect = $('bandDataset') as HTMLSelectElement;
  for (const id of family.ids) familySelect.add(new Option(id, id, id === family.default, id === family.default));
  const list = $('constraintList');
  opts.constraints.forEach((c) => {
    shown.add(c.id);
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.id = c.id;
    box.addEventListener('change', () => {
      if (box.checked) shown.add(c.id);
      else shown.delete(c.id);
      void rebuild(viewFromControls());
    });
    label.append(box, ` ${c.id} — ${c.title}`);
    list.append(label);
  });
  const setModel = async (models: string) => {
    const info = $('modelInfo');
    try {
      const m = await api<{ name: string; id: string; alpha: number | null; R: number | null }>('/api/model', { models });
      info.textContent = `${m.name} (${m.id}): anomaly free${m.alpha !== null && m.R !== null ? `, α = ${fmt(m.alpha)}°, R = ${fmt(m.R)}` : ''}`;
      info.className = '';
      view.models = models;
      drawAlphaR(opts.catalog, m.id);
      await rebuild(viewFromControls());
    } catch (e) {
      info.textContent = (e as Error).message;
      info.className = 'error';
    }
  };
  bench.addEventListener('change', () => void setModel(bench.value));
  $('modelApply').addEventListener('click', () => void setModel(($('modelText') as HTMLInputElement).value));
  const ar = $('alphaR') as HTMLCanvasElement;
  ar.addEventListener('click', (ev) => {
    const rect = ar.getBoundingClientRect();
    let best = opts.catalog[0];
    let bestD = Infinity;
    for (const m of opts.catalog) {
      const p = alphaRPos(ar, m.alpha, m.R);
      const d = (p.x - (ev.clientX - rect.left)) ** 2 + (p.y - (ev.clientY - rect.top)) ** 2;
      if (d < bestD) [best, bestD] = [m, d];
    }
    ($('modelText') as HTMLInputElement).value = best.id;
    void setModel(best.id);
  });
  drawAlphaR(opts.catalog, null);
  for (const el of document.querySelectorAll<HTMLInputElement>('input[name=mixAxis]'))
    el.addEventListener('change', () => {
      // A new axis starts at its smallest non-zero value on the slider.
      if (el.value !== 'radiative') {
        setSliderRange(el.value as 'eps' | 'k');
        ($('mixSlider') as HTMLInputElement).value = String(SLIDER_RANGE[el.value as 'eps' | 'k'][0] + 0.05);
      }
      void rebuild(viewFromControls());
    });
  $('mixSlider').addEventListener('input', () => void moveMixing());
  for (const id of ['bandDataset', 'size']) $(id).addEventListener('change', () => void rebuild(viewFromControls()));
  const map = $('map') as HTMLCanvasElement;
  map.addEventListener('mousemove', onHover);
  map.addEventListener('mouseleave', () => ($('tooltip').style.display = 'none'));
  map.addEventListener('click', (ev) => void onClick(ev));
  $('exportSpec').addEventListener('click', () => download(`${baseName()}.yaml`, new Blob([exportSpec()], { type: 'text/yaml' })));
  $('exportSvg').addEventListener('click', () => download(`${baseName()}.svg`, new Blob([exportSvg()], { type: 'image/svg+xml' })));
  $('exportPng').addEventListener('click', () => map.toBlob((b) => b && download(`${baseName()}.png`, b), 'image/png'));
  Object.assign(hooks, { exportSpec, exportSvg });
  // Legend colours beside the checkboxes.
  opts.constraints.forEach((c, k) => {
    const sw = document.createElement('span');
    sw.className = 'swatch';
    const [r, g, b] = constraintColour(k);
    sw.style.background = `rgb(${r},${g},${b})`;
    list.children[k].prepend(sw);
  });
  $('mixValue').textContent = 'ε = 0';
  await rebuild(viewFromControls());
}

/** A failed request or kernel: on the status line and in the test hooks. */
function showError(e: Error): void {
  hooks.status = 'error';
  hooks.error = e.message;
  status(`error: ${e.message}`, 'error');
}

void main().catch(showError);
