// Output locations: --force replaces only what u1x wrote; the working directory, its parents and the
// like are never outputs; a file or a file-as-directory in the way is one line, exit 2; two runs into
// one output: the second is refused naming the owner, also with --force, and the first completes.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { CPU, expectRefused, expectSameOutputs, TINY_FIT, writeMediumSpec, writeSmallSpec } from './helpers.js';

const dir = suiteTempDir('faults-outputs');
const spec = writeSmallSpec(dir);

describe('--force', () => {
  it('refuses to replace a directory u1x did not write, and leaves it as it was', async () => {
    const victim = join(dir, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'notes.txt'), 'x\n');
    const r = await runCli(['scan', spec, '--out', victim, '--force', ...CPU]);
    expectRefused(r, /refusing to replace .*victim with --force: it was not written by u1x/);
    expect(readdirSync(victim)).toEqual(['notes.txt']);
    expect(readFileSync(join(victim, 'notes.txt'), 'utf8')).toBe('x\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.victim'))).toEqual([]);
  });

  it('refuses the working directory (--out "" and --out .)', async () => {
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'keep.txt'), 'keep\n');
    for (const out of ['', '.', '..']) {
      const r = await runCli(['scan', spec, '--out', out, '--force', ...CPU], { cwd });
      expectRefused(r, /refusing to use .* as an output directory: it is (the working directory|a parent of the working directory)/);
    }
    expect(readdirSync(cwd)).toEqual(['keep.txt']);
  });

  it('replaces an output u1x wrote', async () => {
    const out = join(dir, 'mine');
    const a = await runCli(['scan', spec, '--out', out, ...CPU]);
    expect(a.code, a.stderr).toBe(0);
    writeFileSync(join(out, 'stale.txt'), 'from before\n');
    const b = await runCli(['scan', spec, '--out', out, '--force', ...CPU]);
    expect(b.code, b.stderr).toBe(0);
    expect(existsSync(join(out, 'stale.txt'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).tool).toBe('u1x');
  });
});

describe('output locations that cannot be written', () => {
  it('an output that is a file', async () => {
    writeFileSync(join(dir, 'a-file'), 'data\n');
    const r = await runCli(['scan', spec, '--out', join(dir, 'a-file'), '--force', ...CPU]);
    expectRefused(r, /exists and is not a directory/);
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('data\n');
  });

  it('an output under a file (ENOTDIR)', async () => {
    writeFileSync(join(dir, 'plain'), 'data\n');
    const r = await runCli(['scan', spec, '--out', join(dir, 'plain', 'sub', 'out'), ...CPU]);
    expectRefused(r, /cannot write the output .*: a component of the path is a file/);
  });

  it('fit --out onto a directory or into a missing directory, before any work', async () => {
    const fit = TINY_FIT;
    mkdirSync(join(dir, 'fitdir'));
    expectRefused(await runCli([...fit, '--out', join(dir, 'fitdir')]), /cannot write .*fitdir: it is a directory/);
    expectRefused(await runCli([...fit, '--out', join(dir, 'nowhere', 'fit.txt')]), /the directory .*nowhere does not exist/);
    expect(readdirSync(join(dir, 'fitdir'))).toEqual([]);
  });
});

describe('two runs into one output', () => {
  it('the second is refused with the owner named (with and without --force); the first completes intact', async () => {
    const medium = writeMediumSpec(dir);
    const out = join(dir, 'shared');
    const ref = join(dir, 'reference');
    const seconds: Awaited<ReturnType<typeof runCli>>[] = [];
    let started = false;
    const second: Promise<void>[] = [];
    const first = runCli(['scan', medium, '--out', out, ...CPU], {
      onStderr: (chunk) => {
        // While the first run is writing (its first progress line), start two more.
        if (!started && /medium: [\d.]+% /.test(chunk)) {
          started = true;
          second.push(runCli(['scan', medium, '--out', out, ...CPU]).then((r) => void seconds.push(r)));
          second.push(runCli(['scan', medium, '--out', out, '--force', ...CPU]).then((r) => void seconds.push(r)));
        }
      },
    });
    const a = await first;
    await Promise.all(second);
    expect(started).toBe(true);
    expect(a.code, a.stderr).toBe(0);
    expect(seconds).toHaveLength(2);
    for (const r of seconds) expectRefused(r, /is being written by another u1x run \(pid \d+ on .* since \d{4}-\d\d-\d\dT/);
    expect(existsSync(join(dir, '.shared.u1x-lock'))).toBe(false);
    const b = await runCli(['scan', medium, '--out', ref, ...CPU]);
    expect(b.code, b.stderr).toBe(0);
    expectSameOutputs(ref, out);
  });
});
