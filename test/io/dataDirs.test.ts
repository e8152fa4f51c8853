// Data-directory resolution (io/dataDirs.ts): option > environment variable > bundled copy; 'none'
// switches off; a named directory must exist; a given but empty option is refused like any other empty
// option (README "Exit codes and output"), while an empty environment variable counts as unset.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { locateDataDir } from '../../src/io/dataDirs.js';
import { DarkcastDirectory } from '../../src/io/darkcast/index.js';
import { suiteTempDir } from '../helpers/tmp.js';
import { UserError } from '../../src/util/errors.js';
import { REPO_ROOT } from '../helpers/shared.js';

const ENV = 'U1X_TEST_DATA_DIR';

describe('locateDataDir', () => {
  it('falls back to the bundled copy when neither option nor variable names one (empty variable = unset)', () => {
    const found = locateDataDir('darkcast', undefined, ENV, { [ENV]: '' }, REPO_ROOT);
    expect(found).toMatchObject({ dir: join(REPO_ROOT, 'data', 'external', 'darkcast-1.2'), origin: 'bundled', bundled: true });
  });

  it("the option wins over the variable, and 'none' switches the data off", () => {
    const bundled = join(REPO_ROOT, 'data', 'external', 'coherent-csi-2017');
    expect(locateDataDir('coherent', bundled, ENV, { [ENV]: 'none' }, REPO_ROOT)).toMatchObject({
      dir: bundled,
      origin: 'option',
      bundled: false,
    });
    expect(locateDataDir('coherent', undefined, ENV, { [ENV]: 'none' }, REPO_ROOT)).toMatchObject({ dir: null, origin: 'off' });
  });

  it('refuses a given but empty option, and a named directory that does not exist', () => {
    for (const empty of ['', '  ']) expect(() => locateDataDir('darkcast', empty, ENV, {}, REPO_ROOT)).toThrow(UserError);
    expect(() => locateDataDir('darkcast', '', ENV, {}, REPO_ROOT)).toThrow(/--darkcast needs a directory/);
    expect(() => locateDataDir('coherent', '/nonexistent/u1x-data', ENV, {}, REPO_ROOT)).toThrow(/does not exist/);
  });
});

describe('DarkCast layouts (issue 17)', () => {
  const tmp = suiteTempDir('darkcast-layouts');
  const v12 = join(REPO_ROOT, 'data', 'external', 'darkcast-1.2');
  const d2023 = join(REPO_ROOT, 'data', 'external', 'darkcast-2023');

  it('accepts the v1.2 layout (limits/ + vmd/) and the 2023 layout (limits/ + data/ + reach/)', () => {
    expect(locateDataDir('darkcast', v12, ENV, {}, REPO_ROOT).dir).toBe(v12);
    expect(locateDataDir('darkcast', d2023, ENV, {}, REPO_ROOT).dir).toBe(d2023);
  });

  it('reads the same VMD tables from vmd/ and data/, and projections only from a 2023 directory', () => {
    const a = DarkcastDirectory.open(v12);
    const b = DarkcastDirectory.open(d2023);
    expect(b.vmdCurves().map((c) => Array.from(c.values))).toEqual(a.vmdCurves().map((c) => Array.from(c.values)));
    expect(a.hasProjections()).toBe(false);
    expect(a.limitStems('reach')).toEqual([]);
    expect(b.hasProjections()).toBe(true);
    expect(b.limitStems('reach')).toHaveLength(48);
    expect(b.limitTable('BelleII_Kou2018nap', 'reach').masses.length).toBeGreaterThan(1000);
    expect(b.provenance().files.map((f) => f.path)).toContain('reach/BelleII_Kou2018nap.lmt');
  });

  it('refuses a directory with limits/ but neither vmd/ nor data/, naming both', () => {
    const dir = join(tmp, 'no-vmd');
    mkdirSync(join(dir, 'limits'), { recursive: true });
    expect(() => locateDataDir('darkcast', dir, ENV, {}, REPO_ROOT)).toThrow(/lacks vmd\/ or data\//);
    expect(() => DarkcastDirectory.open(dir)).toThrow(/neither 'vmd\/' \(DarkCast 1\.2\) nor 'data\/'/);
  });
});
