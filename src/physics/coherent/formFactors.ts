// Nuclear form factors of CsI, functions of the momentum transfer q in fm^-1 (SPEC §4.6.1, §4.6.4).
// The same form factor is used for protons and neutrons.

/** 3 j1(x)/x, with its series below x = 0.01 where sin x - x cos x cancels (SPEC §6.4). */
export function sphericalBesselRatio(x: number): number {
  if (Math.abs(x) < 1e-2) {
    const x2 = x * x;
    return 1 - x2 / 10 + (x2 * x2) / 280 - (x2 * x2 * x2) / 15120;
  }
  return (3 * (Math.sin(x) - x * Math.cos(x))) / (x * x * x);
}

/** Klein-Nystrand: hard sphere R_A = r0 A^(1/3) folded with a Yukawa of range a (SPEC §4.6.1, §4.6.4). */
export function kleinNystrand(qFm: number, A: number, r0Fm = 1.2, aFm = 0.7): number {
  const rA = r0Fm * Math.cbrt(A);
  return sphericalBesselRatio(qFm * rA) / (1 + aFm * aFm * qFm * qFm);
}

/** Helm: R0^2 = c^2 + (7/3) pi^2 a^2 - 5 s^2, c = 1.23 A^(1/3) - 0.60 fm, a = 0.52 fm, s = 0.9 fm (SPEC §4.6.4). */
export function helm(qFm: number, A: number): number {
  const c = 1.23 * Math.cbrt(A) - 0.6;
  const a = 0.52;
  const s = 0.9;
  const r0 = Math.sqrt(c * c + (7 / 3) * Math.PI * Math.PI * a * a - 5 * s * s);
  return sphericalBesselRatio(qFm * r0) * Math.exp(-(qFm * qFm * s * s) / 2);
}

export type FormFactorName = 'klein-nystrand' | 'helm';

export function formFactor(name: FormFactorName, qFm: number, A: number): number {
  return name === 'helm' ? helm(qFm, A) : kleinNystrand(qFm, A);
}
