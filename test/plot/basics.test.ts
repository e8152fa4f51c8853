import { describe, expect, it } from 'vitest';
import { formatNumber, linearScale, linLogScale, logScale, powerOfTenLabel } from '../../src/plot/scales.js';
import { el, esc, num } from '../../src/plot/svg.js';
import { parseRich, plainText, richWidth, textElement, wrapText } from '../../src/plot/text.js';
import { textWidth } from '../../src/plot/textWidth.js';
import { darken, seriesStyle } from '../../src/plot/palette.js';

describe('svg builder', () => {
  it('prints numbers deterministically', () => {
    expect(num(1.5)).toBe('1.5');
    expect(num(2)).toBe('2');
    expect(num(-0.001)).toBe('0');
    expect(num(-0)).toBe('0');
    expect(num(3.14159, 3)).toBe('3.142');
    expect(() => num(NaN)).toThrow(/non-finite/);
  });
  it('escapes text and attributes', () => {
    expect(esc(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(el('rect', { x: 1, y: undefined, fill: 'a"b' })).toBe('<rect x="1" fill="a&quot;b"/>');
  });
});

describe('scales', () => {
  it('labels decades with unicode superscripts', () => {
    expect(powerOfTenLabel(-3)).toBe('10⁻³');
    expect(powerOfTenLabel(12)).toBe('10¹²');
    const t = logScale([1e-3, 10]).ticks();
    expect(t.major.map((m) => m.label)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹']);
    expect(t.minor).toHaveLength(4 * 8);
  });
  it('labels every n-th decade on long axes and uses 1-2-5 on short ones', () => {
    const long = logScale([1e-12, 1]).ticks();
    expect(long.major.map((m) => m.label)).toEqual(['10⁻¹²', '10⁻¹⁰', '10⁻⁸', '10⁻⁶', '10⁻⁴', '10⁻²', '10⁰']);
    const short = logScale([2, 30]).ticks();
    expect(short.major.map((m) => m.label)).toEqual(['2', '5', '10', '20']);
  });
  it('linear ticks use a typographic minus', () => {
    const t = linearScale([-90, 90], { step: 30 }).ticks();
    expect(t.major.map((m) => m.label)).toEqual(['−90', '−60', '−30', '0', '30', '60', '90']);
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
  });
  it('the lin-log axis is continuous at the break and invertible', () => {
    const s = linLogScale([0, 1000], { breakAt: 1, linearFraction: 0.4 });
    expect(s.fraction(0)).toBe(0);
    expect(s.fraction(1)).toBeCloseTo(0.4, 12);
    expect(s.fraction(1 + 1e-12)).toBeCloseTo(0.4, 9);
    expect(s.fraction(1000)).toBeCloseTo(1, 12);
    for (const v of [0.25, 0.9, 3, 70]) expect(s.value(s.fraction(v))).toBeCloseTo(v, 9);
    const labels = s.ticks().major.map((m) => m.label);
    expect(labels).toContain('1');
    expect(labels).toContain('10³');
    expect(labels).not.toContain('10⁰');
  });
});

describe('text', () => {
  it('parses sub/superscript markup', () => {
    expect(parseRich('m_X [GeV]')).toEqual([
      { text: 'm', shift: 'base' },
      { text: 'X', shift: 'sub' },
      { text: ' [GeV]', shift: 'base' },
    ]);
    expect(plainText('(g−2)_{μ} and χ^2, a\\_b')).toBe('(g−2)μ and χ2, a_b');
  });
  it('measures with DejaVu metrics', () => {
    expect(textWidth('M', 10)).toBeCloseTo(8.63, 2);
    expect(textWidth('M', 10, true)).toBeGreaterThan(textWidth('M', 10));
    expect(richWidth('m_X', 10)).toBeLessThan(textWidth('mX', 10));
  });
  it('writes tspans for scripts and escapes content', () => {
    const svg = textElement(0, 0, 'g_X <&>', { size: 12 });
    expect(svg).toContain('<tspan');
    expect(svg).toContain('&lt;&amp;&gt;');
    expect(textElement(0, 0, 'file_name', { size: 12, rich: false })).toContain('>file_name<');
  });
  it('wraps captions to a width without losing words', () => {
    const text = 'one two three four five six seven eight nine ten';
    const lines = wrapText(text, textWidth('one two three', 10) + 1, 10);
    expect(lines.join(' ')).toBe(text);
    expect(lines.length).toBeGreaterThan(2);
  });
});

describe('palette', () => {
  it('is deterministic and varies dashes after a full cycle', () => {
    expect(seriesStyle(0)).toEqual(seriesStyle(0));
    expect(seriesStyle(12).color).toBe(seriesStyle(0).color);
    expect(seriesStyle(12).dash).not.toBe(seriesStyle(0).dash);
    expect(darken('#FFFFFF', 0.5)).toBe('#808080');
  });
});
