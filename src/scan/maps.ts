// Map products of a finished scan, written into the (not yet committed) output directory:
//   masks.npz                   one uint8 mask per active constraint + allowed/preferred/viable + axes (NumPy)
//   cells.csv                   long table, one row per cell (streamed; default up to CSV_DEFAULT_MAX_CELLS)
//   boundaries/<model>/<id>.lmt DarkCast-style exclusion edges per m_X column (+ <id>.csv with every band)
//   plots/<model>.svg|png|pdf   exclusion map per model (SPEC §5.4)
// and a "products" entry in manifest.json saying what was written and what was skipped, and why.
//
// Everything is read back from the cells/*.npy files the runner wrote, model by model (or in chunks of
// cells for the CSV), so memory stays bounded by one model's map, not by the scan; only masks.npz is
// assembled whole, and is skipped above MASKS_NPZ_MAX_BYTES. A failure in one
// product is recorded in the manifest and printed, and does not throw: the scan's arrays are worth more
// than a figure, and the runner commits the directory only if this function returns.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ActiveConstraint } from '../constraints/activate.js';
import { RESONANCE_CONSTRAINTS } from '../constraints/resonance.js';
import { RADIATIVE_LABEL, RADIATIVE_LABEL_ASCII } from '../constraints/radiative.js';
import type { CompiledKernel } from '../kernel/compile.js';
import { tempNameFor, writeFileAtomic } from '../io/atomic.js';
import { isDiskFull, writeAll } from '../io/checkedWrite.js';
import { LIMIT_SENTINEL } from '../physics/darkcast/dataTypes.js';
import type { NpyDtype } from '../io/npy.js';
import { NpyFile, type NpyData } from '../io/npyRead.js';
import { npzBytes, type NamedArray } from '../io/npz.js';
import { maskBoundaries, renderExclusionMap, REGION_COLORS, writePlot, type ColumnBands, type RegionInput } from '../plot/index.js';
import type { ScanPlan } from './plan.js';

export interface MapOutputContext {
  plan: ScanPlan;
  kernel: CompiledKernel;
  floatType: NpyDtype;
  plots: readonly 'exclusion'[];
  csv: boolean | undefined;
  provenance: { backend: string; precision: 'float32' | 'float64' };
}

/** Above this many cells the long CSV is written only when the spec asks for it (outputs.csv: true). */
export const CSV_DEFAULT_MAX_CELLS = 250_000;
/** masks.npz is assembled in memory (one zip); beyond this many mask bytes it is skipped. */
export const MASKS_NPZ_MAX_BYTES = 512 * 2 ** 20;
/** Resonance searches get one region each on a map when at most this many exclude something there. */
export const MAX_SEPARATE_RESONANCE = 3;
/** DarkCast's "no limit at this mass" coupling value in .lmt files. */
export const LMT_SENTINEL = LIMIT_SENTINEL;
/** Cells per chunk when streaming the CSV. */
const CSV_CHUNK_CELLS = 1 << 16;

const RESONANCE_IDS = new Set(RESONANCE_CONSTRAINTS.map((d) => d.id));

// ---------------------------------------------------------------------------------------------------
// Shape of the per-cell arrays and the constraints behind the mask bits.

interface ConstraintInfo {
  id: string;
  title: string;
  active: ActiveConstraint;
  /** Mask bit, or -1 when the kernel has none for it (then it never excludes). */
  bit: number;
  /** (g-2)_mu: the region inside the band is the interesting one; never an exclusion. */
  preferred: boolean;
  resonance: boolean;
}

interface Layout {
  nModels: number;
  nMx: number;
  nGx: number;
  /** eps/k values per cell (1 when profiled). */
  nMixCells: number;
  cellsPerModel: number;
  cells: number;
  shape: number[];
  words: number;
}

function layoutOf(plan: ScanPlan, kernel: CompiledKernel): Layout {
  const nMixCells = plan.profileEps ? 1 : plan.mix.values.length;
  const nMx = plan.mx.values.length;
  const nGx = plan.gx.values.length;
  const shape = [plan.models.length, nMx, nGx, ...(plan.profileEps ? [] : [nMixCells])];
  const cellsPerModel = nMx * nGx * nMixCells;
  return { nModels: plan.models.length, nMx, nGx, nMixCells, cellsPerModel, cells: cellsPerModel * plan.models.length, shape, words: kernel.maskWords };
}

