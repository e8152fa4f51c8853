// A headless Chromium with WebGPU on SwiftShader for the explore page tests (../shared/notes/browser-webgpu.md:
// Debian's chromium, driven by puppeteer-core, which downloads nothing). Under CI=true a missing browser or
// adapter fails the run; elsewhere the browser tests skip and say why.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's binary itself: the /usr/bin/chromium wrapper adds flags and prints a shell error. */
export const CHROMIUM = process.env.U1X_CHROMIUM ?? '/usr/lib/chromium/chromium';

const FLAGS = [
  '--no-sandbox', // CI runs as root
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
];

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * A launched browser with a WebGPU adapter, or why not (a failure under CI). `probeUrl`: a page of a
 * secure context (http://127.0.0.1) to ask for the adapter from; about:blank has no navigator.gpu.
 */
export async function launchWebgpuBrowser(probeUrl: string): Promise<{ browser: Browser; adapter: string } | { skip: string }> {
  const fail = (why: string) => {
    if (inCi) throw new Error(`CI=true but ${why}`);
    process.stderr.write(`\n[u1x tests] skipping browser tests: ${why}\n`);
    return { skip: why };
  };
  if (!existsSync(CHROMIUM)) return fail(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const page = await browser.newPage();
  await page.goto(probeUrl);
  const adapter = await page.evaluate(async () => {
    // In the browser (the test program is typed without the DOM library).
    const gpu = (
      globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ info: { vendor: string; architecture: string } } | null> } } }
    ).navigator?.gpu;
    const a = await gpu?.requestAdapter();
    return a ? `${a.info.vendor} / ${a.info.architecture}` : null;
  });
  await page.close();
  if (!adapter) {
    await browser.close();
    return fail('Chromium offers no WebGPU adapter');
  }
  return { browser, adapter };
}
