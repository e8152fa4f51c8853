import { describe, it } from 'vitest';
import { checkResumeIdentity } from '../helpers/resume.js';

describe('interrupt and resume (float64 CPU)', () => {
  it('gives byte-identical outputs', async () => {
    const { interruptedAt } = await checkResumeIdentity('cpu');
    process.stdout.write(`cpu scan interrupted at ${interruptedAt}, resumed\n`);
  });
});
