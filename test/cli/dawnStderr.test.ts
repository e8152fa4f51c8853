// Dawn's two "maxDynamic... artificially reduced" warnings (native fprintf to fd 2 on every adapter request
// on lavapipe) are kept off stderr, so an error after the WebGPU probe is still exactly one line. That works
// where stderr is a terminal or a pipe (a shell's `|`); a regular file or a socket (Node's child_process
// pipes) cannot be reopened safely and still gets them, so these runs go through a shell pipe.
import { describe, expect, it } from 'vitest';
import { withoutDawnLimitWarnings } from '../../src/backends/dawnStderr.js';
import { runPipeline } from '../helpers/cli.js';
import { hasGpu } from '../helpers/gpu.js';

const UNIFORM =
  'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.\n';
const STORAGE =
  'Warning: maxDynamicStorageBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.\n';

describe("Dawn's limit warnings", () => {
  it('exactly those two lines are removed; anything else passes', () => {
    const other = 'Warning: something else Dawn says\n';
    expect(withoutDawnLimitWarnings(`${UNIFORM}${STORAGE}`)).toBe('');
    expect(withoutDawnLimitWarnings(`a\n${UNIFORM}b\n${STORAGE}${other}c`)).toBe(`a\nb\n${other}c`);
    expect(withoutDawnLimitWarnings(`x ${UNIFORM}`)).toBe(`x ${UNIFORM}`);
    expect(withoutDawnLimitWarnings(UNIFORM.replace('16', 'sixteen'))).toBe(UNIFORM.replace('16', 'sixteen'));
  });

  it.skipIf(!hasGpu)('a WebGPU run prints none of them (stderr a pipe)', async () => {
    // stderr into the pipe, stdout to the shell's stdout: what cat prints is u1x's stderr.
    const r = await runPipeline('u1x doctor 2>&1 >/dev/null | cat');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
  });

  it.skipIf(!hasGpu)('an error after the adapter probe is one line, unfiltered', async () => {
    const r = await runPipeline('u1x verify --points 10 --constraints nope 2>&1 >/dev/null | cat; exit ${PIPESTATUS[0]}');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^u1x: unknown constraint 'nope' \([^\n]*\)\n$/);
  });
});
