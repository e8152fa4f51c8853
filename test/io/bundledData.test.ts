// The external data shipped with u1x under data/external/ (issue 14, item 6): every file is byte-identical
// to the project's reference copy in ../shared/data (sha256), nothing else is shipped besides the
// provenance/licence files, DarkCast's recast/ curves (test references) are not shipped, and each
// directory says where its files come from, how to cite them and under which licence they are shipped.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COHERENT_DIR, DARKCAST_2023_DIR, DARKCAST_DIR, REPO_ROOT, requireShared } from '../helpers/shared.js';
import { filesUnder } from '../helpers/files.js';

const EXTERNAL = join(REPO_ROOT, 'data', 'external');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Files written for u1x (not third-party data), exempt from the byte-identity check. */
const OWN_FILES = new Set(['PROVENANCE.md']);

describe.each([
  { name: 'darkcast-1.2', reference: DARKCAST_DIR, expectedData: 72 + 12 + 1 },
  { name: 'coherent-csi-2017', reference: COHERENT_DIR, expectedData: 7 },
  // 77 limit/production files, 48 projections, 16 data tables, licence and AUTHORS.
  { name: 'darkcast-2023', reference: DARKCAST_2023_DIR, expectedData: 77 + 48 + 16 + 2 },
])('data/external/$name', ({ name, reference, expectedData }) => {
  const dir = join(EXTERNAL, name);
  const files = filesUnder(dir);
  const data = files.filter((f) => !OWN_FILES.has(f));

  it('ships every file byte-identical to ../shared/data (sha256)', () => {
    requireShared(reference);
    expect(data).toHaveLength(expectedData);
    for (const f of data) expect(sha(join(dir, f)), f).toBe(sha(join(reference, f)));
  });

  it('has a PROVENANCE.md with source, citation and licence', () => {
    const text = readFileSync(join(dir, 'PROVENANCE.md'), 'utf8');
    expect(text).toMatch(/## Source/);
    expect(text).toMatch(/## Citation/);
    expect(text).toMatch(/## Licence/);
  });

  it('contains no program code', () => {
    expect(files.filter((f) => /\.(py|js|ts|jl|c|cpp|ipynb)$/.test(f))).toEqual([]);
  });
});

describe('data/external/darkcast-1.2', () => {
  const dir = join(EXTERNAL, 'darkcast-1.2');
  it('keeps the GPL text, says the files are redistributed under GPL-2.0-or-later, and ships no recast/ curves', () => {
    const files = filesUnder(dir);
    expect(files).toContain('DarkCast-LICENSE-GPL-2.0.txt');
    expect(readFileSync(join(dir, 'DarkCast-LICENSE-GPL-2.0.txt'), 'utf8')).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 2/);
    expect(readFileSync(join(dir, 'PROVENANCE.md'), 'utf8')).toMatch(/redistributes them unmodified under that licence/);
    expect(readFileSync(join(dir, 'PROVENANCE.md'), 'utf8')).not.toMatch(/do not redistribute/i);
    expect(files.some((f) => f.startsWith('recast/'))).toBe(false);
    expect(files.every((f) => /^(limits\/.*\.(lmt|prd)|vmd\/rf\..*\.dat|DarkCast-LICENSE-GPL-2\.0\.txt|PROVENANCE\.md)$/.test(f))).toBe(
      true,
    );
  });
});

describe('data/external/darkcast-2023', () => {
  const dir = join(EXTERNAL, 'darkcast-2023');
  it('ships limits/, reach/, data/, the GPL text and AUTHORS, but no recast/ curves and no scraper manifest', () => {
    const files = filesUnder(dir);
    expect(files).toContain('DarkCast-LICENSE-GPL-2.0.txt');
    expect(files).toContain('AUTHORS.md');
    expect(readFileSync(join(dir, 'PROVENANCE.md'), 'utf8')).toMatch(/redistributes them unmodified under that licence/);
    expect(files.some((f) => f.startsWith('recast/'))).toBe(false);
    expect(files).not.toContain('manifest.json');
    expect(
      files.every((f) =>
        /^(limits\/.*\.(lmt|prd)|reach\/.*\.lmt|data\/(rf|sf)\..*\.dat|DarkCast-LICENSE-GPL-2\.0\.txt|AUTHORS\.md|PROVENANCE\.md)$/.test(f),
      ),
    ).toBe(true);
  });
  it('holds the 72 v1.2 limit files byte-identical to the bundled v1.2 copy', () => {
    const v12 = filesUnder(join(EXTERNAL, 'darkcast-1.2')).filter((f) => f.startsWith('limits/'));
    expect(v12).toHaveLength(72);
    for (const f of v12) expect(sha(join(dir, f)), f).toBe(sha(join(EXTERNAL, 'darkcast-1.2', f)));
  });
});

describe('package.json and README', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[]; license: string };
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  it('packs data/external and names the data licences', () => {
    expect(pkg.files.some((f) => f === 'data' || f === 'data/external' || f === 'data/external/')).toBe(true);
    expect(pkg.license).toBe('MIT');
    expect(readme).toMatch(/GPL-2\.0-or-later/);
    expect(readme).toMatch(/arXiv:1804\.09459/);
  });
});
