// Property-based fuzzing of what users type: scan specs, model files and `point` arguments. Every input
// either parses or is refused as a UserError (the CLI prints it as one line, exit 2) — never another
// exception (the CLI's "internal error" with a stack), never a non-finite number in what was accepted.
// Seeds are fixed so a failure reproduces; most runs are in-process, a few spawn the CLI end to end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/cli/common.js';
import { loadModelFile } from '../../src/models/modelFile.js';
import { parseScanSpec } from '../../src/scan/spec.js';
import { planScan } from '../../src/scan/plan.js';
import { modelsOfSpec } from '../../src/scan/models.js';
import { UserError } from '../../src/util/errors.js';
import { runCli, userLines } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';

const dir = suiteTempDir('fuzz');

// A Node warning (the yaml package warned about unresolved tags this way) is more lines on the CLI's stderr.
const emitted: string[] = [];
const realEmitWarning = process.emitWarning;
beforeEach(() => {
  emitted.length = 0;
  process.emitWarning = ((w: string | Error) => void emitted.push(String(w))) as typeof process.emitWarning;
});
afterEach(() => {
  process.emitWarning = realEmitWarning;
  expect(emitted).toEqual([]);
});

/** Runs `f`; a thrown error must be a UserError with a one-line message. Returns the value or undefined. */
function acceptedOrUserError<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`not a UserError: ${(e as Error).stack ?? String(e)}`);
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeGreaterThan(0);
    return undefined;
  }
}

// Numbers users write, including the ones that break naive parsers.
const nastyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 1e-300, 1e300, -1e300, 5e-324, Number.MAX_VALUE, 2 ** 53 + 1, 1e21, 0.1, 1 / 3),
  fc.integer({ min: -1e6, max: 1e6 }),
);
const nastyText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '1/3',
    '1/0',
    '0/0',
    '-1/3',
    '1e400',
    '1e-400',
    '0x10',
    '0b1',
    'Infinity',
    'NaN',
    '.',
    '-',
    '1_0',
    '１',
    '1/3/3',
    '99999999999999999999999/7',
  ),
);
const anyValue = fc.oneof(nastyNumber, nastyText, fc.boolean(), fc.constant(null), fc.array(nastyNumber, { maxLength: 4 }));

