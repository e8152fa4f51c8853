// Options and helpers shared by several commands.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { locateDataDir, type DataDirLookup } from '../io/dataDirs.js';
import { UserError } from '../util/errors.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function u1xVersion(): string {
  return (JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

let sha: string | null | undefined;
/** Git commit of the u1x installation, when it is a git checkout. */
export function u1xGitSha(): string | null {
  if (sha === undefined) {
    try {
      sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: PACKAGE_ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
      if (dirty) sha += '-dirty';
    } catch {
      sha = null;
    }
  }
  return sha;
}

/**
 * Version and commit of this build, for what is valid for one build only (the --backend auto calibration: a
 * kernel change within one package version changes both paths' speeds).
 */
export function u1xBuild(): string {
  const commit = u1xGitSha();
  return commit ? `${u1xVersion()}+${commit}` : u1xVersion();
}

export const ENV_COHERENT = 'U1X_COHERENT_DATA';
export const ENV_DARKCAST = 'U1X_DARKCAST';

export function dataDirOptions(): Option[] {
  return [
    new Option(
      '--coherent-data <dir>',
      `COHERENT CsI 2017 data directory instead of the bundled copy (or $${ENV_COHERENT}); 'none': rate-only fallback`,
    ),
    new Option(
      '--darkcast <dir>',
      `DarkCast data directory (limits/, vmd/) instead of the bundled copy (or $${ENV_DARKCAST}); 'none': skip the resonance searches`,
    ),
  ];
}

export interface DataDirs {
  coherent: DataDirLookup;
  darkcast: DataDirLookup;
}

export function dataDirsFrom(opts: { coherentData?: string; darkcast?: string }): DataDirs {
  return {
    coherent: locateDataDir('coherent', opts.coherentData, ENV_COHERENT),
    darkcast: locateDataDir('darkcast', opts.darkcast, ENV_DARKCAST),
  };
}

export function backendOption(): Option {
  return new Option('--backend <name>', 'auto | webgpu | cpu').default('auto');
}

/** `--dataset amu=amu-2025` (repeatable) -> { amu: 'amu-2025' }. */
export function collectPairs(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(value);
  if (!m) throw new UserError(`expected key=value, got '${value}'`);
  return { ...previous, [m[1]]: m[2] };
}

/** `--option coherent.response=intended` (repeatable) -> { coherent: { response: 'intended' } }. */
export function constraintOptions(pairs: Record<string, string>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, raw] of Object.entries(pairs)) {
    const dot = key.indexOf('.');
    if (dot < 1) throw new UserError(`option '${key}' must be written <constraint>.<option>=<value>`);
    const id = key.slice(0, dot);
    let v: unknown = raw;
    if (raw === 'true' || raw === 'false') v = raw === 'true';
    else if (Number.isFinite(decimalValue(raw))) v = decimalValue(raw);
    (out[id] ??= {})[key.slice(dot + 1)] = v;
  }
  return out;
}

/**
 * Decimal or scientific notation only (1, -2.5, .5, 1e-3). JavaScript's Number() also reads 0x10, 0b11,
 * 0o17 and Infinity, which nobody means on a physics command line, so those are refused.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value of a decimal number written on the command line, or NaN when it is not one. */
export function decimalValue(raw: string): number {
  const t = raw.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** A finite number from a command-line value, with a clear error. */
export function parseNumber(name: string, raw: string, rules: { positive?: boolean; maxAbs?: number } = {}): number {
  const v = decimalValue(raw);
  if (!Number.isFinite(v)) throw new UserError(`${name} must be a finite number in decimal notation (got '${raw}')`);
  if (rules.positive && !(v > 0)) throw new UserError(`${name} must be > 0 (got ${raw})`);
  if (rules.maxAbs !== undefined && !(Math.abs(v) < rules.maxAbs))
    throw new UserError(`${name} must satisfy |${name}| < ${rules.maxAbs} (got ${raw})`);
  return v;
}

/** A comma-separated list; given but empty (`--constraints ,`) is an error, not "nothing selected". */
export function splitList(v: string | undefined, name = 'the list'): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UserError(`${name} is empty (got '${v}'); leave the option out to select all`);
  return items;
}

/** A positive integer option (counts of points, rounds), decimal or scientific notation (1e5). */
export function parseCount(name: string, raw: string): number {
  const v = parseNumber(name, raw, { positive: true });
  if (!Number.isInteger(v)) throw new UserError(`${name} must be a positive integer (got '${raw}')`);
  return v;
}

export const PROGRESS_MODES = ['tty', 'plain', 'json', 'none'] as const;

/** `--progress`: one of PROGRESS_MODES, or undefined for the automatic choice. */
export function parseProgressMode(raw: string | undefined): (typeof PROGRESS_MODES)[number] | undefined {
  if (raw === undefined) return undefined;
  if (!(PROGRESS_MODES as readonly string[]).includes(raw))
    throw new UserError(`--progress must be tty, plain, json or none (got '${raw}')`);
  return raw as (typeof PROGRESS_MODES)[number];
}

/** Skipped constraints grouped by reason, one line per reason (resonance searches skip together). */
export function skippedLines(skipped: readonly { def: { id: string }; reason: string }[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.def.id]);
  return [...byReason].map(
    ([reason, ids]) =>
      `skipped ${ids.length > 6 ? `${ids.length} constraints (${ids.slice(0, 3).join(', ')}, ...)` : ids.join(', ')}: ${reason}`,
  );
}
