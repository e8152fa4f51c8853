// Dawn (inside the `webgpu` package) prints two warnings with fprintf(stderr) on every adapter request
// on Mesa lavapipe ("Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000
// to 16 to fit dynamic offset allocation limit.", the same for storage buffers). They come from native code
// straight to file descriptor 2, around Node's process.stderr, so no JavaScript hook sees them, and they
// broke the rule that an error is one line on stderr. While the adapter is requested, fd 2 is pointed at a
// scratch file; afterwards the real stderr is put back and whatever was written meanwhile is passed on,
// without exactly those two lines.
//
// Node has no dup2, so "pointing fd 2" uses POSIX's lowest-free-descriptor rule: close 2, open the
// scratch file (it gets 2), and later close 2 and reopen the original through /proc/self/fd. Reopening
// makes a new open file description, harmless for a pipe or a terminal but not for a regular file (a
// shell sharing its offset, `{ u1x; u1x; } 2> log`, would be overwritten), so a regular-file stderr, or
// anything unusual, is left alone and the warnings then still appear.

import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Exactly Dawn's two limit warnings (Dawn's LogMessage: "Warning: <text>\n"). */
const DAWN_LIMIT_WARNING =
  /^Warning: maxDynamic(Uniform|Storage)BuffersPerPipelineLayout artificially reduced from \d+ to \d+ to fit dynamic offset allocation limit\.$/;

export function withoutDawnLimitWarnings(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((line) => !DAWN_LIMIT_WARNING.test(line.replace(/\n$/, '')))
    .join('');
}

function isOpen(fd: number): boolean {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

/** Whether fd 2 can be swapped safely: fds 0-2 open, stderr a pipe or a character device, nothing queued. */
function canSwap(): boolean {
  if (process.platform !== 'linux' || !isOpen(0) || !isOpen(1)) return false;
  try {
    const st = fstatSync(2);
    if (!(st.isFIFO() || st.isCharacterDevice())) return false;
  } catch {
    return false;
  }
  return process.stderr.writableLength === 0;
}

/** Runs `request` with Dawn's limit warnings kept off stderr (see the file comment). */
export async function quietDawnWarnings<T>(request: () => Promise<T>): Promise<T> {
  if (process.env.U1X_DAWN_STDERR === 'raw' || !canSwap()) return request();
  let saved: number;
  try {
    saved = openSync('/proc/self/fd/2', 'w');
  } catch {
    return request();
  }
  const scratchDir = mkdtempSync(join(tmpdir(), 'u1x-dawn-'));
  const scratch = join(scratchDir, 'stderr');
  // Put fd 2 back on the original stream; the descriptor numbers are checked, never assumed.
  const restore = () => {
    closeSync(2);
    const fd = openSync(`/proc/self/fd/${saved}`, 'w');
    if (fd !== 2) closeSync(fd);
    closeSync(saved);
  };
  closeSync(2);
  const fd = openSync(scratch, 'w');
  if (fd !== 2) {
    // Another descriptor was free below 2 (should not happen: 0 and 1 were checked): undo.
    closeSync(fd);
    const back = openSync(`/proc/self/fd/${saved}`, 'w');
    if (back !== 2) closeSync(back);
    closeSync(saved);
    rmSync(scratchDir, { recursive: true, force: true });
    return request();
  }
  try {
    return await request();
  } finally {
    restore();
    const meanwhile = withoutDawnLimitWarnings(readFileSync(scratch, 'utf8'));
    rmSync(scratchDir, { recursive: true, force: true });
    if (meanwhile) process.stderr.write(meanwhile);
  }
}
