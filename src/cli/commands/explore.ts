// `u1x explore`: the interactive exclusion-map page, served on 127.0.0.1 (src/explore/). Ctrl-C or
// SIGTERM closes the server and exits 0 (stopping is this command's normal end).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Command } from 'commander';
import { selectBackendFor } from '../../scan/autoBackend.js';
import { startExploreServer } from '../../explore/server.js';
import { UserError } from '../../util/errors.js';
import { handleStopSignals } from '../stopSignals.js';
import { dataDirOptions, dataDirsFrom, PACKAGE_ROOT, parseNumber, u1xBuild } from '../common.js';

export function registerExploreCommand(program: Command): void {
  const cmd = program
    .command('explore')
    .description('an interactive (m_X, g_X) exclusion map in the browser, on its WebGPU (served on 127.0.0.1 only)')
    .option('--port <N>', 'port on 127.0.0.1 (default: a free one)', '0')
    .option('--open', 'open the page in the default browser');
  for (const o of dataDirOptions()) cmd.addOption(o);
  cmd.action(async (opts: { port: string; open?: boolean; coherentData?: string; darkcast?: string }) => {
    const port = parseNumber('--port', opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be an integer 0..65535 (got ${opts.port})`);
    const dirs = dataDirsFrom(opts);
    const assets = join(PACKAGE_ROOT, 'dist', 'explore-page');
    let server;
    try {
      server = await startExploreServer({
        port,
        dataDirs: { coherent: dirs.coherent.dir, darkcast: dirs.darkcast.dir },
        assets: { html: join(assets, 'index.html'), js: join(assets, 'explore.js') },
        // The fallback map runs the full constraint set, COHERENT included: auto decides as for a heavy scan.
        serverBackend: () => selectBackendFor('auto', 'heavy', { u1xVersion: u1xBuild() }),
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES')
        throw new UserError(`--port ${port}: ${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}`);
      if (code === 'ENOENT') throw new UserError(`the explore page is not built (${assets}): run npm run build`);
      throw e;
    }
    process.stdout.write(`u1x explore: ${server.url}\n(127.0.0.1 only; the token in the URL is required; Ctrl-C stops)\n`);
    if (opts.open) {
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      spawn(opener, [server.url], { stdio: 'ignore', detached: true })
        .on('error', (e) => process.stderr.write(`u1x explore: could not open a browser (${e.message}); open the URL above\n`))
        .unref();
    }
    // The first Ctrl-C or SIGTERM closes the server (a second one exits at once); main() then exits 0
    // after stdout and stderr drain (cli/stdio.ts exitAfterDrain).
    const { stop, dispose } = handleStopSignals((line) => process.stderr.write(`${line}\n`), 'closing the server');
    while (!stop.requested) await new Promise((r) => setTimeout(r, 100));
    await server.close();
    dispose();
    process.stderr.write('u1x explore: server stopped\n');
  });
}
