// Data-directory resolution (io/dataDirs.ts): option > environment variable > bundled copy; 'none'
// switches off; a named directory must exist; a given but empty option is refused like any other empty
// option (README "Exit codes and output"), while an empty environment variable counts as unset.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateDataDir } from '../../src/io/dataDirs.js';
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
