// Locating the DejaVu Sans TTFs. Every plot names "DejaVu Sans"; PNG and PDF rendering load these
// exact files (never the system's font database), so a figure renders identically everywhere, and a
// missing font is an error rather than text quietly vanishing from a figure.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DejaVuFonts {
  regular: string;
  bold: string;
}

const REGULAR = 'DejaVuSans.ttf';
const BOLD = 'DejaVuSans-Bold.ttf';

/** Where distributions put DejaVu; Debian's fonts-dejavu-core (what CI installs) comes first. */
export const FONT_SEARCH_DIRS: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu', // Debian, Ubuntu (fonts-dejavu-core)
  '/usr/share/fonts/dejavu-sans-fonts', // Fedora
  '/usr/share/fonts/dejavu', // openSUSE, Alpine (font-dejavu)
  '/usr/share/fonts/TTF', // Arch (ttf-dejavu)
  '/usr/share/fonts/truetype',
  '/usr/local/share/fonts',
  '/usr/local/share/fonts/dejavu',
  '/opt/homebrew/share/fonts',
  join(homedir(), '.local/share/fonts'),
  join(homedir(), 'Library/Fonts'),
];

let cached: DejaVuFonts | undefined;

/**
 * The DejaVu Sans regular and bold TTFs. `U1X_FONT_DIR` overrides the search (and must then hold both
 * files). Throws with an actionable message when they are missing.
 */
export function findDejaVuFonts(env: NodeJS.ProcessEnv = process.env): DejaVuFonts {
  const override = env.U1X_FONT_DIR;
  if (override !== undefined && override !== '') {
    const fonts = { regular: join(override, REGULAR), bold: join(override, BOLD) };
    const missing = [fonts.regular, fonts.bold].filter((p) => !existsSync(p));
    if (missing.length > 0) {
      throw new Error(`U1X_FONT_DIR=${override} lacks ${missing.join(' and ')}; it must contain ${REGULAR} and ${BOLD}`);
    }
    return fonts;
  }
  if (cached && existsSync(cached.regular) && existsSync(cached.bold)) return cached;
  for (const dir of FONT_SEARCH_DIRS) {
    const fonts = { regular: join(dir, REGULAR), bold: join(dir, BOLD) };
    if (existsSync(fonts.regular) && existsSync(fonts.bold)) {
      cached = fonts;
      return fonts;
    }
  }
  throw new Error(
    `plot: DejaVu Sans fonts not found (${REGULAR} and ${BOLD}; looked in ${FONT_SEARCH_DIRS.join(', ')}). ` +
      'Install them (Debian/Ubuntu: apt-get install fonts-dejavu-core) or set U1X_FONT_DIR to a directory holding both files. ' +
      'PNG and PDF output need them: without them the text of the figure would be missing.',
  );
}
