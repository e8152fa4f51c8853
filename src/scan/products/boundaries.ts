// boundaries/<model>/<id>.lmt: DarkCast-style exclusion edges per m_X column (+ <id>.csv with every band).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic.js';
import { LIMIT_SENTINEL } from '../../physics/darkcast/dataTypes.js';
import { maskBoundaries, type ColumnBands } from '../../plot/index.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';
import { PREFERRED_IDS, PREFERRED_NAMES } from './constraintTexts.js';
import { headerNumber } from './format.js';
import { fixedWord, forEachMapColumn, mixingText } from './mapGrid.js';

/** DarkCast's "no limit at this mass" coupling value in .lmt files. */
export const LMT_SENTINEL = LIMIT_SENTINEL;

/** C-style %13.6e (DarkCast's files use the same exponent form): 5.000000e-03. */
export function lmtNumber(v: number): string {
  const [mant, exp] = v.toExponential(6).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`.padStart(14);
}

/** `.lmt` text and companion CSV for one mask; `twoSided` forces the `lower upper` layout. */
function boundaryTexts(
  bands: ColumnBands[],
  gyTop: number,
  header: string[],
  twoSided: boolean,
): { lmt: string; csv: string; layout: string; multiBand: number } {
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

/** Whether a mask had any cell set: some column has a band. */
function anyBand(bands: readonly ColumnBands[]): boolean {
  return bands.some((c) => c.bands.length > 0);
}

export const boundariesProduct: ScanProduct = { key: 'boundaries', name: 'boundaries', write: boundaries };

function boundaries(scan: FinishedScan): ProductRecord {
  const { dir, plan, constraints: infos, grid, slugs } = scan;
  if (typeof grid === 'string') return { skipped: grid };
  const mixing = mixingText(plan, false);
  const at = mixing.fixed ? `${fixedWord(plan)} ${mixing.text}` : `at the minimum of the objective chi2 over ${mixing.text}`;
  const gyTop = grid.gx[grid.gx.length - 1];
  const gridLine = `m_X grid ${headerNumber(grid.mx[0])} to ${headerNumber(grid.mx[grid.mx.length - 1])} GeV (${grid.mx.length} values), g_X grid ${headerNumber(grid.gx[0])} to ${headerNumber(gyTop)} (${grid.gx.length} values)`;
  const perModel: Record<string, unknown> = {};
  plan.models.forEach((model, m) => {
    // The bands of every m_X column, per constraint (null: not drawn) and of the preferred band: read
    // column by column, so memory holds the bands (n_mx of them), not the map.
    const bandsOf: (ColumnBands[] | null)[] = infos.map((c) => (c.preferred ? null : []));
    const preferredBands: ColumnBands[] = [];
    forEachMapColumn(scan, grid, m, (col) => {
      const x = [grid.mx[col.ix]];
      const columnBands = (mask: Uint8Array) => maskBoundaries(mask, x, grid.gx, { yInterp: 'log' })[0];
      infos.forEach((_, k) => bandsOf[k]?.push(columnBands(col.byConstraint[k])));
      if (col.preferred) preferredBands.push(columnBands(col.preferred));
    });
    const sub = join('boundaries', slugs[m]);
    mkdirSync(join(dir, sub), { recursive: true });
    const written: Record<string, unknown> = {};
    const empty: string[] = [];
    const emit = (name: string, bands: ColumnBands[], what: string[], twoSided: boolean) => {
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
      const bands = bandsOf[k];
      if (bands === null) return;
      if (!anyBand(bands)) {
        empty.push(c.id);
        return;
      }
      emit(
        c.id,
        bands,
        [
          `u1x exclusion boundary: ${c.title} [${c.id}], excluded where its Delta chi2 > ${c.active.def.threshold ?? 4} or its bound fails`,
          ...(c.upperLimit
            ? [
                `${c.active.def.band!.plain} as an upper limit: the 2 sigma band of ${c.upperLimit.dataset} includes zero; excluded outside ${c.upperLimit.lower} .. ${c.upperLimit.upper} x ${c.upperLimit.unit}`,
              ]
            : []),
        ],
        false,
      );
    });
    if (anyBand(preferredBands)) {
      const pref = infos.find((c) => c.preferred)!;
      emit(
        `${pref.id}_preferred`,
        preferredBands,
        [
          `u1x preferred band (not an exclusion): ${pref.title} within 2 sigma (${pref.active.datasetId ?? 'no dataset'}), its Delta chi2 <= ${pref.active.def.threshold ?? 4}`,
        ],
        true,
      );
    }
    perModel[model.id] = { dir: sub, files: written, excludes_nothing: empty };
  });
  return {
    format: `DarkCast .lmt columns (# mass lower [upper]; GeV, g_X) per exclusion constraint that excludes something; <id>.csv lists every band (mx_GeV, band, lower, upper); <${PREFERRED_IDS}>_preferred.* is the ${PREFERRED_NAMES} band`,
    models: perModel,
  };
}
