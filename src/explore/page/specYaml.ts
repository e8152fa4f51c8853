// A view as scan spec YAML (`u1x scan` reads it back to the same map). Scalars are written so that YAML
// 1.2 reads back exactly the JavaScript value: numbers in their shortest round-trip form, strings as
// double-quoted JSON strings (valid YAML double-quoted scalars).

function scalar(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`spec YAML: ${v} is not a finite number`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  throw new Error(`spec YAML: cannot write ${typeof v}`);
}

function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${flow(x)}`)
      .join(', ')} }`;
  }
  return scalar(v);
}

export function specYaml(spec: Record<string, unknown>, comment: string): string {
  const lines = comment.split('\n').map((l) => `# ${l}`);
  for (const [k, v] of Object.entries(spec)) if (v !== undefined) lines.push(`${k}: ${flow(v)}`);
  return lines.join('\n') + '\n';
}