function constraintInfos(plan: ScanPlan, kernel: CompiledKernel): ConstraintInfo[] {
  // Information-only entries (radiative mixing's k tables) exclude nothing: no mask, region or boundary.
  return plan.active.filter((a) => a.def.role !== 'info').map((a) => ({
    id: a.def.id,
    title: a.def.title,
    active: a,
    bit: kernel.bits.indexOf(a.def.id),
    preferred: a.def.role === 'preferred',
    resonance: RESONANCE_IDS.has(a.def.id),
  }));
}

/** Per-constraint 0/1 masks of `n` cells from their mask words, plus the combinations. */
interface CellMasks {
  byConstraint: Uint8Array[];
  allowed: Uint8Array;
  /** Inside the (g-2)_mu band (its bit clear); null without an active preferred constraint. */
  preferred: Uint8Array | null;
}

function decodeMasks(words: Uint32Array, nWords: number, infos: readonly ConstraintInfo[], n: number): CellMasks {
  const byConstraint = infos.map(() => new Uint8Array(n));
  const allowed = new Uint8Array(n).fill(1);
  const pref = infos.find((c) => c.preferred && c.bit >= 0);
  const preferred = pref ? new Uint8Array(n) : null;
  infos.forEach((c, k) => {
    if (c.bit < 0) return;
    const w = c.bit >>> 5;
    const shift = c.bit & 31;
    const out = byConstraint[k];
    for (let i = 0; i < n; i++) out[i] = (words[i * nWords + w] >>> shift) & 1;
    if (c.preferred) {
      if (c === pref) for (let i = 0; i < n; i++) preferred![i] = out[i] ^ 1;
    } else {
      for (let i = 0; i < n; i++) if (out[i]) allowed[i] = 0;
    }
  });
  return { byConstraint, allowed, preferred };
}

