// `u1x scan --shard I/N` + `u1x merge` write the same bytes as one `u1x scan` (run.json timings and
// the git sha aside, scripts/compareOutputs.mjs) for every grid spec in scans/ at --quick on the CPU
// backend; the other kinds refuse --shard; merge refuses incomplete, duplicated, unfinished or foreign
// shards with exit 2, naming them, and writes nothing.
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectRejected, runCli } from '../helpers/cli.js';
import { compareOutputs } from '../helpers/compareOutputs.js';
import { filesUnder } from '../helpers/files.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { suiteTempDir } from '../helpers/tmp.js';

const SCANS = resolve(REPO_ROOT, 'scans');
const specs = readdirSync(SCANS)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({
    file: join(SCANS, f),
    name: f.replace(/\.yaml$/, ''),
    kind: (parse(readFileSync(join(SCANS, f), 'utf8')) as { kind?: string }).kind,
  }));
const gridSpecs = specs.filter((s) => (s.kind ?? 'grid') === 'grid');
const otherSpecs = specs.filter((s) => (s.kind ?? 'grid') !== 'grid');
const tmp = suiteTempDir('shard');
const common = ['--quick', '--backend', 'cpu', '--progress', 'none'];

async function ok(args: string[]): Promise<void> {
  const r = await runCli(args);
  expect(r.code, r.stderr).toBe(0);
}

/** Shard counts that split the m_X axis of a model: 2 for one model, 3 for two (one model in two blocks, one whole). */
const shardsFor = (models: number) => (models === 1 ? 2 : 3);
// Kept low: every spec here costs a single run, the shards and a merge (each a node process).

describe('every spec in scans/', () => {
  it('has grid specs and non-grid specs (else this file tests less than it says)', () => {
    expect(gridSpecs.length).toBeGreaterThanOrEqual(5);
    expect(otherSpecs.map((s) => s.kind).sort()).toEqual(['fit', 'massBound', 'modelSpace']);
  });

  it.concurrent.each(gridSpecs)('$name: merged shards are byte-identical to one run', async ({ file, name }) => {
    const dir = join(tmp, name);
    const models = (parse(readFileSync(file, 'utf8')) as { models: unknown }).models;
    const n = shardsFor(Array.isArray(models) ? models.length : 1);
    await ok(['scan', file, ...common, '--out', join(dir, 'single')]);
    const shards = Array.from({ length: n }, (_, i) => join(dir, `shard-${i + 1}`));
    for (const [i, out] of shards.entries()) await ok(['scan', file, ...common, '--shard', `${i + 1}/${n}`, '--out', out]);
    // Given in reverse: merge orders them by index.
    await ok(['merge', ...[...shards].reverse(), '--out', join(dir, 'merged')]);
    const cmp = compareOutputs(join(dir, 'single'), join(dir, 'merged'));
    expect(cmp.same, cmp.report).toBe(true);
    expect(cmp.report).toMatch(/[1-9][0-9]* identical file\(s\), 0 difference\(s\)/);
  });

  it.each(otherSpecs)('$name ($kind) refuses --shard: exit 2, nothing written', async ({ file, kind }) => {
    const out = join(tmp, 'refused', kind!);
    mkdirSync(join(tmp, 'refused'), { recursive: true });
    await expectRejected(
      ['scan', file, ...common, '--shard', '1/2', '--out', out],
      new RegExp(`--shard: ${kind} scans are not sharded`),
      out,
    );
  });
});

