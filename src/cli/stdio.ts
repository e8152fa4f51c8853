// Standard streams of the `u1x` process. The CLI must end with process.exit() (the native WebGPU instance
// keeps the event loop alive), and process.exit() drops whatever a pipe has not yet accepted: on Linux a
// pipe takes 64 KiB, and the rest of a larger output was lost. So the exit waits until both streams have
// handed everything to the operating system. A reader that goes away (`u1x models --json | head -1`) is a
// normal end of output, not an error: EPIPE on either stream is absorbed and later writes are dropped.

type Stream = NodeJS.WriteStream;

const closedByReader = new WeakSet<Stream>();

/** Errors that mean the reading end is gone (or the stream was already torn down after that). */
function readerGone(e: NodeJS.ErrnoException): boolean {
  return e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || e.code === 'ERR_STREAM_WRITE_AFTER_END';
}

/** Absorb EPIPE on stdout/stderr (any other stream error is rethrown: it is a real failure). */
export function guardStdio(streams: Stream[] = [process.stdout, process.stderr]): void {
  for (const s of streams) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (!readerGone(e)) throw e;
      closedByReader.add(s);
    });
  }
}

/** Resolves once everything written to `s` so far has been handed to the OS (or its reader is gone). */
function drained(s: Stream): Promise<void> {
  if (closedByReader.has(s) || s.destroyed || s.writableEnded) return Promise.resolve();
  // An empty write completes after every write queued before it (writes complete in order).
  return new Promise((done) => {
    try {
      s.write('', () => done());
    } catch {
      done();
    }
  });
}

/** Wait for stdout and stderr to drain, then exit with `code`. */
export async function exitAfterDrain(code: number, streams: Stream[] = [process.stdout, process.stderr]): Promise<never> {
  await Promise.all(streams.map(drained));
  // The one exit of the program, after the drain (the WebGPU instance would keep the event loop alive).
  // eslint-disable-next-line no-restricted-properties
  process.exit(code);
}
