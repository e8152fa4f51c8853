// The files below a directory, as sorted relative paths (for comparing output trees).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
