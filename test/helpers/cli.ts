// Run the compiled u1x binary (built by test/globalSetup.ts) and capture what it prints.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expect } from 'vitest';
import { COHERENT_DIR, DARKCAST_DIR, REPO_ROOT, requireShared } from './shared.js';

export const U1X = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; onStderr?: (chunk: string, kill: (sig: NodeJS.Signals) => void) => void } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [U1X, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(String(d), (sig) => child.kill(sig));
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/** Arguments of `u1x scan SPEC --out DIR` on the CPU reference, quiet, with the shared COHERENT and DarkCast copies. */
export function sharedDataScanArgs(spec: string, outDir: string): string[] {
  const data = ['--coherent-data', requireShared(COHERENT_DIR), '--darkcast', requireShared(DARKCAST_DIR)];
  return ['scan', spec, '--out', outDir, '--backend', 'cpu', '--progress', 'none', ...data];
}

/** Run that scan; a failure throws with u1x's stderr. */
export async function scanWithSharedData(spec: string, outDir: string): Promise<void> {
  const r = await runCli(sharedDataScanArgs(spec, outDir));
  if (r.code !== 0) throw new Error(`u1x scan ${spec} failed (${r.code}):\n${r.stderr}`);
}

/** stderr without the native Vulkan driver's start-up warnings. */
export function userLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() && !/^Warning: max\w+ artificially reduced/.test(l));
}

/** Run u1x with stdout redirected to a file (as `u1x ... > file`); resolves with the exit code and stderr. */
export function runCliToFile(
  args: string[],
  file: string,
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(file, 'w');
    const child = spawn(process.execPath, [U1X, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

/** Run a shell pipeline (bash, pipefail) with `u1x` standing for the compiled CLI, e.g. `u1x models --json | head -1`. */
export function runPipeline(pipeline: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const script = `set -o pipefail; u1x() { "${process.execPath}" "${U1X}" "$@"; }; ${pipeline}`;
    const child = spawn('bash', ['-c', script], { cwd: opts.cwd ?? REPO_ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

/**
 * Bad input is refused cleanly: exit code 2, exactly one `u1x: ` line on stderr matching `pattern`, nothing on
 * stdout, and — when the run would have written `outDir` — neither it nor a partial directory beside it.
 */
export async function expectRejected(args: string[], pattern: RegExp, outDir?: string): Promise<void> {
  const r = await runCli(args);
  const lines = userLines(r.stderr);
  expect(r.code, r.stderr).toBe(2);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^u1x: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stdout).toBe('');
  if (outDir) {
    expect(existsSync(outDir)).toBe(false);
    expect(readdirSync(dirname(outDir)).filter((f) => f.includes('u1x-partial'))).toEqual([]);
  }
}