describe('scan spec parser (in-process)', () => {
  it('arbitrary text: a spec or one UserError line (YAML and JSON)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => stringify(v)),
        ),
        fc.constantFrom('s.yaml', 's.json', 's.txt'),
        (text, file) => {
          acceptedOrUserError(() => parseScanSpec(text, file));
        },
      ),
      { seed: 12, numRuns: 400 },
    );
  });

  // Specs shaped like real ones: mostly sensible values with hostile ones mixed in (weights), so that a
  // good share parses and goes on through the planner (models, axes, constraints), where a spec's values
  // are first used. Axis sizes stay small (memory).
  const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
  const sensible = fc.oneof(fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.constantFrom(0.1, 1e-3, 1));
  const axisSpec = mostly(
    fc.oneof(
      sensible,
      fc.record({ values: fc.array(mostly(sensible, nastyNumber), { maxLength: 4 }) }),
      fc.record(
        {
          min: mostly(sensible, nastyNumber),
          max: mostly(sensible, nastyNumber),
          n: fc.integer({ min: -1, max: 6 }),
          scale: fc.constantFrom('log', 'lin', 'linlog', 'bogus'),
        },
        { requiredKeys: ['min', 'max', 'n'] },
      ),
    ),
    anyValue,
  );
  const specObject = fc
    .record({
      models: mostly(
        fc.constantFrom('Lmu-Ltau', 'B-L', 'dark-photon', '3B-6Le-3Ltau+2(Lmu-Ltau)', 'v:0:0:1:-1', ['Lmu-Ltau', 'B-L']),
        fc.oneof(fc.constantFrom('NoSuchModel', '', 'catalog:vector:0', 'B-L+'), fc.string(), anyValue),
      ),
      mx: axisSpec,
      gx: axisSpec,
      mix: fc.oneof(
        fc.constant({}),
        axisSpec.map((eps) => ({ eps })),
        axisSpec.map((k) => ({ k })),
        fc.constant({ eps: 0, k: 1 }),
      ),
      rest: fc.record(
        {
          profile: mostly(fc.constantFrom(['eps'], ['gx', 'eps'], ['gx']), anyValue),
          constraints: mostly(fc.constantFrom(['amu'], ['amu', 'ae', 'bbn'], 'all'), fc.oneof(fc.constantFrom([], ['nope']), anyValue)),
          datasets: mostly(
            fc.constantFrom({ amu: 'amu-2025' }, { amu: 'amu-2021' }),
            fc.oneof(fc.constantFrom({ amu: 'amu-1999' }, { nope: 'x' }), anyValue),
          ),
          mixing: mostly(fc.constantFrom('photon', 'hypercharge'), anyValue),
          name: mostly(fc.constantFrom('ok-name', 'a.b_c'), fc.oneof(fc.constantFrom('../x', ''), anyValue)),
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ models, mx, gx, mix, rest }) => ({ models, mx, gx, ...mix, ...rest }));

  it('spec-shaped objects with hostile values: parse and plan, or one UserError line', () => {
    const reached = { parsed: 0, planned: 0 };
    fc.assert(
      fc.property(specObject, fc.boolean(), (obj, asJson) => {
        const text = asJson ? JSON.stringify(obj) : stringify(obj);
        const spec = acceptedOrUserError(() => parseScanSpec(text, asJson ? 'f.json' : 'f.yaml'));
        if (!spec) return;
        reached.parsed++;
        const plan = acceptedOrUserError(() =>
          planScan(spec, {
            name: 'fuzz',
            dataDirs: { coherent: null, darkcast: null },
            force: false,
            resolveModels: (s) => modelsOfSpec(s, dir),
          }),
        );
        if (!plan) return;
        reached.planned++;
        for (const v of [...plan.mx.values, ...plan.gx.values, ...plan.mix.values]) expect(Number.isFinite(v)).toBe(true);
        expect(Number.isFinite(plan.totalPoints)).toBe(true);
      }),
      { seed: 34, numRuns: 400 },
    );
    // Not vacuous: a fair share of the hostile specs get through the parser, and some through the planner.
    expect(reached.parsed).toBeGreaterThan(40);
    expect(reached.planned).toBeGreaterThan(5);
  });

  it('YAML tags the parser does not know are refused, not warned about', () => {
    expect(() => parseScanSpec('models: !foo Lmu-Ltau\nmx: 0.1\ngx: 1e-3\n', 's.yaml')).toThrow(
      /s\.yaml: not valid YAML: Unresolved tag: !foo/,
    );
  });
});

