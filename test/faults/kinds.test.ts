// The fit, modelSpace and massBound scan kinds keep no checkpoint: Ctrl-C (or SIGTERM) stops them
// promptly with nothing written and the lock released, and --resume is refused with one line.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { CPU, expectRefused, scanKilledAt } from './helpers.js';

const dir = suiteTempDir('faults-kinds');
const fitSpec = join(dir, 'fit.yaml');
// Many models and a fine grid: the fit's grid stage runs for seconds in many dispatches.
writeFileSync(
  fitSpec,
  [
    'kind: fit',
    'name: fitstop',
    'models: catalog:vector:6',
    'mx: 0.2',
    'gx: { min: 1.0e-6, max: 1.0e-1, n: 241 }',
    'k: { min: -20, max: 20, n: 2001, scale: lin }',
    'constraints: [amu, borexino, nsi_osc, ccfr]',
    'objective: [amu, borexino, nsi_osc, ccfr]',
    '',
  ].join('\n'),
);

describe('fit / modelSpace / massBound kinds', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} stops a fit scan with nothing written and the lock released`, async () => {
      const out = join(dir, `fit-${signal}`);
      const r = await scanKilledAt(['scan', fitSpec, '--out', out, ...CPU], 1, signal);
      expect(r.sent, r.stderr).toBe(true);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(/u1x: (interrupted|terminated): nothing written \(fit scans keep no checkpoint/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes(`fit-${signal}`))).toEqual([]);
    });
  }

  it('--resume is refused with one line', async () => {
    const r = await runCli(['scan', fitSpec, '--out', join(dir, 'fit-resume'), '--resume', ...CPU]);
    expectRefused(r, /--resume: fit scans keep no checkpoint; run again without --resume/);
    expect(readdirSync(dir).filter((f) => f.includes('fit-resume'))).toEqual([]);
  });

  it('--force does not replace a directory u1x did not write', async () => {
    const victim = join(dir, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'notes.txt'), 'x\n');
    const r = await runCli(['scan', fitSpec, '--out', victim, '--force', ...CPU]);
    expectRefused(r, /refusing to replace .*victim with --force: it was not written by u1x/);
    expect(readdirSync(victim)).toEqual(['notes.txt']);
  });
});
