#!/usr/bin/env node
// Compare two scan output directories file by file, byte for byte: the check that a refactoring left
// `u1x scan` outputs unchanged. run.json is compared without the fields that vary from run to run
// (timings_ms, table_build_ms, points_per_second), manifest.json without git_sha (which commit built it).
// Prints every difference; exit 1 if any, 2 on bad usage.
//
//   node scripts/compareOutputs.mjs DIR_A DIR_B

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const VARYING_RUN_FIELDS = ['timings_ms', 'table_build_ms', 'points_per_second'];

function files(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(root);
  return out;
}

const base = (rel) => rel.split('/').pop();

function comparable(rel, bytes) {
  const drop = base(rel) === 'run.json' ? VARYING_RUN_FIELDS : base(rel) === 'manifest.json' ? ['git_sha'] : null;
  if (!drop) return bytes;
  const json = JSON.parse(bytes.toString('utf8'));
  for (const f of drop) delete json[f];
  return Buffer.from(JSON.stringify(json));
}

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node scripts/compareOutputs.mjs DIR_A DIR_B\n');
  process.exitCode = 2;
} else {
  const fa = files(a);
  const fb = files(b);
  const differences = [];
  for (const f of fa.filter((x) => !fb.includes(x))) differences.push(`only in ${a}: ${f}`);
  for (const f of fb.filter((x) => !fa.includes(x))) differences.push(`only in ${b}: ${f}`);
  let same = 0;
  for (const f of fa.filter((x) => fb.includes(x))) {
    const x = comparable(f, readFileSync(join(a, f)));
    const y = comparable(f, readFileSync(join(b, f)));
    if (x.equals(y)) same++;
    else differences.push(`differs: ${f}`);
  }
  for (const d of differences) process.stdout.write(`${d}\n`);
  process.stdout.write(`${same} identical file(s), ${differences.length} difference(s)\n`);
  process.exitCode = differences.length ? 1 : 0;
}
