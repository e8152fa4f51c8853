// Synthetic but realistic-looking inputs for the example figures (no physics claims: shapes only).

import type { ExclusionMapInput } from '../../src/plot/exclusionMap.js';
import type { AlphaRMapInput } from '../../src/plot/alphaRMap.js';
import type { CurvesInput } from '../../src/plot/curves.js';

export function logspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 10 ** (Math.log10(lo) + ((Math.log10(hi) - Math.log10(lo)) * i) / (n - 1));
  return out;
}

export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

export function maskFrom(x: ArrayLike<number>, y: ArrayLike<number>, f: (x: number, y: number) => boolean): Uint8Array {
  const m = new Uint8Array(x.length * y.length);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < y.length; j++) m[i * y.length + j] = f(x[i], y[j]) ? 1 : 0;
  return m;
}

const M_MU = 0.1056583755;

/** One-loop vector contribution to a_mu, g^2/(4 pi^2) * int_0^1 x^2 (1-x) / (x^2 + (1-x) r^2), r = m_X/m_mu. */
function deltaAmu(g: number, m: number): number {
  const r2 = (m / M_MU) ** 2;
  const n = 200;
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const x = k / n;
    const w = k === 0 || k === n ? 1 : k % 2 === 1 ? 4 : 2;
    const den = x * x + (1 - x) * r2;
    s += w * (den > 0 ? (x * x * (1 - x)) / den : 0);
  }
  return ((g * g) / (4 * Math.PI * Math.PI)) * (s / (3 * n));
}

export function demoExclusionInput(): ExclusionMapInput {
  const x = logspace(1e-3, 10, 140);
  const y = logspace(1e-6, 1, 140);
  const m = (f: (m: number, g: number) => boolean): Uint8Array => maskFrom(x, y, f);
  return {
    title: 'L_μ − L_τ',
    subtitle: 'ε = 0 at the high scale (loop-induced mixing only)',
    x: { values: x, label: 'm_X [GeV]' },
    y: { values: y, label: 'g_X' },
    regions: [
      { id: 'ccfr', label: 'CCFR trident', mask: m((mm, g) => g > 1.1e-3 * Math.sqrt(1 + (mm / 0.35) ** 2)) },
      { id: 'borexino', label: 'Borexino ⁷Be', mask: m((mm, g) => g > 4e-5 * Math.sqrt(1 + (mm / 0.018) ** 2)) },
      { id: 'coherent', label: 'COHERENT CsI (rate only)', mask: m((mm, g) => g > 2.5e-4 * Math.sqrt(1 + (mm / 0.06) ** 2)) },
      { id: 'babar_4mu', label: 'BaBar 4μ', mask: m((mm, g) => mm > 0.212 && g > 7e-4 * (1 + 0.3 * Math.log10(mm / 0.212))) },
      { id: 'nsi_osc', label: 'NSI (oscillations)', mask: m((mm, g) => g > 2e-4 * (mm / 0.01) ** 1 && g > 1.5e-5) },
      { id: 'bbn', label: 'BBN ΔN_{eff}', mask: m((mm, g) => mm < 5.3e-3 && g > 3e-8) },
      {
        id: 'beam_dump',
        label: 'NA64μ (two-sided)',
        mask: m((mm, g) => mm < 0.15 && g > 4e-6 * (1 + (mm / 0.02) ** 2) && g < 2e-4 / (1 + mm / 0.05)),
      },
    ],
    preferred: {
      id: 'amu',
      label: '(g−2)_μ ±2σ: Δa_μ = (251 ± 59)×10⁻¹¹ (BNL+FNAL 2021 vs WP20, 1-D)',
      inside: m((mm, g) => Math.abs(deltaAmu(g, mm) - 251e-11) < 2 * 59e-11),
      central: m((mm, g) => deltaAmu(g, mm) >= 251e-11),
    },
    footer: [
      'Regions: each constraint separately excluded at 2σ (|Δχ²| > 4, 1 dof); (g−2)μ band: 1-D Δaμ ± 2σ, dashed line = central value.',
      'Data: CCFR 1991; Borexino Phase-II 2018; COHERENT CsI 2017; BaBar 2016; NSI global fit 2019; DarkCast limits 2021.',
      'Computed with float32 GPU kernels + float64 CPU reference (boundary cells re-verified: 0 disagreements).',
      'Warning — COHERENT: rate-only fallback (the 144-bin likelihood inputs were not found).',
    ],
  };
}

