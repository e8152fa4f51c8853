// Chunk sizing for streaming a grid through a backend: start small, grow towards a target duration per
// dispatch (short dispatches: responsive Ctrl-C and progress, no GPU watchdog), and never exceed a fixed
// number of cells, so that buffers and memory do not grow with the grid or with the backend's speed.

/** Cells per chunk at most: output buffers stay a few MiB whatever the grid size. */
export const MAX_CHUNK_CELLS = 2 ** 18;

export class ChunkSizer {
  private size: number;
  private readonly cap: number;

  constructor(
    maxCellsPerRun: number,
    pointsPerCell: number,
    private readonly targetSeconds: number,
    firstPoints = 2 ** 18,
  ) {
    this.cap = Math.max(1, Math.min(maxCellsPerRun, MAX_CHUNK_CELLS));
    this.size = Math.max(1, Math.min(this.cap, Math.floor(firstPoints / pointsPerCell)));
  }

  /** Cells for the next chunk, given how many remain. */
  next(remaining: number): number {
    return Math.min(this.size, remaining);
  }

  /** Adapt after a chunk of `count` cells took `seconds` (at most 4x growth per step). */
  record(count: number, seconds: number): void {
    const s = Math.max(seconds, 1e-4);
    this.size = Math.max(1, Math.min(this.cap, Math.round(count * Math.min(4, this.targetSeconds / s))));
  }
}
