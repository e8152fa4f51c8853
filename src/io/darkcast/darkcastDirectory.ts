// A DarkCast data directory opened for reading: parses limit, production and VMD files on first use,
// caches them, and records the sha256 of every file it read so a scan's manifest can name its inputs.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../../util/errors.js';
import type { ProductionFractionTable, RecastDataSource, VmdCurve } from '../../physics/darkcast/dataTypes.js';
import { parseLimitText, type LimitParseOptions, type ParsedLimitTable } from './limitFile.js';
import { parseProductionText } from './productionFile.js';
import { parseVmdText } from './vmdFile.js';
import { hasProjections, validateDarkcastDir, vmdFolder } from './findDarkcastDir.js';

/** The twelve VMD curves DarkCast v1.2 ships (RESONANCE_RECAST.md §2.3); all are needed for hadronic widths. */
export const VMD_FILES = [
  'rf.pi+_pi-.rho0.dat',
  'rf.pi+_pi-_pi+_pi-.rho0.dat',
  'rf.pi+_pi-_pi0_pi0.rho0.dat',
  'rf.pi+_pi-_pi0.omega.dat',
  'rf.pi+_pi-_pi0.phi.dat',
  'rf.pi+_pi-_pi0.omega_phi.dat',
  'rf.pi0_gamma.omega.dat',
  'rf.K_K.phi.dat',
  'rf.K_K_pi.phi.dat',
  'rf.other.rho0.dat',
  'rf.other.omega.dat',
  'rf.other.phi.dat',
] as const;

/**
 * Reference-only limit files that are not sorted by mass (RESONANCE_RECAST.md §2.1); they are parsed
 * with sorting instead of an error because nothing recasts them.
 */
export const UNSORTED_REFERENCE_FILES = new Set(['ATLAS_Aad2015sms_br20', 'VEPP3_Wojtsekhowski2012zq']);

/** `limits/` holds measured limits; `reach/` (DarkCast 2023) the projected sensitivities of future searches. */
export type LimitFolder = 'limits' | 'reach';

export interface FileProvenance {
  /** Path relative to the data directory. */
  path: string;
  sha256: string;
  bytes: number;
}

export class DarkcastDirectory implements RecastDataSource {
  readonly dir: string;
  private readonly limits = new Map<string, ParsedLimitTable>();
  private readonly productions = new Map<string, ProductionFractionTable>();
  private vmd: VmdCurve[] | null = null;
  private readonly read = new Map<string, FileProvenance>();

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Open a directory that holds `limits/` and `vmd/` (throws a UserError otherwise). */
  static open(dir: string, origin = 'the given path'): DarkcastDirectory {
    return new DarkcastDirectory(validateDarkcastDir(dir, origin));
  }

  /** Stems of every `<folder>/*.lmt` file present (`reach/`: the 2023 projections; none when absent). */
  limitStems(folder: LimitFolder = 'limits'): string[] {
    if (folder === 'reach' && !this.hasProjections()) return [];
    return readdirSync(join(this.dir, folder))
      .filter((f) => f.endsWith('.lmt'))
      .map((f) => f.slice(0, -4))
      .sort();
  }

  /** True for the 2023 layout, which has `reach/` (projected sensitivities). */
  hasProjections(): boolean {
    return hasProjections(this.dir);
  }

  /** True when `<folder>/<stem>.lmt` exists (the 2023 limits are absent from a v1.2 directory). */
  hasLimit(stem: string, folder: LimitFolder = 'limits'): boolean {
    return existsSync(join(this.dir, folder, `${stem}.lmt`));
  }

  limitTable(stem: string, folder: LimitFolder = 'limits', options?: LimitParseOptions): ParsedLimitTable {
    const key = `${folder}/${stem}`;
    let table = this.limits.get(key);
    if (!table) {
      const path = join(this.dir, folder, `${stem}.lmt`);
      const allowUnsorted = options?.allowUnsorted ?? UNSORTED_REFERENCE_FILES.has(stem);
      table = parseLimitText(this.readText(path), path, { allowUnsorted });
      this.limits.set(key, table);
    }
    return table;
  }

  productionTable(stem: string): ProductionFractionTable {
    let table = this.productions.get(stem);
    if (!table) {
      const path = join(this.dir, 'limits', `${stem}.prd`);
      table = parseProductionText(this.readText(path), path);
      this.productions.set(stem, table);
    }
    return table;
  }

  vmdCurves(): VmdCurve[] {
    if (!this.vmd) {
      this.vmd = VMD_FILES.map((name) => {
        const path = join(this.dir, vmdFolder(this.dir) ?? 'vmd', name);
        return parseVmdText(this.readText(path), path);
      });
    }
    return this.vmd;
  }

  /** Every file read so far, with its hash, in the order first read. */
  provenance(): { dir: string; files: FileProvenance[] } {
    return { dir: this.dir, files: [...this.read.values()] };
  }

  private readText(path: string): string {
    if (!existsSync(path)) {
      throw new UserError(`${path}: missing from the DarkCast data directory ${this.dir}`);
    }
    const bytes = readFileSync(path);
    const rel = relative(this.dir, path);
    if (!this.read.has(rel)) {
      this.read.set(rel, { path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    }
    return bytes.toString('utf8');
  }
}
