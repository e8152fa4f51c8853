// SIGINT and SIGTERM ask a running scan to stop: it finishes the dispatch in flight, writes what it
// keeps (a checkpoint for grid scans, nothing for the other kinds) and exits 130 or 143. A second
// signal exits at once (the output lock is still released by the process 'exit' hook).

import type { StopRequest } from '../scan/runner.js';
import { stopExitCode } from '../scan/runner.js';

export function handleStopSignals(log: (line: string) => void, what: string): { stop: StopRequest; dispose(): void } {
  const stop: StopRequest = { requested: false };
  const on = (signal: 'SIGINT' | 'SIGTERM') => () => {
    // A second signal is the user's "abort now, without a checkpoint": nothing is left to drain that matters.
    // eslint-disable-next-line no-restricted-properties
    if (stop.requested) process.exit(stopExitCode({ requested: true, signal }));
    stop.requested = true;
    stop.signal = signal;
    log(
      `\n${signal === 'SIGINT' ? 'interrupt' : 'SIGTERM'}: ${what} (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to abort without it)`,
    );
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    stop,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