describe('merge refuses what is not a complete set of siblings', () => {
  // Shards of the 1-model L_mu-L_tau map (3 of them) and one shard of another spec.
  const spec = join(SCANS, 'lmu-ltau-eps0-map.yaml');
  const other = join(SCANS, 'lmu-ltau-2025.yaml');
  const dir = join(tmp, 'refusals');
  const shard = (i: number) => join(dir, `s${i}`);
  beforeAll(async () => {
    for (const i of [1, 2, 3]) await ok(['scan', spec, ...common, '--shard', `${i}/3`, '--out', shard(i)]);
    await ok(['scan', other, ...common, '--shard', '2/3', '--out', join(dir, 'other-2')]);
  });

  it('a missing shard is named', async () => {
    const out = join(dir, 'out-missing');
    await expectRejected(['merge', shard(1), shard(3), '--out', out], /missing shard\(s\) 2\/3 of lmu-ltau-eps0-map.*nothing written/, out);
  });

  it('a shard given twice is named', async () => {
    const out = join(dir, 'out-twice');
    await expectRejected(['merge', shard(1), shard(2), shard(2), '--out', out], /shard 2\/3 given twice/, out);
  });

  it('a shard of another spec is named', async () => {
    const out = join(dir, 'out-foreign');
    await expectRejected(
      ['merge', shard(1), join(dir, 'other-2'), shard(3), '--out', out],
      new RegExp(`${join(dir, 'other-2')} is not a sibling of .*s1 \\(they differ in the scan spec, the scan name`),
      out,
    );
  });

  it('an unfinished shard (only its partial directory) is named', async () => {
    // The output elsewhere: expectRejected checks that no partial directory is left beside it.
    mkdirSync(join(tmp, 'merge-outs'), { recursive: true });
    const out = join(tmp, 'merge-outs', 'out-unfinished');
    // As a killed task leaves it: the output not yet renamed into place.
    const partial = join(dir, '.s3.u1x-partial');
    renameSync(shard(3), partial);
    try {
      await expectRejected(
        ['merge', shard(1), shard(2), shard(3), '--out', out],
        /s3: not finished \(its run is in progress or was interrupted/,
        out,
      );
    } finally {
      renameSync(partial, shard(3));
    }
  });

  it('a directory that is not a shard is named', async () => {
    const out = join(dir, 'out-notshard');
    await ok(['scan', spec, ...common, '--out', join(dir, 'whole')]);
    await expectRejected(['merge', shard(1), join(dir, 'whole'), '--out', out], /whole: not a shard/, out);
  });
});

describe('a shard resumes only as itself', () => {
  const spec = join(SCANS, 'lmu-ltau-map.yaml');
  const dir = join(tmp, 'resume');

  it('a shard stopped by SIGTERM (1/2) is refused as 2/2 and resumed as 1/2 to the same bytes', async () => {
    const out = join(dir, 'interrupted');
    let sent = false;
    const a = await runCli(
      ['scan', spec, '--quick', '--backend', 'cpu', '--progress', 'plain', '--checkpoint-every', '0', '--shard', '1/2', '--out', out],
      {
        onStderr: (chunk, kill) => {
          // After the first chunk's progress line: SIGTERM, as scancel or a preemption sends it.
          if (!sent && /lmu-ltau-map: [\d.]+% /.test(chunk)) {
            sent = true;
            kill('SIGTERM');
          }
        },
      },
    );
    expect(sent).toBe(true);
    // The CPU backend answers small chunks on the main thread: the runner must still see the signal (runner.ts).
    expect(a.code, a.stderr).toBe(143);
    expect(a.stderr).toMatch(/checkpoint written at [\d.]+%/);
    const wrong = await runCli(['scan', spec, ...common, '--shard', '2/2', '--resume', '--out', out]);
    expect(wrong.code, wrong.stderr).toBe(2);
    expect(wrong.stderr).toMatch(/--shard \(checkpoint: 1\/2, now: 2\/2\)/);
    await ok(['scan', spec, ...common, '--shard', '1/2', '--resume', '--out', out]);
    await ok(['scan', spec, ...common, '--shard', '1/2', '--out', join(dir, 'whole')]);
    const files = filesUnder(join(dir, 'whole')).filter((f) => f !== 'run.json');
    expect(filesUnder(out).filter((f) => f !== 'run.json')).toEqual(files);
    for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(dir, 'whole', f))), f).toBe(true);
  });
});
