import { describe, it } from 'vitest';
import { hasGpu } from '../helpers/gpu.js';
import { checkResumeIdentity } from '../helpers/resume.js';

describe.skipIf(!hasGpu)('interrupt and resume (WebGPU)', () => {
  it('gives byte-identical outputs', async () => {
    const { interruptedAt } = await checkResumeIdentity('webgpu');
    process.stdout.write(`webgpu scan interrupted at ${interruptedAt}, resumed\n`);
  });
});
