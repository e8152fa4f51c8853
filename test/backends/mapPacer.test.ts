// The WebGPU backend's sleep-before-map estimate (src/backends/webgpu.ts MapPacer), on synthetic run times:
// expected sleeps are 0.8 (the slept fraction) x the last measured time per cell x the cells, capped at 1 s.
import { describe, expect, it } from 'vitest';
import { MapPacer } from '../../src/backends/webgpu.js';

describe('MapPacer', () => {
  it('ignores the first run (shader compile) and does not sleep before the second', () => {
    const p = new MapPacer();
    expect(p.sleepMs(1000)).toBe(0);
    p.record(64, 0, 0, 0, 17_000); // 17 s: a cold shader compile at the first dispatch
    expect(p.sleepMs(4096)).toBe(0);
  });

  it('sleeps 0.8 of the last measured time for as many cells, capped at 1 s', () => {
    const p = new MapPacer();
    p.record(64, 0, 0, 0, 17_000);
    p.record(1000, 0, 0, 0, 200); // 0.2 ms per cell, nothing slept: the work's own time
    expect(p.sleepMs(1000)).toBeCloseTo(160, 9);
    expect(p.sleepMs(2000)).toBeCloseTo(320, 9);
    expect(p.sleepMs(1e6)).toBe(1000);
    expect(p.sleepMs(5)).toBe(0); // under 2 ms: not worth a timer
  });

  it('after an oversleep (map already done on waking) measures the next run without sleeping', () => {
    const p = new MapPacer();
    p.record(64, 0, 0, 0, 5000);
    p.record(1000, 0, 0, 0, 200);
    p.record(1000, 160, 0, 160, 160.2); // done while asleep: the work took an unknown time <= 160 ms
    expect(p.sleepMs(1000)).toBe(0);
    p.record(1000, 0, 0, 0, 50); // measured afresh: 0.05 ms per cell
    expect(p.sleepMs(1000)).toBeCloseTo(40, 9);
  });

  it('keeps measuring when the map was still pending on waking (the wall time is the work)', () => {
    const p = new MapPacer();
    p.record(64, 0, 0, 0, 5000);
    p.record(1000, 0, 0, 0, 200);
    p.record(1000, 160, 0, 160, 300); // the work took 300 ms
    expect(p.sleepMs(1000)).toBeCloseTo(240, 9);
  });
});
