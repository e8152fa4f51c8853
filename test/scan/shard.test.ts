// The partition of a grid into shards (src/scan/shard.ts): every (model, m_X) pair in exactly one
// rectangular block, the blocks the documented rule gives, and bad I/N refused.
import { describe, expect, it } from 'vitest';
import { parseShardArg, shardBlock } from '../../src/scan/shard.js';
import { UserError } from '../../src/util/errors.js';

/** How often each (model, m_X) pair is covered by shards 1..N. */
function coverage(nModels: number, nMx: number, n: number): number[] {
  const hits = new Array<number>(nModels * nMx).fill(0);
  for (let i = 1; i <= n; i++) {
    const b = shardBlock(nModels, nMx, { index: i, count: n });
    expect(b.models[1]).toBeGreaterThan(b.models[0]);
    expect(b.mx[1]).toBeGreaterThan(b.mx[0]);
    for (let m = b.models[0]; m < b.models[1]; m++) for (let x = b.mx[0]; x < b.mx[1]; x++) hits[m * nMx + x]++;
  }
  return hits;
}

describe('shardBlock', () => {
  it('covers every (model, m_X) pair exactly once, for model-only and m_X splits', () => {
    for (const [m, x] of [
      [1, 30],
      [2, 25],
      [3, 7],
      [10, 4],
      [419, 30],
    ]) {
      for (const n of [1, 2, 3, 4, 5, 7, 11, 16]) {
        if (Math.ceil(n / m) > x) continue;
        expect(
          coverage(m, x, n).every((h) => h === 1),
          `${m} models x ${x} m_X, ${n} shards`,
        ).toBe(true);
      }
    }
  });

  it('gives the blocks of the documented rule (worked by hand)', () => {
    // N <= models: floor(i M / N) boundaries, every m_X. 10 models, 4 shards: 0,2,5,7,10.
    expect([1, 2, 3, 4].map((i) => shardBlock(10, 30, { index: i, count: 4 }).models)).toEqual([
      [0, 2],
      [2, 5],
      [5, 7],
      [7, 10],
    ]);
    // 2 models, 3 shards: model 0 gets 2 shards (m_X 0-12, 12-25), model 1 one (all 25).
    expect([1, 2, 3].map((i) => shardBlock(2, 25, { index: i, count: 3 }))).toEqual([
      { models: [0, 1], mx: [0, 12] },
      { models: [0, 1], mx: [12, 25] },
      { models: [1, 2], mx: [0, 25] },
    ]);
    // 1 model, 4 shards of 30 m_X: 0,7,15,22,30.
    expect([1, 2, 3, 4].map((i) => shardBlock(1, 30, { index: i, count: 4 }).mx)).toEqual([
      [0, 7],
      [7, 15],
      [15, 22],
      [22, 30],
    ]);
  });

  it('refuses more shards than (model, m_X) pairs', () => {
    expect(() => shardBlock(1, 4, { index: 1, count: 5 })).toThrow(UserError);
    expect(() => shardBlock(2, 4, { index: 1, count: 9 })).toThrow(/more than the grid's 2 model\(s\) x 4 m_X points/);
  });
});

describe('parseShardArg', () => {
  it('reads I/N, 1-based', () => {
    expect(parseShardArg('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardArg('1/1')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/4', '5/4', '2', '2/0', '-1/4', '1.5/4', '2/4/1', ' 2/4', '0x1/4'])('refuses %s', (raw) => {
    expect(() => parseShardArg(raw)).toThrow(UserError);
  });
});
