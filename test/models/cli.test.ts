import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerModelsCommand } from '../../src/cli/commands/models.js';
import { UserError } from '../../src/util/errors.js';
import { COUNTS_N10 } from './published.js';

async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('u1x').exitOverride().configureOutput({ writeErr: () => {} });
  registerModelsCommand(program, { write: (t) => (out += t) });
  await program.parseAsync(['node', 'u1x', 'models', ...args]);
  return out;
}

describe('u1x models', () => {
  it('--count prints the VALIDATION §1 counts, well within 10 s', async () => {
    const t0 = performance.now();
    const out = await run('--count', '--max-charge', '10');
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(out).toContain(`up to family permutations, overall sign and rescaling): ${COUNTS_N10.sets}`);
    expect(out).toContain(`vector: ${COUNTS_N10.vectorSets}  (class 1: 79, class 2: 187, both: 13, class 3: 2)`);
    expect(out).toContain(`chiral: ${COUNTS_N10.chiralSets}`);
    expect(out).toContain(`vector: ${COUNTS_N10.vectorModels}  (446 without rescaling, 422 without sign identification)`);
  });

  it('--count --json on worker threads gives the same counts', async () => {
    const counts = JSON.parse(await run('--count', '--json', '--threads', '2'));
    expect(counts).toMatchObject({ sets: 276, vectorSets: 255, chiralSets: 21, vectorModels: 419, threads: 2 });
  });

  it('lists the vector catalog as JSON with charges, c, (alpha, R) and benchmark names', async () => {
    const list = JSON.parse(await run('--category', 'vector', '--json'));
    expect(list).toHaveLength(COUNTS_N10.vectorModels);
    const b2 = list.find((e: { id: string }) => e.id === 'v:3:-6:0:-3');
    expect(b2).toMatchObject({
      name: '3B-6Le-3Ltau',
      category: 'vector',
      benchmark: 'B-2Le-Ltau',
      charges: { Q: [1, 1, 1], L: [-6, 0, -3], E: [-6, 0, -3] },
      c: { B: 3, e: -6, mu: 0, tau: -3 },
    });
    expect(b2.alphaDeg).toBeCloseTo(-33.69, 2); // VALIDATION §6
    expect(b2.R).toBeCloseTo(0.27735, 5);
    expect(list.find((e: { id: string }) => e.id === 'v:0:0:1:-1').R).toBe('inf');
  });

  it('CSV has one column per charge', async () => {
    const lines = (await run('--category', 'chiral', '--csv')).trim().split('\n');
    expect(lines[0]).toBe('id,name,category,class,xq,L_e,L_mu,L_tau,E_e,E_mu,E_tau,N_1,N_2,N_3,cB,ce,cmu,ctau,alpha_deg,R,benchmark');
    expect(lines).toContain('c:0:-1:7:-6:1:6:-7:-7:-2:9,L(-1 7 -6) E(1 6 -7),chiral,b-pattern,0,-1,7,-6,1,6,-7,-7,-2,9,,,,,,,tLmu-tau');
  });

  it('the default table is aligned and has a header', async () => {
    const lines = (await run('--category', 'vector')).split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+category\s+class\s+xq\s+L\s+E\s+N\s+c\s+alpha_deg\s+R\s+benchmark$/);
    expect(lines.find((l) => l.startsWith('v:0:0:1:-1 '))).toMatch(/Lmu-Ltau\s+vector\s+1\+2\s+0\s+0 1 -1/);
    expect(lines[1].indexOf('dark-photon')).toBe(lines[0].indexOf('name'));
  });

  it('--sets lists the 276 charge sets', async () => {
    expect(JSON.parse(await run('--sets', '--json'))).toHaveLength(COUNTS_N10.sets);
  });

  it('--benchmarks and --model describe models', async () => {
    expect(await run('--benchmarks')).toMatch(/tLmu-tau\s+chiral/);
    const detail = await run('--model', 'B-3Lmu');
    expect(detail).toContain('Q: 1/3, 1/3, 1/3');
    expect(detail).toContain('catalog id v:3:0:-9:0');
    expect(detail).toContain('anomalies: anomaly free');
    const records = JSON.parse(await run('--model', 'Lmu-Ltau,dark-photon', '--json'));
    expect(records.map((r: { id: string }) => r.id)).toEqual(['Lmu-Ltau', 'dark-photon']);
  });

  it('user errors are UserErrors; bad options are refused by commander', async () => {
    await expect(run('--json', '--csv')).rejects.toBeInstanceOf(UserError);
    await expect(run('--model', 'nonsense')).rejects.toBeInstanceOf(UserError);
    await expect(run('--max-charge', 'ten')).rejects.toThrow(/max-charge/);
    await expect(run('--category', 'odd')).rejects.toThrow(/category/);
  });
});