class CellFiles {
  readonly chi2: NpyFile;
  readonly argmin: NpyFile | null;
  readonly mask: NpyFile;
  readonly deltaAmu: NpyFile | null;
  constructor(dir: string, profiled: boolean) {
    const cells = join(dir, 'cells');
    this.chi2 = new NpyFile(join(cells, 'chi2.npy'));
    this.mask = new NpyFile(join(cells, 'mask.npy'));
    this.argmin = profiled ? new NpyFile(join(cells, 'argmin_eps.npy')) : null;
    const obs = join(cells, 'obs_amu.delta_amu.npy');
    this.deltaAmu = existsSync(obs) ? new NpyFile(obs) : null;
  }
  modelWords(model: number, l: Layout): Uint32Array {
    return this.mask.read(model * l.cellsPerModel * l.words, l.cellsPerModel * l.words) as Uint32Array;
  }
  close(): void {
    for (const f of [this.chi2, this.argmin, this.mask, this.deltaAmu]) f?.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

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
function literal(s: string): string {
  return s.replace(/[\\_^]/g, (c) => `\\${c}`);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺',
};

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
  const pow = `10${String(e).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  return sign + (m === 1 ? pow : `${m}×${pow}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Shortest decimal that reads back as the same float32 (so 0.1f prints as 0.1, not 0.10000000149). */
function float32Text(v: number): string {
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

function numberText(v: number, float32: boolean): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return float32 ? float32Text(v) : String(v);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Indices that sort `values` ascending, or null when two values are equal (no monotone axis). */
function ascendingOrder(values: Float64Array): Int32Array | null {
  const order = Int32Array.from(values, (_, i) => i).sort((a, b) => values[a] - values[b]);
  for (let k = 1; k < order.length; k++) if (!(values[order[k]] > values[order[k - 1]])) return null;
  return order;
}

/** Write a text file in pieces to a temporary name, then rename: big tables never sit in one string. */
class AtomicTextWriter {
  private readonly tmp: string;
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  constructor(readonly path: string) {
    this.tmp = tempNameFor(path);
    this.fd = openSync(this.tmp, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.pending += s.length;
    if (this.pending > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length) writeAll(this.fd, Buffer.from(this.parts.join(''), 'utf8'), null, this.tmp);
    this.parts = [];
    this.pending = 0;
  }
  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// masks.npz

function masksNpz(dir: string, plan: ScanPlan, l: Layout, infos: readonly ConstraintInfo[], files: CellFiles): Record<string, unknown> {
  const hasPreferred = infos.some((c) => c.preferred && c.bit >= 0);
  const nArrays = infos.length + (hasPreferred ? 3 : 1);
  const bytes = l.cells * nArrays;
  if (bytes > MASKS_NPZ_MAX_BYTES) {
    return { file: null, skipped: `${bytes} bytes of masks exceed the in-memory limit of ${MASKS_NPZ_MAX_BYTES}; the same bits are in cells/mask.npy` };
  }
  const byConstraint = infos.map(() => new Uint8Array(l.cells));
  const allowed = new Uint8Array(l.cells);
  const preferred = hasPreferred ? new Uint8Array(l.cells) : null;
  for (let m = 0; m < l.nModels; m++) {
    const masks = decodeMasks(files.modelWords(m, l), l.words, infos, l.cellsPerModel);
    const at = m * l.cellsPerModel;
    masks.byConstraint.forEach((mask, k) => byConstraint[k].set(mask, at));
    allowed.set(masks.allowed, at);
    if (preferred && masks.preferred) preferred.set(masks.preferred, at);
  }
  const arrays: NamedArray[] = infos.map((c, k) => ({ name: `mask_${c.id}`, dtype: '<u1', shape: l.shape, data: byConstraint[k] }));
  arrays.push({ name: 'allowed', dtype: '<u1', shape: l.shape, data: allowed });
  if (preferred) {
    const viable = new Uint8Array(l.cells);
    for (let i = 0; i < l.cells; i++) viable[i] = allowed[i] & preferred[i];
    arrays.push({ name: 'preferred', dtype: '<u1', shape: l.shape, data: preferred }, { name: 'viable', dtype: '<u1', shape: l.shape, data: viable });
  }
  arrays.push(
    { name: 'mx', dtype: '<f8', shape: [l.nMx], data: plan.mx.values },
    { name: 'gx', dtype: '<f8', shape: [l.nGx], data: plan.gx.values },
    { name: plan.mix.kind, dtype: '<f8', shape: [plan.mix.values.length], data: plan.mix.values },
  );
  writeFileAtomic(join(dir, 'masks.npz'), npzBytes(arrays));
  const exclusionIds = infos.filter((c) => !c.preferred).map((c) => c.id);
  return {
    file: 'masks.npz',
    shape: l.shape,
    dims: ['model', 'mx', 'gx', ...(plan.profileEps ? [] : [plan.mix.kind])],
    arrays: arrays.map((a) => a.name),
    meaning: {
      'mask_<id>': 'uint8, 1 where that constraint excludes the cell at its minimum (mask_amu: outside the (g-2)_mu 2 sigma band)',
      allowed: `uint8, 1 where no exclusion constraint excludes (${exclusionIds.length} constraints; the preferred-role (g-2)_mu term does not count)`,
      ...(preferred ? { preferred: 'uint8, 1 inside the (g-2)_mu 2 sigma band (amu bit clear)', viable: 'allowed and preferred' } : {}),
      axes: `mx [GeV], gx, ${plan.mix.kind} (float64; ${plan.profileEps ? `${plan.mix.kind} profiled: see cells/argmin_eps.npy` : `last mask axis`})`,
    },
    ...(preferred ? {} : { note: 'no active preferred-role constraint (amu): preferred and viable not written' }),
  };
}

// ---------------------------------------------------------------------------------------------------
// cells.csv

function cellsCsv(dir: string, plan: ScanPlan, l: Layout, infos: readonly ConstraintInfo[], files: CellFiles, csv: boolean | undefined): Record<string, unknown> {
  if (csv === false) return { file: null, skipped: 'disabled by outputs.csv: false' };
  if (csv === undefined && l.cells > CSV_DEFAULT_MAX_CELLS) {
    return { file: null, skipped: `${l.cells} cells exceed the default limit of ${CSV_DEFAULT_MAX_CELLS} (set outputs.csv: true to write it anyway)` };
  }
  const float32 = files.chi2.dtype === '<f4';
  const models = plan.models.map((m) => csvField(m.id));
  const mx = Array.from(plan.mx.values, (v) => String(v));
  const gx = Array.from(plan.gx.values, (v) => String(v));
  const mix = Array.from(plan.mix.values, (v) => String(v));
  const bits = infos.map((c) => (c.bit < 0 ? null : { word: c.bit >>> 5, shift: c.bit & 31 }));
  const columns = ['model', 'mx_GeV', 'gx', plan.mix.kind, 'chi2', ...infos.map((c) => c.id)];
  const out = new AtomicTextWriter(join(dir, 'cells.csv'));
  try {
    out.write(columns.join(',') + '\n');
    for (let start = 0; start < l.cells; start += CSV_CHUNK_CELLS) {
      const n = Math.min(CSV_CHUNK_CELLS, l.cells - start);
      const chi2 = files.chi2.read(start, n);
      const argmin = files.argmin?.read(start, n) ?? null;
      const words = files.mask.read(start * l.words, n * l.words) as Uint32Array;
      const lines: string[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const cell = start + i;
        let rest = cell;
        const ie = rest % l.nMixCells;
        rest = (rest - ie) / l.nMixCells;
        const ig = rest % l.nGx;
        rest = (rest - ig) / l.nGx;
        const im = rest % l.nMx;
        const model = (rest - im) / l.nMx;
        let line = `${models[model]},${mx[im]},${gx[ig]},${mix[argmin ? argmin[i] : ie]},${numberText(chi2[i], float32)}`;
        for (const b of bits) line += b === null ? ',0' : (words[i * l.words + b.word] >>> b.shift) & 1 ? ',1' : ',0';
        lines[i] = line;
      }
      out.write(lines.join('\n') + '\n');
    }
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  return {
    file: 'cells.csv',
    rows: l.cells,
    columns,
    meaning: `one row per cell; ${plan.mix.kind}${plan.profileEps ? ' at the minimum over the profiled axis' : ''}; chi2 = objective at the minimum; one 0/1 column per constraint id (1 = excluded there)`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Per-model maps in (m_X, g_X) with both axes ascending, row-major [ix][iy] as src/plot expects.

interface MapGrid {
  mx: Float64Array;
  gx: Float64Array;
  /** Cell index within a model of sorted position [ix][iy]. */
  cellOf: Int32Array;
}

/** Null with the reason when the scan is not one (m_X, g_X) plane per model. */
function mapGrid(plan: ScanPlan): MapGrid | string {
  if (!plan.profileEps && plan.mix.values.length > 1) {
    return `${plan.mix.kind} is a scanned (not profiled) axis with ${plan.mix.values.length} values, so there is no single (m_X, g_X) map per model`;
  }
  if (plan.mx.values.length < 2 || plan.gx.values.length < 2) return 'the m_X and g_X axes need at least two values each';
  const ox = ascendingOrder(plan.mx.values);
  const oy = ascendingOrder(plan.gx.values);
  if (!ox || !oy) return 'an axis repeats a value';
  const ny = oy.length;
  const cellOf = new Int32Array(ox.length * ny);
  for (let ix = 0; ix < ox.length; ix++) for (let iy = 0; iy < ny; iy++) cellOf[ix * ny + iy] = ox[ix] * ny + oy[iy];
  return { mx: Float64Array.from(ox, (i) => plan.mx.values[i]), gx: Float64Array.from(oy, (i) => plan.gx.values[i]), cellOf };
}

function onGrid<T extends NpyData>(values: T, grid: MapGrid): T {
  const out = new (values.constructor as new (n: number) => T)(grid.cellOf.length);
  for (let k = 0; k < grid.cellOf.length; k++) out[k] = values[grid.cellOf[k]];
  return out;
}

function anySet(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i]) return true;
  return false;
}

/** 'at fixed eps = 0', but 'with eps radiative (0 in the UV)' (k_rad varies with the momentum). */
function fixedWord(plan: ScanPlan): string {
  return plan.mix.kind === 'radiative' ? 'with' : 'at fixed';
}

/** How the map was taken over the mixing axis, for captions and file headers. */
function mixingText(plan: ScanPlan, pretty: boolean): { fixed: boolean; text: string } {
  if (plan.mix.kind === 'radiative') return { fixed: true, text: pretty ? RADIATIVE_LABEL : RADIATIVE_LABEL_ASCII };
  const symbol = plan.mix.kind === 'eps' ? (pretty ? 'ε' : 'eps') : 'k';
  const fmt = pretty ? prettyNumber : headerNumber;
  const vs = plan.mix.values;
  if (vs.length === 1) return { fixed: true, text: `${symbol} = ${fmt(vs[0])}` };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of vs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { fixed: false, text: `${symbol} in [${fmt(lo)}, ${fmt(hi)}] (${vs.length} values, ${plan.mix.scale})` };
}

// ---------------------------------------------------------------------------------------------------
// boundaries/<model>/<id>.lmt

/** C-style %13.6e (DarkCast's files use the same exponent form): 5.000000e-03. */
export function lmtNumber(v: number): string {
  const [mant, exp] = v.toExponential(6).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`.padStart(14);
}

/** Short readable number for file headers (plain ASCII). */
function headerNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}

/** `.lmt` text and companion CSV for one mask; `twoSided` forces the `lower upper` layout. */
function boundaryTexts(bands: ColumnBands[], gyTop: number, header: string[], twoSided: boolean): { lmt: string; csv: string; layout: string; multiBand: number } {
  // One-sided ("excluded above lower") when every excluded column is one band reaching the grid top.
  const oneSided = !twoSided && bands.every((c) => c.bands.length === 0 || (c.bands.length === 1 && c.bands[0][1] === gyTop));
  const lines = [oneSided ? '#         mass         lower' : '#         mass         lower         upper', ...header.map((h) => `# ${h}`)];
  const csv = ['mx_GeV,band,lower,upper'];
  let multiBand = 0;
  for (const c of bands) {
    const first = c.bands[0];
    const lower = first ? first[0] : LMT_SENTINEL;
    const upper = first ? first[1] : LMT_SENTINEL;
    lines.push(lmtNumber(c.x) + lmtNumber(lower) + (oneSided ? '' : lmtNumber(upper)));
    if (c.bands.length > 1) multiBand++;
    c.bands.forEach(([lo, hi], k) => csv.push(`${c.x},${k},${lo},${hi}`));
  }
  return { lmt: lines.join('\n') + '\n', csv: csv.join('\n') + '\n', layout: oneSided ? 'mass lower' : 'mass lower upper', multiBand };
}

interface ModelMaps {
  /** Per constraint (infos order), on the sorted grid. */
  byConstraint: Uint8Array[];
  preferred: Uint8Array | null;
  /** Delta a_mu (1e-11) at each cell's minimum, when stored. */
  deltaAmu: NpyData | null;
}

function modelMaps(files: CellFiles, model: number, l: Layout, infos: readonly ConstraintInfo[], grid: MapGrid): ModelMaps {
  const masks = decodeMasks(files.modelWords(model, l), l.words, infos, l.cellsPerModel);
  const obs = files.deltaAmu?.read(model * l.cellsPerModel, l.cellsPerModel) ?? null;
  return {
    byConstraint: masks.byConstraint.map((m) => onGrid(m, grid)),
    preferred: masks.preferred ? onGrid(masks.preferred, grid) : null,
    deltaAmu: obs ? onGrid(obs, grid) : null,
  };
}

function boundaries(dir: string, plan: ScanPlan, l: Layout, infos: readonly ConstraintInfo[], files: CellFiles, grid: MapGrid | string, slugs: string[]): Record<string, unknown> {
  if (typeof grid === 'string') return { skipped: grid };
  const mixing = mixingText(plan, false);
  const at = mixing.fixed ? `${fixedWord(plan)} ${mixing.text}` : `at the minimum of the objective chi2 over ${mixing.text}`;
  const gyTop = grid.gx[grid.gx.length - 1];
  const gridLine = `m_X grid ${headerNumber(grid.mx[0])} to ${headerNumber(grid.mx[grid.mx.length - 1])} GeV (${grid.mx.length} values), g_X grid ${headerNumber(grid.gx[0])} to ${headerNumber(gyTop)} (${grid.gx.length} values)`;
  const perModel: Record<string, unknown> = {};
  plan.models.forEach((model, m) => {
    const maps = modelMaps(files, m, l, infos, grid);
    const sub = join('boundaries', slugs[m]);
    mkdirSync(join(dir, sub), { recursive: true });
    const written: Record<string, unknown> = {};
    const empty: string[] = [];
    const emit = (name: string, mask: Uint8Array, what: string[], twoSided: boolean) => {
      const bands = maskBoundaries(mask, grid.mx, grid.gx, { yInterp: 'log' });
      const header = [
        ...what,
        `model ${model.name} (${model.id}), ${at}; masses in GeV, couplings g_X`,
        gridLine,
        `edges sit half-way (in log g_X) between grid points; a value equal to a grid end means the band reaches that edge; ${lmtNumber(LMT_SENTINEL).trim()} (DarkCast's sentinel): nothing at this mass`,
        `one band per m_X column: where a column has several, the lowest is listed here and all of them in ${name}.csv`,
      ];
      const t = boundaryTexts(bands, gyTop, header, twoSided);
      writeFileAtomic(join(dir, sub, `${name}.lmt`), t.lmt);
      writeFileAtomic(join(dir, sub, `${name}.csv`), t.csv);
      written[name] = { lmt: `${sub}/${name}.lmt`, csv: `${sub}/${name}.csv`, layout: t.layout, columns_with_several_bands: t.multiBand };
    };
    infos.forEach((c, k) => {
      if (c.preferred) return;
      if (!anySet(maps.byConstraint[k])) {
        empty.push(c.id);
        return;
      }
      emit(c.id, maps.byConstraint[k], [`u1x exclusion boundary: ${c.title} [${c.id}], excluded where its Delta chi2 > ${c.active.def.threshold ?? 4} or its bound fails`], false);
    });
    if (maps.preferred && anySet(maps.preferred)) {
      const pref = infos.find((c) => c.preferred)!;
      emit(`${pref.id}_preferred`, maps.preferred, [`u1x preferred band (not an exclusion): ${pref.title} within 2 sigma (${pref.active.datasetId ?? 'no dataset'}), its Delta chi2 <= ${pref.active.def.threshold ?? 4}`], true);
    }
    perModel[model.id] = { dir: sub, files: written, excludes_nothing: empty };
  });
  return {
    format: 'DarkCast .lmt columns (# mass lower [upper]; GeV, g_X) per exclusion constraint that excludes something; <id>.csv lists every band (mx_GeV, band, lower, upper); <amu>_preferred.* is the (g-2)_mu band',
    models: perModel,
  };
}

// ---------------------------------------------------------------------------------------------------
// plots/<model>.svg|png|pdf

interface PlannedRegion {
  /** Colour key: a constraint id, or 'resonance' for the merged resonance searches. */
  key: string;
  label: string;
  members: ConstraintInfo[];
  mask: Uint8Array;
}

/**
 * Regions of one map: every exclusion constraint that excludes something, in plan order; resonance
 * searches after them, one region each when few, else merged (they are many and mostly overlap, and a
 * legend of 20 near-identical entries reads worse than one region listing them in the caption).
 */
function planRegions(maps: ModelMaps, infos: readonly ConstraintInfo[]): PlannedRegion[] {
  const shown = infos.map((c, k) => ({ c, mask: maps.byConstraint[k] })).filter((r) => !r.c.preferred && anySet(r.mask));
  const plain = shown.filter((r) => !r.c.resonance);
  const res = shown.filter((r) => r.c.resonance);
  const single = (r: { c: ConstraintInfo; mask: Uint8Array }): PlannedRegion => ({ key: r.c.id, label: `${literal(r.c.title)} [${literal(r.c.id)}]`, members: [r.c], mask: r.mask });
  const merge = res.length > MAX_SEPARATE_RESONANCE || (res.length > 1 && plain.length + res.length > REGION_COLORS.length);
  if (!merge) return [...plain, ...res].map(single);
  const union = new Uint8Array(res[0].mask.length);
  for (const r of res) for (let i = 0; i < union.length; i++) union[i] |= r.mask[i];
  return [...plain.map(single), { key: 'resonance', label: `resonance searches (${plural(res.length, 'limit')})`, members: res.map((r) => r.c), mask: union }];
}

function footerLines(plan: ScanPlan, ctx: MapOutputContext, infos: readonly ConstraintInfo[], version: string): string[] {
  const lines: string[] = [];
  const datasets = infos
    .filter((c) => c.active.datasetId !== null)
    .map((c) => {
      const entry = c.active.def.dataset?.entries[c.active.datasetId!];
      return `${c.title}: ${c.active.datasetId}${entry ? ` (${entry.source})` : ''}`;
    });
  if (datasets.length) lines.push(`Datasets: ${datasets.join('; ')}.`);
  const mixing = mixingText(plan, true);
  const thresholds = new Set(infos.filter((c) => !c.preferred && c.active.def.kind === 'chi2').map((c) => c.active.def.threshold ?? 4));
  const dchi2 = thresholds.size <= 1 ? `Δχ² > ${[...thresholds][0] ?? 4} (2σ, one measurement)` : 'Δχ² above its threshold (manifest.json)';
  lines.push(
    `Each region: that constraint's ${dchi2} or a failed bound, ${mixing.fixed ? `${fixedWord(plan)} ${mixing.text}` : `at the minimum of the objective χ² over ${mixing.text}`}.` +
      (infos.some((c) => c.preferred) ? ' (g−2)_μ band: its Δχ² ≤ 4 (1-D Δa_μ ± 2σ); dashed: Δa_μ = central value.' : ''),
  );
  if (plan.mix.kind === 'radiative') {
    lines.push(`${RADIATIVE_LABEL}: k = k_rad(q²) from the e, μ, τ loops (SPEC §4.15): k_rad(0) for the low-momentum constraints, |k_rad(m_X²)| for on-shell production (DarkCast's modulus convention), k_rad(−2MT) inside COHERENT's recoil integral.`);
  }
  lines.push(`Precision: ${ctx.provenance.precision === 'float32' ? 'float32 WebGPU kernel; tables float64' : 'float64 CPU reference'}. Backend: ${ctx.provenance.backend}.`);
  for (const c of infos) {
    if (/fallback|provisional/i.test(c.active.inst.variant ?? '')) lines.push(`${c.title}: ${c.active.inst.variant}.`);
  }
  // Skipped constraints grouped by reason: the resonance searches share one reason and are many.
  const byReason = new Map<string, string[]>();
  for (const s of plan.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.def.id]);
  for (const [reason, ids] of byReason) {
    const allResonance = ids.every((id) => RESONANCE_IDS.has(id));
    const who = allResonance && ids.length > 1 ? `resonance searches (${plural(ids.length, 'limit')})` : ids.join(', ');
    lines.push(`Not applied: ${who} skipped: ${reason}.`);
  }
  lines.push(`${version}; scan ${plan.name}.`);
  return lines;
}

/**
 * The band's central line (Delta a_mu = central) as a polyline, interpolated in each m_X column between
 * the two g_X samples that bracket it (in log Delta a_mu vs log g_X, exact for Delta a_mu ∝ g_X^2 at
 * fixed eps), so it does not wander by a grid step like a mask contour would on coarse grids. Null when
 * a column crosses more than once or the crossing columns are not contiguous (chiral models whose Delta
 * a_mu changes sign, profiled minima jumping in eps): then the caller draws the mask contour instead.
 */
export function centralPolyline(delta: ArrayLike<number>, mx: Float64Array, gx: Float64Array, central: number): { x: number[]; y: number[] } | null {
  const ny = gx.length;
  const x: number[] = [];
  const y: number[] = [];
  let ended = false;
  for (let ix = 0; ix < mx.length; ix++) {
    let hit: number | null = null;
    for (let iy = 0; iy + 1 < ny; iy++) {
      const d0 = delta[ix * ny + iy];
      const d1 = delta[ix * ny + iy + 1];
      if ((d0 <= central) === (d1 <= central) || Number.isNaN(d0) || Number.isNaN(d1)) continue;
      if (hit !== null) return null;
      const t = d0 > 0 && d1 > 0 && central > 0 ? Math.log(central / d0) / Math.log(d1 / d0) : (central - d0) / (d1 - d0);
      hit = Math.exp(Math.log(gx[iy]) + t * Math.log(gx[iy + 1] / gx[iy]));
    }
    if (hit === null) {
      if (x.length > 0) ended = true;
      continue;
    }
    if (ended) return null;
    x.push(mx[ix]);
    y.push(hit);
  }
  return x.length >= 2 ? { x, y } : null;
}

async function plots(dir: string, plan: ScanPlan, ctx: MapOutputContext, l: Layout, infos: readonly ConstraintInfo[], files: CellFiles, grid: MapGrid | string, slugs: string[], version: string): Promise<Record<string, unknown>> {
  if (!ctx.plots.includes('exclusion')) return { skipped: 'no plots requested (outputs.plots)' };
  if (typeof grid === 'string') return { skipped: grid };
  const pref = infos.find((c) => c.preferred && c.bit >= 0) ?? null;
  const central = pref?.active.datasetId ? pref.active.def.dataset?.entries[pref.active.datasetId]?.central : undefined;
  // Plan every figure first (keeping only the region keys: maps are re-read per figure, so memory stays
  // at one model), so that each region key keeps one colour across all models' figures.
  const keys: string[] = [];
  for (let m = 0; m < plan.models.length; m++) {
    for (const r of planRegions(modelMaps(files, m, l, infos, grid), infos)) if (!keys.includes(r.key)) keys.push(r.key);
  }
  // Stable colours only when they do not repeat; beyond the palette, each figure cycles its own.
  const colorOf = (key: string) => (keys.length <= REGION_COLORS.length ? REGION_COLORS[keys.indexOf(key)] : undefined);
  const baseFooter = footerLines(plan, ctx, infos, version);
  const mixing = mixingText(plan, true);
  const subtitle = mixing.fixed ? mixing.text : `profiled over ${mixing.text.replace(/ \(.*\)$/, '')}`;
  const figures: unknown[] = [];
  for (let m = 0; m < plan.models.length; m++) {
    const model = plan.models[m];
    const maps = modelMaps(files, m, l, infos, grid);
    const regions = planRegions(maps, infos);
    const footer = [...baseFooter];
    const merged = regions.find((r) => r.key === 'resonance');
    if (merged) footer.splice(footer.length - 1, 0, `Resonance searches region: union of ${plural(merged.members.length, 'recast DarkCast limit')}: ${merged.members.map((c) => c.id).join(', ')}.`);
    const bandShown = pref !== null && maps.preferred !== null && anySet(maps.preferred);
    if (pref && !bandShown) footer.splice(footer.length - 1, 0, `(g−2)_μ 2σ band (${pref.active.datasetId}): not reached anywhere on this map.`);
    let centralLine: Uint8Array | { x: number[]; y: number[] } | undefined;
    if (bandShown && maps.deltaAmu && central !== undefined) {
      const d = maps.deltaAmu;
      centralLine = centralPolyline(d, grid.mx, grid.gx, central) ?? Uint8Array.from({ length: d.length }, (_, i) => (d[i] > central ? 1 : 0));
    }
    const svg = renderExclusionMap({
      title: literal(model.name),
      subtitle,
      x: { values: grid.mx, label: 'm_X [GeV]' },
      y: { values: grid.gx, label: 'g_X' },
      regions: regions.map((r): RegionInput => ({ id: r.key, label: r.label, mask: r.mask, color: colorOf(r.key) })),
      preferred: bandShown
        ? { id: pref.id, label: `(g−2)_μ 2σ (${literal(pref.active.datasetId ?? 'no dataset')})`, inside: maps.preferred!, central: centralLine }
        : undefined,
      footer,
    });
    const base = join(dir, 'plots', slugs[m]);
    const written = await writePlot(base, svg, ['svg', 'png', 'pdf']);
    figures.push({
      model: model.id,
      files: written.map((p) => `plots/${basename(p)}`),
      regions: regions.map((r) => ({ key: r.key, label: r.label.replace(/\\(.)/g, '$1'), constraints: r.members.map((c) => c.id) })),
      preferred_band: bandShown,
      central_line: centralLine === undefined ? false : centralLine instanceof Uint8Array ? 'contour of delta_amu > central' : 'interpolated per m_X column',
    });
  }
  return {
    figures,
    resonance_searches: `one region each when at most ${MAX_SEPARATE_RESONANCE} exclude something on a map (and the regions fit the ${REGION_COLORS.length}-colour palette), else merged into one region 'resonance searches (N limits)' listed in the caption`,
    central_line: !pref ? 'no (g-2)_mu band: amu is not active' : files.deltaAmu ? 'from cells/obs_amu.delta_amu.npy' : 'not drawn: cells/obs_amu.delta_amu.npy was not stored',
  };
}

// ---------------------------------------------------------------------------------------------------

/** Run one product; a failure is recorded (and printed) instead of losing the whole scan. */
async function guarded(name: string, make: () => Record<string, unknown> | Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  try {
    return await make();
  } catch (e) {
    // A full disk is not a product's failure: the whole run stops and keeps its checkpoint.
    if (isDiskFull(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`warning: map output ${name} failed: ${message}\n`);
    return { error: message };
  }
}

export async function writeMapOutputs(dir: string, ctx: MapOutputContext): Promise<void> {
  const { plan, kernel } = ctx;
  const l = layoutOf(plan, kernel);
  const infos = constraintInfos(plan, kernel);
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  const version = `u1x ${String(manifest.u1x_version ?? '?')}${manifest.git_sha ? ` (git ${String(manifest.git_sha).slice(0, 7)})` : ''}`;
  const slugs = modelSlugs(plan.models);
  const grid = mapGrid(plan);
  const files = new CellFiles(dir, plan.profileEps);
  const products: Record<string, unknown> = {};
  try {
    products.masks = await guarded('masks.npz', () => masksNpz(dir, plan, l, infos, files));
    products.cells_csv = await guarded('cells.csv', () => cellsCsv(dir, plan, l, infos, files, ctx.csv));
    products.boundaries = await guarded('boundaries', () => boundaries(dir, plan, l, infos, files, grid, slugs));
    products.plots = await guarded('plots', () => plots(dir, plan, ctx, l, infos, files, grid, slugs, version));
  } finally {
    files.close();
  }
  products.model_slugs = Object.fromEntries(plan.models.map((m, i) => [m.id, slugs[i]]));
  manifest.products = products;
  writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}
