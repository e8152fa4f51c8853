// Chunk sizing for streaming a grid through a backend: start small, grow towards a target duration per
// dispatch (short dispatches: responsive Ctrl-C and progress, no GPU watchdog), and never exceed a fixed
// number of cells, so that buffers and memory do not grow with the grid or with the backend's speed.

/** Cells per chunk at most: output buffers stay a few MiB whatever the grid size. */
export const MAX_CHUNK_CELLS = 2 ** 18;

export class ChunkSizer {
  private size: number;
  private recorded = 0;
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

  /**
   * Adapt after a chunk of `count` cells took `seconds` (at most 4x growth per step). The first chunk may
   * grow the size but not shrink it: its time includes one-time work (lavapipe compiles the shader at the
   * first dispatch, seconds with a cold cache; the CPU backend starts its workers), not the chunks' cost.
   */
  record(count: number, seconds: number): void {
    const s = Math.max(seconds, 1e-4);
    const adapted = Math.max(1, Math.min(this.cap, Math.round(count * Math.min(4, this.targetSeconds / s))));
    this.size = this.recorded++ === 0 ? Math.max(this.size, adapted) : adapted;
  }
}
