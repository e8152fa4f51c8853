// The rule of src/constraints/: a constraint's id is spelled only in its own definition. What the rest of
// u1x needs to know about particular constraints is data on the definition (role, band, legendGroup,
// inGlobalFit, heavy, ...). This test reads every string literal of src/ outside src/constraints/ (with the
// TypeScript parser, so comments do not count) and fails on one that is a registered constraint id or a
// name u1x derives from one ('<id>.<name>', 'obs_<id>.<name>.npy', 'chi2_<id>', 'mask_<id>', also as the
// last part of a path). Prose that mentions a constraint (help texts, captions) is not a reference.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONSTRAINTS } from '../../src/constraints/registry.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/**
 * Spellings that are not references to a constraint, or that cannot be data: file (relative to src/) ->
 * ids allowed there, and why. Keep this short; prefer a field on the definition.
 */
const EXCEPTIONS: Record<string, { ids: string[] | 'all'; why: string }> = {
  'physics/darkcast/limitCatalog.ts': {
    ids: 'all',
    why: 'the DarkCast limit catalog: the resonance constraints are generated from its entries and take their ids',
  },
  'physics/darkcast/projectionCatalog.ts': {
    ids: 'all',
    why: 'the DarkCast 2023 projection and limit catalog: the projection and 2023-limit constraints are generated from its entries and take their ids',
  },
  'cli/provenance.ts': { ids: ['coherent'], why: "'coherent' is a data-directory kind (ConstraintInstance.usesData), not the constraint" },
  'cli/commands/doctor.ts': { ids: ['coherent'], why: "'coherent' is the data-directory kind doctor checks, not the constraint" },
  'cli/common.ts': {
    ids: ['coherent'],
    why: "'coherent' is a data-directory kind (io/dataDirs.ts DataKind: --coherent-data), not the constraint",
  },
  'io/dataDirs.ts': {
    ids: ['coherent'],
    why: "'coherent' is a data-directory kind (bundled copy, option, env variable), not the constraint",
  },
  'io/coherentData.ts': {
    ids: ['coherent'],
    why: "'coherent' is the data-directory kind the COHERENT data reader locates, not the constraint",
  },
  'cli/commands/tables.ts': {
    ids: ['ccfr'],
    why: 'the id of an offline table builder (`u1x tables build --only ccfr`), not the constraint',
  },
  'bench/baseline.ts': {
    ids: ['amu', 'borexino', 'coherent', 'nsi_osc'],
    why: 'the NumPy baseline re-implements these constraints by hand and reads their tables; its ids name what it re-implements',
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(SRC, 'constraints') ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every piece of literal text in a file: string literals and the fixed parts of template literals. */
function literalTexts(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The constraint id a literal is, or names in a derived form (whole text, or the last part of a path). */
function idsIn(text: string, ids: ReadonlySet<string>): string[] {
  const m = /^(?:obs_|chi2_|mask_)?([a-z][a-z0-9_]*)(?:\.[A-Za-z0-9_]+)*$/.exec(text.split('/').pop()!);
  return m && ids.has(m[1]) ? [m[1]] : [];
}

describe('constraint ids stay in src/constraints/', () => {
  const ids = new Set(CONSTRAINTS.map((c) => c.id));

  it('finds the forms it looks for (the check can fail)', () => {
    expect(idsIn('amu', ids)).toEqual(['amu']);
    expect(idsIn('amu.delta_amu', ids)).toEqual(['amu']);
    expect(idsIn('cells/obs_amu.delta_amu.npy', ids)).toEqual(['amu']);
    expect(idsIn('chi2_na64_2019_invisible', ids)).toEqual(['na64_2019_invisible']);
    expect(idsIn('min chi2 (amu + CCFR + T)', ids)).toEqual([]);
    expect(idsIn('delta_amu', ids)).toEqual([]);
    expect(idsIn('--coherent-data', ids)).toEqual([]);
  });

  it('no string literal outside src/constraints/ names a constraint, except the documented exceptions', () => {
    const leaks: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const rel = relative(SRC, path).split('\\').join('/');
      const allowed = EXCEPTIONS[rel]?.ids ?? [];
      for (const text of literalTexts(path)) {
        for (const id of idsIn(text, ids))
          if (allowed !== 'all' && !allowed.includes(id)) leaks.push(`src/${rel}: '${id}' in ${JSON.stringify(text)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('every exception is still needed', () => {
    for (const [rel, { ids: allowed }] of Object.entries(EXCEPTIONS)) {
      const named = new Set(literalTexts(join(SRC, rel)).flatMap((t) => idsIn(t, ids)));
      expect(named.size, `${rel} names no constraint: drop the exception`).toBeGreaterThan(0);
      for (const id of allowed === 'all' ? [] : allowed)
        expect(named.has(id), `${rel} no longer names '${id}': drop the exception`).toBe(true);
    }
  });
});
