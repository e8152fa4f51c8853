import { describe, expect, it } from 'vitest';
import { renderAlphaRMap } from '../../src/plot/alphaRMap.js';
import { findCrossings, renderCurves } from '../../src/plot/curves.js';
import { type ExclusionMapInput, renderExclusionMap } from '../../src/plot/exclusionMap.js';
import { demoAlphaRInput, demoCurvesInput, demoExclusionInput, logspace, maskFrom } from './demoData.js';
import { assertWellFormedXml, count } from './xml.js';

function cloneExclusion(input: ExclusionMapInput): ExclusionMapInput {
  return structuredClone(input);
}

describe('renderExclusionMap', () => {
  const input = demoExclusionInput();
  const svg = renderExclusionMap(input);

  it('is well-formed SVG with one fill and one edge per region', () => {
    const { elements } = assertWellFormedXml(svg);
    expect(elements).toBeGreaterThan(50);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(count(svg, 'class="region-fill"')).toBe(input.regions.length);
    expect(count(svg, 'class="region-edge"')).toBe(input.regions.length);
    expect(count(svg, 'class="preferred-central"')).toBe(1);
  });

  it('has one legend entry per constraint, in input order, then the preferred band', () => {
    const ids = [...svg.matchAll(/class="legend-entry" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([...input.regions.map((r) => r.id), 'amu']);
    expect(svg).toContain('CCFR trident');
    expect(svg).toContain('(BNL+FNAL 2021 vs WP20, 1-D)');
  });

  it('draws log axes with decade labels and carries the title and footer', () => {
    for (const label of ['10⁻³', '10⁻²', '10⁰', '10¹', '10⁻⁶']) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain('font-family="DejaVu Sans"');
    for (const line of input.footer) expect(svg).toContain(line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(svg).toContain('COHERENT: rate-only fallback');
  });

  it('is deterministic: same input, identical bytes (also from copied arrays)', () => {
    expect(renderExclusionMap(input)).toBe(svg);
    expect(renderExclusionMap(cloneExclusion(input))).toBe(svg);
  });

  it('escapes labels and stays well-formed', () => {
    const nasty = { ...input, title: 'A <b> & "c"', regions: [{ ...input.regions[0], label: 'x < y & z' }] };
    const out = renderExclusionMap(nasty);
    assertWellFormedXml(out);
    expect(out).toContain('x &lt; y &amp; z');
  });

  it('inline labels: regions that fit are labelled on the plot, the rest stay in the legend', () => {
    const x = logspace(1e-3, 10, 60);
    const y = logspace(1e-6, 1, 60);
    const out = renderExclusionMap({
      title: 't',
      x: { values: x, label: 'm_X [GeV]' },
      y: { values: y, label: 'g_X' },
      regions: [
        { id: 'big', label: 'Big', mask: maskFrom(x, y, (_m, g) => g > 1e-3) },
        {
          id: 'tiny',
          label: 'A very long label that cannot fit',
          mask: maskFrom(x, y, (m, g) => m > 0.9 && m < 1.2 && g > 1e-5 && g < 1.3e-5),
        },
      ],
      footer: [],
      regionLabels: 'inline',
    });
    assertWellFormedXml(out);
    const ids = [...out.matchAll(/class="legend-entry" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['tiny']);
    expect(out).toContain('class="region-label"');
  });

  it('rejects masks of the wrong size and duplicate ids', () => {
    const bad = { ...input, regions: [{ id: 'a', label: 'a', mask: new Uint8Array(3) }] };
    expect(() => renderExclusionMap(bad)).toThrow(/mask "a" has 3 entries/);
    const dup = { ...input, regions: [input.regions[0], input.regions[0]] };
    expect(() => renderExclusionMap(dup)).toThrow(/duplicate region id/);
  });

  it('accepts an explicit central line', () => {
    const pref = input.preferred!;
    const out = renderExclusionMap({ ...input, preferred: { ...pref, central: { x: [1e-3, 10], y: [5e-4, 5e-2] } } });
    assertWellFormedXml(out);
    expect(count(out, 'class="preferred-central"')).toBe(1);
  });
});

describe('renderAlphaRMap', () => {
  const input = demoAlphaRInput();
  const svg = renderAlphaRMap(input);

  it('is well-formed, with the excluded region, the axis break and the annotated lines', () => {
    assertWellFormedXml(svg);
    expect(count(svg, 'class="excluded-fill"')).toBe(1);
    expect(count(svg, 'class="axis-break"')).toBe(1);
    expect(count(svg, 'class="alpha-line"')).toBe(2);
    expect(svg).toContain('tan α = −2/3');
    for (const label of ['−90', '−30', '90', '0.4', '10³']) expect(svg).toContain(`>${label}<`);
  });

  it('draws every point, R = ∞ as a triangle on the top edge, and keeps every label', () => {
    const markers = svg.slice(svg.indexOf('class="points"'), svg.indexOf('class="point-labels"'));
    expect(count(markers, '<circle')).toBe(input.points.filter((p) => p.viable && Number.isFinite(p.R) && p.R <= 1000).length);
    expect(count(markers, 'stroke-linecap="round"')).toBe(input.points.filter((p) => !p.viable && p.R <= 1000).length);
    expect(count(markers, '<path d="M')).toBeGreaterThanOrEqual(1);
    const labelled = input.points.filter((p) => p.label).length;
    // Each label is drawn twice: white halo, then text.
    const labelsStart = svg.indexOf('class="point-labels"');
    expect(count(svg.slice(labelsStart, svg.indexOf('</g>', labelsStart)), '<text')).toBe(2 * labelled);
    expect(svg).toContain('data-id="beyond-range"');
  });

  it('is deterministic', () => {
    expect(renderAlphaRMap(demoAlphaRInput())).toBe(svg);
  });
});

describe('renderCurves', () => {
  it('finds threshold crossings by interpolation (linear and log x)', () => {
    expect(findCrossings([0, 1, 2, 3], [0, 2, 6, 2], 4)).toEqual([1.5, 2.5]);
    const [c] = findCrossings([1, 100], [0, 8], 4, true);
    expect(c).toBeCloseTo(10, 12);
    expect(findCrossings([1, 2], [5, 6], 4)).toEqual([]);
  });

  it('renders curves, the threshold and the marked crossing', () => {
    const input = demoCurvesInput();
    const svg = renderCurves(input);
    assertWellFormedXml(svg);
    expect(count(svg, 'class="curve"')).toBe(3);
    expect(count(svg, 'class="threshold"')).toBe(1);
    expect(count(svg, 'class="crossing"')).toBe(1);
    expect(svg).toMatch(/<tspan>m<\/tspan><tspan[^>]*>X<\/tspan><tspan[^>]*> ≈ \d\.\d GeV<\/tspan>/);
    const ids = [...svg.matchAll(/class="legend-entry" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['global', 'no_mixing', 'dark_photon']);
    expect(renderCurves(input)).toBe(svg);
  });

  it('breaks a curve at non-finite points', () => {
    const svg = renderCurves({
      title: 't',
      x: { label: 'x' },
      y: { label: 'y' },
      curves: [{ id: 'c', label: 'c', x: [0, 1, 2, 3, 4], y: [0, 1, NaN, 3, 4] }],
      footer: [],
    });
    const d = /class="curve" data-id="c" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(count(d, 'M')).toBe(2);
  });
});
