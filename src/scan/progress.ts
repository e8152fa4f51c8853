// Progress reporting for long scans: a redrawn bar on a terminal, periodic plain lines in pipes and
// CI logs, one JSON object per line for notebooks and batch systems, or nothing.

export type ProgressMode = 'tty' | 'plain' | 'json' | 'none';

export interface Progress {
  update(donePoints: number): void;
  finish(): void;
}

function si(x: number): string {
  if (x < 1e3) return x.toFixed(0);
  const units = ['k', 'M', 'G', 'T', 'P'];
  let u = -1;
  while (x >= 1e3 && u < units.length - 1) {
    x /= 1e3;
    u++;
  }
  return `${x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0)}${units[u]}`;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function autoProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return stream.isTTY ? 'tty' : 'plain';
}

export function createProgress(
  mode: ProgressMode,
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  startAt = 0,
): Progress {
  const t0 = performance.now();
  let lastDraw = 0;
  let lastPlainFraction = -1;
  const line = (done: number) => {
    const elapsed = (performance.now() - t0) / 1000;
    const rate = (done - startAt) / Math.max(elapsed, 1e-9);
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    return { elapsed, rate, eta, fraction: total > 0 ? done / total : 1 };
  };
  return {
    update(done) {
      if (mode === 'none') return;
      const now = performance.now();
      const s = line(done);
      if (mode === 'tty') {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(s.fraction * width);
        stream.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(100 * s.fraction).toFixed(1).padStart(5)}%  ` +
            `${si(done)}/${si(total)} pts  ${si(s.rate)} pts/s  ETA ${duration(s.eta)}   `,
        );
      } else if (mode === 'plain') {
        // A line per 10 % or every 30 s, whichever comes first.
        const step = Math.floor(s.fraction * 10);
        if (step === lastPlainFraction && now - lastDraw < 30_000) return;
        lastPlainFraction = step;
        lastDraw = now;
        stream.write(
          `${label}: ${(100 * s.fraction).toFixed(1)}% (${si(done)}/${si(total)} points, ${si(s.rate)} points/s, ETA ${duration(s.eta)})\n`,
        );
      } else {
        if (now - lastDraw < 1000 && done < total) return;
        lastDraw = now;
        stream.write(`${JSON.stringify({ stage: label, done, total, rate: s.rate, eta_s: Number.isFinite(s.eta) ? s.eta : null })}\n`);
      }
    },
    finish() {
      if (mode === 'tty') stream.write('\n');
    },
  };
}
