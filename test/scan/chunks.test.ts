import { describe, expect, it } from 'vitest';
import { ChunkSizer, MAX_CHUNK_CELLS } from '../../src/scan/chunks.js';

describe('ChunkSizer', () => {
  it('starts from a point budget, grows at most 4x per step and never exceeds the fixed cell cap', () => {
    const s = new ChunkSizer(1e9, 1001, 0.5);
    expect(s.next(1e12)).toBe(Math.floor(2 ** 18 / 1001));
    s.record(261, 0.001); // far faster than the target: growth limited to 4x
    expect(s.next(1e12)).toBe(1044);
    for (let i = 0; i < 20; i++) s.record(s.next(1e12), 1e-6);
    expect(s.next(1e12)).toBe(MAX_CHUNK_CELLS);
    expect(s.next(17)).toBe(17);
  });

  it('shrinks towards the target duration when a chunk was slow, and respects the backend limit', () => {
    const s = new ChunkSizer(100, 1, 0.5);
    expect(s.next(1e6)).toBe(100);
    s.record(100, 0.5); // the first chunk (one-time work in it) at the target: no change
    expect(s.next(1e6)).toBe(100);
    s.record(100, 5);
    expect(s.next(1e6)).toBe(10);
    s.record(10, 1e9);
    expect(s.next(1e6)).toBe(1);
  });

  it("lets the first chunk grow the size but not shrink it (a shader compile or worker start is not the chunks' cost)", () => {
    const s = new ChunkSizer(1e9, 64, 0.5);
    const first = Math.floor(2 ** 18 / 64);
    expect(s.next(1e12)).toBe(first);
    s.record(first, 17); // a cold shader compile inside the first dispatch
    expect(s.next(1e12)).toBe(first);
    s.record(first, 5); // the second chunk is the chunks' own cost: 0.5 / 5 of it
    expect(s.next(1e12)).toBe(Math.round(first / 10));

    const fast = new ChunkSizer(1e9, 64, 0.5);
    fast.record(first, 0.0625); // a fast first chunk still grows it (at most 4x)
    expect(fast.next(1e12)).toBe(4 * first);
  });
});
