// Advance widths of DejaVu Sans and DejaVu Sans Bold in thousandths of an em, for laying out legends,
// labels and wrapped captions before any font is loaded (SVG building must not touch the disk).
// Generated once from the Debian fonts-dejavu-core TTFs (hmtx advance / unitsPerEm).

const CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺₀₁₂₃₄₅₆₇₈₉₋ₓαβγδεζηθικλμνξπρστυφχψωΔΣΩΛΓΦΨ±−×·…≈≤≥≠→←↑↓°√∞′″–—≃∝µ';
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337,
  337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
  684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635,
  635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 528, 528, 401,
  401, 401, 401, 401, 401, 401, 401, 401, 401, 528, 444, 659, 638, 592, 612, 541, 544, 634, 612, 338, 589, 592, 636, 559, 558, 602, 635,
  634, 602, 579, 660, 578, 660, 837, 684, 632, 764, 684, 557, 787, 787, 838, 838, 838, 318, 1000, 838, 838, 838, 838, 838, 838, 838, 838,
  500, 637, 833, 227, 374, 500, 1000, 838, 714, 636,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400,
  400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
  774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716,
  716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 438, 438, 438, 438, 438, 438, 438, 438, 438, 438, 528, 528, 438,
  438, 438, 438, 438, 438, 438, 438, 438, 438, 528, 413, 687, 716, 681, 687, 557, 591, 712, 687, 390, 710, 633, 736, 681, 591, 791, 716,
  779, 638, 675, 782, 645, 794, 869, 774, 683, 850, 774, 637, 850, 850, 838, 838, 838, 380, 1000, 838, 838, 838, 838, 838, 838, 838, 838,
  500, 667, 833, 264, 447, 500, 1000, 838, 712, 736,
];

const REGULAR_MAP = new Map<string, number>();
const BOLD_MAP = new Map<string, number>();
{
  let i = 0;
  for (const ch of CHARS) {
    REGULAR_MAP.set(ch, REGULAR[i]);
    BOLD_MAP.set(ch, BOLD[i]);
    i++;
  }
}

/** Glyphs outside the table (rare symbols) count as a wide-ish 0.7 em so layouts err on the roomy side. */
const FALLBACK_EM = 0.7;

/** Width in px of `text` set in DejaVu Sans (or Bold) at `fontSize` px; no kerning, as in resvg's default. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const map = bold ? BOLD_MAP : REGULAR_MAP;
  let units = 0;
  for (const ch of text) {
    // A no-break space (used to keep "Δχ² ≥ 4" on one legend line) is as wide as a space.
    const w = map.get(ch === '\u00A0' ? ' ' : ch);
    units += w === undefined ? FALLBACK_EM * 1000 : w;
  }
  return (units / 1000) * fontSize;
}
