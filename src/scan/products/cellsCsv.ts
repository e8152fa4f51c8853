// cells.csv: long table, one row per cell, streamed in blocks of cells (default up to CSV_DEFAULT_MAX_CELLS).

import { join } from 'node:path';
import { AtomicTextWriter } from '../../io/atomicTextWriter.js';
import type { FinishedScan, ProductRecord, ScanProduct } from './finishedScan.js';
import { csvField, numberText } from './format.js';

/** Above this many cells the long CSV is written only when the spec asks for it (outputs.csv: true). */
export const CSV_DEFAULT_MAX_CELLS = 250_000;

export const cellsCsvProduct: ScanProduct = { key: 'cells_csv', name: 'cells.csv', write: cellsCsv };

function cellsCsv(scan: FinishedScan): ProductRecord {
  const { dir, plan, layout: l, constraints: infos, cells: files, csv } = scan;
  if (csv === false) return { file: null, skipped: 'disabled by outputs.csv: false' };
  if (csv === undefined && l.cells > CSV_DEFAULT_MAX_CELLS) {
    return {
      file: null,
      skipped: `${l.cells} cells exceed the default limit of ${CSV_DEFAULT_MAX_CELLS} (set outputs.csv: true to write it anyway)`,
    };
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
    for (let start = 0; start < l.cells; start += scan.blockCells) {
      const n = Math.min(scan.blockCells, l.cells - start);
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
