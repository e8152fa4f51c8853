// Command-line overrides of a scan spec. The overridden spec replaces the file's text wherever the text is
// used (the spec.yaml copied into the output, the resume key), so an output always records what ran.

import { stringify } from 'yaml';
import type { ScanSpec } from '../scan/spec.js';

/** `--dataset family=id` over the spec's `datasets` (the command line wins). */
export function withDatasets(
  read: { spec: ScanSpec; text: string },
  datasets: Record<string, string> | undefined,
): { spec: ScanSpec; text: string } {
  if (!datasets || Object.keys(datasets).length === 0) return read;
  const spec: ScanSpec = { ...read.spec, datasets: { ...read.spec.datasets, ...datasets } };
  const given = Object.entries(datasets)
    .map(([k, v]) => `--dataset ${k}=${v}`)
    .join(' ');
  return { spec, text: `# the spec file with ${given} applied\n${stringify(spec)}` };
}

/** `--option id.name=value` (parsed by cli/common.ts constraintOptions) over the spec's `options` (the command line wins). */
export function withOptions(
  read: { spec: ScanSpec; text: string },
  given: Record<string, Record<string, unknown>>,
): { spec: ScanSpec; text: string } {
  if (Object.keys(given).length === 0) return read;
  const options = { ...(read.spec.options ?? {}) };
  for (const [id, o] of Object.entries(given)) options[id] = { ...options[id], ...o };
  const spec: ScanSpec = { ...read.spec, options };
  const flags = Object.entries(given)
    .flatMap(([id, o]) => Object.entries(o).map(([k, v]) => `--option ${id}.${k}=${String(v)}`))
    .join(' ');
  return { spec, text: `# the spec file with ${flags} applied\n${stringify(spec)}` };
}