export function demoAlphaRInput(): AlphaRMapInput {
  const alpha = linspace(-90, 90, 181);
  const lin = Array.from(linspace(0, 1, 41));
  const log = Array.from(logspace(1, 1000, 61)).slice(1);
  const R = Float64Array.from([...lin, ...log]);
  const a0 = (Math.atan(-2 / 3) * 180) / Math.PI;
  const excluded = maskFrom(alpha, R, (a, r) => {
    const nearSpecial = Math.abs(a - a0) < 3 + 2.5 * Math.min(r, 3);
    const nearLmuLtau = r > 4 + 40 * Math.abs(Math.sin(((a - a0) * Math.PI) / 180)) ** 1.2;
    return !(nearSpecial || nearLmuLtau);
  });
  const deg = (y: number, x: number): number => (Math.atan2(y, x) * 180) / Math.PI;
  const family = [0, 1, 2, 3, 5, 8].map((N) => ({
    alpha: deg(-6, 9),
    R: (3 + N) / Math.hypot(6, 9),
    label: N === 0 ? '3B−6L_e−3L_τ' : `N = ${N}`,
    viable: N <= 3,
  }));
  return {
    title: 'Vector U(1)_X models at m_X = 200 MeV',
    subtitle: 'x_f ∝ sin α (L_e − L_μ) + cos α (B/3 − L_μ) + R (L_μ − L_τ)',
    alpha,
    R,
    excluded,
    points: [
      ...family,
      { alpha: deg(-3, 3), R: 0, label: 'B−3L_e', viable: false },
      { alpha: 0, R: 0, label: 'B−3L_μ', viable: false },
      { alpha: 0, R: 1, label: 'B−3L_τ', viable: false },
      { alpha: deg(-7, 9), R: 4 / Math.hypot(7, 9), label: '3B−7L_e−2L_τ+2(L_μ−L_τ)', viable: true },
      { alpha: 45, R: Infinity, label: 'L_μ−L_τ', viable: true },
      { alpha: 60, R: 30, label: 'L_e−L_μ+…', viable: false },
    ],
    lines: [
      { alpha: a0, label: 'tan α = −2/3' },
      { alpha: deg(-7, 9), label: 'tan α = −7/9' },
    ],
    footer: [
      'Shaded: no viable explanation, min over (gX, ε) of Δχ² ≥ 4 at mX = 200 MeV (aμ + Borexino + NSI + resonances; COHERENT added for catalog points only).',
      'Markers: catalog models (● viable, ✕ excluded, ▲ at the top edge: R beyond the plotted range, e.g. Lμ − Lτ at R = ∞).',
      'Computed with float32 GPU kernels + float64 CPU reference.',
    ],
  };
}

export function demoCurvesInput(): CurvesInput {
  const m = Array.from(logspace(1, 300, 90));
  const global = m.map((x) => 0.1 + 17 * (1 - Math.exp(-(((x - 1) / 9.5) ** 1.3))));
  const noMix = m.map((x) => 17.2 + 0.6 * Math.exp(-x / 5) - 0.1 * Math.log10(x));
  const darkPhoton = m.map((x) => 0.9 + 17 * (1 - Math.exp(-((x / 6.5) ** 1.6))));
  return {
    title: 'Generic mass bound: any renormalisable U(1)_X',
    subtitle: 'min χ²(a, b, ε_Y) of (g−2)_μ + CCFR + T',
    x: { label: 'm_X [GeV]', log: true },
    y: { label: 'min χ²' },
    curves: [
      { id: 'global', label: 'global (a, b, ε_Y free)', x: m, y: global },
      { id: 'no_mixing', label: 'no mixing (ε_Y = 0)', x: m, y: noMix },
      { id: 'dark_photon', label: 'dark photon only (a = b = 0)', x: m, y: darkPhoton },
    ],
    threshold: { y: 4, label: 'χ² = 4 (2σ)' },
    crossing: { curveId: 'global', label: 'm_X ≈ {x} GeV' },
    footer: ['SM: χ² = 18.57 (aμ 18.10 + CCFR 0.413 + T 0.0625). Computed in float64 on the CPU.'],
  };
}