describe('model-file parser (in-process)', () => {
  const triple = fc.oneof(fc.array(anyValue, { minLength: 3, maxLength: 3 }), fc.array(anyValue, { maxLength: 5 }), anyValue);
  const modelObject = fc.oneof(
    fc.record(
      {
        name: fc.oneof(fc.string(), anyValue),
        c: fc.oneof(
          fc.record({ B: anyValue, e: anyValue, mu: anyValue, tau: anyValue, N: triple }, { requiredKeys: ['B', 'e', 'mu', 'tau'] }),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        name: fc.oneof(fc.string({ minLength: 1 }), anyValue),
        charges: fc.oneof(fc.record({ Q: triple, U: triple, D: triple, L: triple, E: triple, N: triple }), anyValue),
      },
      { requiredKeys: [] },
    ),
    // Mostly valid vector models with exact rational coefficients: these exercise the anomaly check.
    fc.record({
      name: fc.constant('fuzz'),
      c: fc.record({
        B: fc.integer({ min: -30, max: 30 }).map((n) => `${n}/3`),
        e: fc.integer({ min: -10, max: 10 }),
        mu: fc.integer({ min: -10, max: 10 }),
        tau: fc.oneof(fc.integer({ min: -10, max: 10 }), nastyText),
      }),
    }),
    anyValue,
  );

  it('a model or one UserError line; accepted models have finite couplings', () => {
    let i = 0;
    let accepted = 0;
    fc.assert(
      fc.property(modelObject, fc.constantFrom('.json', '.yaml', '.yml'), fc.boolean(), (obj, ext, anomalous) => {
        const file = join(dir, `model-${i++}${ext}`);
        writeFileSync(file, ext === '.json' ? (JSON.stringify(obj) ?? 'null') : stringify(obj));
        const m = acceptedOrUserError(() => loadModelFile(file, { allowAnomalous: anomalous }));
        if (!m) return;
        accepted++;
        for (const [field, v] of Object.entries(m.record)) expect(Number.isFinite(v), `${field} = ${v}`).toBe(true);
      }),
      { seed: 56, numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('arbitrary text in a model file', () => {
    let i = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), fc.constantFrom('.json', '.yaml'), (text, ext) => {
        const file = join(dir, `text-${i++}${ext}`);
        writeFileSync(file, text);
        acceptedOrUserError(() => loadModelFile(file));
      }),
      { seed: 78, numRuns: 300 },
    );
  });
});

describe('point arguments', () => {
  const decimal = (x: number) => fc.constantFrom(String(x), x.toExponential(), x.toExponential().toUpperCase(), `+${x}`);
  const numberText = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('0x10', '0b1', '0o7', '1_0', 'Infinity', '-Infinity', 'NaN', '', '1e', '.', '-0', '0'),
    fc.double({ noNaN: true }).map(String),
  );

  it('numbers: parseNumber returns exactly Number(text) for decimal text, else one UserError line', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          numberText,
          fc.double().chain((x) => decimal(x)),
        ),
        (text) => {
          const v = acceptedOrUserError(() => parseNumber('--gx', text));
          if (v === undefined) return;
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBe(Number(text.trim()));
          expect(text.trim()).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/);
        },
      ),
      { seed: 90, numRuns: 2000 },
    );
  });

  // End to end, few runs (each spawns the CLI). Values that parse stay in physical ranges (m_X in
  // [1 MeV, 100 GeV], g_X in [1e-8, 1]): the range validation of extreme values belongs to the kernels' side.
  const physical = (lo: number, hi: number) =>
    fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => (10 ** e).toPrecision(6));
  const arg = (good: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: numberText });
  const pointArgs = fc.record({
    model: fc.constantFrom('Lmu-Ltau', 'B-L', 'B-3Lmu', 'dark-photon', 'v:0:0:1:-1', 'NoSuchModel', ''),
    mx: arg(physical(1e-3, 100)),
    gx: arg(physical(1e-8, 1)),
    mix: fc.oneof(
      fc.constant([] as string[]),
      arg(physical(1e-9, 1e-2)).map((v) => ['--eps', v]),
      arg(fc.double({ min: -20, max: 20, noNaN: true }).map((x) => x.toPrecision(4))).map((v) => ['--k', v]),
    ),
    constraints: fc.constantFrom([], ['--constraints', 'amu,ae'], ['--constraints', ','], ['--constraints', 'amu,nope']),
    dataset: fc.constantFrom([], ['--dataset', 'amu=amu-2025'], ['--dataset', 'amu'], ['--dataset', 'amu=x']),
  });

  it('the CLI: exit 0 with finite numbers in the JSON, or exit 2 with one line', async () => {
    await fc.assert(
      fc.asyncProperty(pointArgs, async (a) => {
        const args = [
          'point',
          '--backend',
          'cpu',
          '--json',
          '--model',
          a.model,
          '--mx',
          a.mx,
          '--gx',
          a.gx,
          ...a.mix,
          ...a.constraints,
          ...a.dataset,
        ];
        const r = await runCli(args);
        if (r.code === 0) {
          const out = JSON.parse(r.stdout) as {
            chi2_total: unknown;
            constraints: Record<string, { chi2: unknown; observables: Record<string, unknown> }>;
          };
          expect(Number.isFinite(out.chi2_total), r.stdout).toBe(true);
          for (const [id, c] of Object.entries(out.constraints)) {
            expect(Number.isFinite(c.chi2), id).toBe(true);
            for (const [name, v] of Object.entries(c.observables)) expect(Number.isFinite(v), `${id}.${name}`).toBe(true);
          }
          return;
        }
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
        expect(userLines(r.stderr), r.stderr).toHaveLength(1);
        expect(r.stderr).toMatch(/^u1x: /);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.stdout).toBe('');
      }),
      { seed: 7, numRuns: 12 },
    );
  });
});
