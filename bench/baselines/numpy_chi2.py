#!/usr/bin/env python3
"""NumPy baseline for `u1x bench`: the global Delta chi^2 of SPEC section 5.1 written the way a
phenomenologist writes it with NumPy, profiled over the kinetic mixing eps.

    Delta chi^2 = amu + borexino + nsi_osc + coherent (full 144-bin likelihood, 3 nuisances minimised)
                  + 100 x [BaBar 2014 visible excludes] + 100 x [NA64 2019 invisible excludes]

The m_X-dependent integrals (g-2 loop functions, Borexino recoil moments, NSI a_M/b_M per model, COHERENT
per-bin signal coefficients and constants, DarkCast recast columns) are precomputed once, as one would with
scipy; here they come from u1x in `inputs.npz` + `inputs.json` (written by `u1x bench`), so that both
implementations start from identical tables. Everything per grid point is vectorised NumPy:

  * loops over models and m_X nodes (the tables are per mass), arrays over the (g_X, eps) plane;
  * COHERENT: 144 bins as the last array axis; the three normalisations are fitted by the same damped Newton
    iteration as the kernel (fraction-to-boundary step, rescaled start for large signals, stop when every
    step is below 1e-6 relative), vectorised over points with the still-iterating points compacted;
  * the profile over eps: min and argmin (first minimum) along the eps axis.

Usage: numpy_chi2.py --inputs DIR [--out DIR] [--repeat N]
Prints one JSON line: points, wall and CPU seconds per repetition, points/s, NumPy version. With --out, writes the
per-cell minimum (chi2_min.npy, float64) and its eps index (argmin_eps.npy, uint32) in u1x's cell order
(model, m_X, g_X).
"""

import argparse
import json
import os
import platform
import sys
import time

import numpy as np


def load_inputs(directory):
    with open(os.path.join(directory, "inputs.json")) as f:
        meta = json.load(f)
    with np.load(os.path.join(directory, "inputs.npz")) as z:
        arrays = {k: z[k] for k in z.files}
    return meta, arrays


class Grid:
    def __init__(self, meta, a):
        c = meta["constants"]
        self.mx, self.gx, self.eps = a["mx"], a["gx"], a["eps"]
        self.fields = {name: k for k, name in enumerate(meta["modelFields"])}
        self.charges = a["model_charges"]  # [model, field]
        self.e = c["eCharge"]
        self.sqrt2_gf = c["sqrt2GF"]
        self.cap = c["termCap"]
        self.meta, self.a = meta, a


def clamp(chi2, cap):
    return np.minimum(np.maximum(chi2, -cap), cap)


class Couplings:
    """Effective couplings y_f = g_X x_f + eps_hat e Q_f (photon kinetic mixing, SPEC section 2.3)."""

    Q = {"e": -1.0, "mu": -1.0, "tau": -1.0, "u": 2 / 3, "c": 2 / 3, "t": 2 / 3, "d": -1 / 3, "s": -1 / 3, "b": -1 / 3}

    def __init__(self, grid, model, gx, eps):
        self.g = grid
        self.q = grid.charges[model]
        self.gx = gx
        self.eps_hat = eps / np.sqrt(1.0 - eps * eps)
        self.k = self.eps_hat * grid.e / gx

    def charge(self, field):
        return self.q[self.g.fields[field]]

    def vector(self, f):
        return self.gx * self.charge(f + "V") + self.eps_hat * (self.g.e * self.Q[f])

    def axial(self, f):
        return self.gx * self.charge(f + "A")

    def neutrino(self, a):
        return self.gx * self.charge({"e": "nue", "mu": "numu", "tau": "nutau"}[a])


def amu_chi2(grid, im, c):
    m = grid.meta["amu"]
    f_v, f_a = grid.a["amu_loop"][im]
    delta = c.vector("mu") ** 2 * f_v + c.axial("mu") ** 2 * f_a
    return clamp(((delta - m["central"]) / m["sigma"]) ** 2, grid.cap)


def borexino_chi2(grid, im, mx, c):
    m = grid.meta["borexino"]
    col = {tuple(kn): j for j, kn in enumerate(m["columns"])}
    L = grid.a["borexino_moments"][im]
    l = lambda k, n: L[col[(k, n)]]
    left = (c.vector("e") + c.axial("e")) / mx
    right = (c.vector("e") - c.axial("e")) / mx
    r = 1.0
    for a in ("e", "mu", "tau"):
        nu = c.neutrino(a) / mx * (1.0 / (2.0 * grid.sqrt2_gf))
        A, B = nu * left, nu * right
        gl, gr = m["gL"][a], m["gR"]
        np_a = (A * (2 * gl * l(0, 1) - gr * l(2, 1)) + B * (2 * gr * l(1, 1) - gl * l(2, 1))
                + A * A * l(0, 2) + B * B * l(1, 2) - A * B * l(2, 2))
        r = r + m["P"][a] * np_a
    return clamp(((r - m["central"]) / m["sigma"]) ** 2, grid.cap)


def nsi_chi2(grid, model, mx, gx):
    a_m, b_m = grid.a["nsi_ab"][model]
    eps0 = (gx / mx) ** 2 / grid.sqrt2_gf
    return clamp(np.maximum(eps0 * (a_m * eps0 - 2.0 * b_m), 0.0), grid.cap)


def coherent_chi2(grid, im, c):
    """Full COHERENT CsI 2017 likelihood: Delta chi^2 = TS(model) - TS(SM), nuisances profiled."""
    m = grid.meta["coherent"]
    coef = grid.a["coherent_coef"][im]  # [bin, coefficient]
    bins = grid.a["coherent_bins"]  # [bin, (S_SM, B_n, B_ss, O, P_SM, P_SM - O)]
    s_sm, b_n, b_ss, obs, p_sm, resid = (bins[:, j] for j in range(6))
    n0 = np.array(m["n0"])
    inv = np.array(m["invSigma2"])
    lin = m["linCsE"]
    # Nuclear couplings c_{g,n} = y_nu^g (Z y_p + N y_n), g = e, mu; n = Cs, I.
    charges = [c.gx * nuc["Z"] * (c.k + (c.charge("pV") + c.charge("nV") * nuc["N"] / nuc["Z"])) for nuc in m["nuclei"]]
    cx = [y * q for y in (c.neutrino("e"), c.neutrino("mu")) for q in charges]
    # Signal change per bin: sum_j c_j (lin_j + quad_j c_j), shape [points, bins].
    dS = sum(x[:, None] * (coef[None, :, lin + 2 * j] + coef[None, :, lin + 2 * j + 1] * x[:, None]) for j, x in enumerate(cx))
    ratio = (m["smSignalTotal"] + dS.sum(axis=1)) / m["smSignalTotal"]
    sig = s_sm[None, :] + dS

    def bin_sums(n, idx, with_value):
        d0 = n - n0
        dSi, sigi = dS[idx], sig[idx]
        d = n[:, 0:1] * dSi + d0[:, 0:1] * s_sm + d0[:, 1:2] * b_n + d0[:, 2:3] * b_ss
        p = p_sm + d
        w = (resid + d) / p
        q = obs / (p * p)
        g = np.stack([(sigi * w).sum(1), (b_n * w).sum(1), (b_ss * w).sum(1)], axis=1) + inv * (1.0 - 1.0 / n)
        sq, bnq = sigi * q, b_n * q
        h = np.stack([(sigi * sq).sum(1), (b_n * sq).sum(1), (b_ss * sq).sum(1),
                      (b_n * bnq).sum(1), (b_ss * bnq).sum(1), (b_ss * b_ss * q).sum(1)], axis=1)
        h[:, [0, 3, 5]] += inv / (n * n)
        half = None
        if with_value:
            half = (d - obs * np.log1p(d / p_sm)).sum(1) + (inv * (d0 - np.log1p(d0 / n0))).sum(1)
        return g, h, half

    def newton_step(h, g):
        s = 1.0 / np.sqrt(h[:, [0, 3, 5]])
        ab, ag, bg = h[:, 1] * s[:, 0] * s[:, 1], h[:, 2] * s[:, 0] * s[:, 2], h[:, 4] * s[:, 1] * s[:, 2]
        ga, gb, gg = (g * s).T
        caa, cab, cag = 1 - bg * bg, ag * bg - ab, ab * bg - ag
        cbb, cbg, cgg = 1 - ag * ag, ab * ag - bg, 1 - ab * ab
        det = caa + ab * cab + ag * cag
        x = -(caa * ga + cab * gb + cag * gg) / det
        y = -(cab * ga + cbb * gb + cbg * gg) / det
        z = -(cag * ga + cbg * gb + cgg * gg) / det
        return np.stack([x, y, z], axis=1) * s

    npts = dS.shape[0]
    n = np.tile(n0, (npts, 1))
    active = np.arange(npts)
    for it in range(m["maxIterations"]):
        if active.size == 0:
            break
        na = n[active]
        g, h, _ = bin_sums(na, active, False)
        step = newton_step(h, g)
        # Largest t <= 1 keeping every normalisation above (1 - eta) of its value.
        with np.errstate(divide="ignore"):
            limit = np.where(step < 0, na * m["eta"] / -step, np.inf)
        t = np.minimum(1.0, limit.min(axis=1))
        step = step * t[:, None]
        small = np.all(np.abs(step) < na * m["tol"], axis=1)
        nxt = na + step
        jump = (ratio[active] > m["rescaleAbove"]) if it == 0 else np.zeros(active.size, bool)
        nxt[jump, 0] = n0[0] / ratio[active][jump]
        nxt[jump, 1:] = na[jump, 1:]
        n[active] = nxt
        active = active[~(small & ~jump)]
    _, _, half = bin_sums(n, np.arange(npts), True)
    return clamp(2.0 * half, grid.cap)


def resonance_penalty(grid, im, mx, c):
    """100 per DarkCast limit (BaBar 2014 visible, NA64 2019 invisible) that excludes the point."""
    m = grid.meta["resonance"]
    col = m["columns"]
    table = grid.a["resonance_scalars"][im]  # [member, column]
    consts = grid.a["resonance_consts"]  # [member, (dark/SM width, signal includes dark)]
    y = {f: c.vector(f[:-1]) if f.endswith("V") else c.axial(f[:-1]) for f in m["fermionFields"] if f[-1] in "VA"}
    for a in ("e", "mu", "tau"):
        y["nu" + a] = c.neutrino(a)
    traces = [0.5 * (y["uV"] - y["dV"]), 0.5 * (y["uV"] + y["dV"]), y["sV"] * np.sqrt(0.5)]
    meson = {"rhoRho": (0, 0), "omegaOmega": (1, 1), "phiPhi": (2, 2), "rhoOmega": (0, 1), "rhoPhi": (0, 2), "omegaPhi": (1, 2)}
    products = np.stack([y[name[:-1]] ** 2 if name.endswith("2") else traces[meson[name][0]] * traces[meson[name][1]]
                         for name in m["productNames"]])  # [product, points]
    nprod = len(m["productNames"])
    penalty = 0.0
    for j in range(len(m["members"])):
        row = table[j]
        rates = [row[col["rows"] + r * nprod: col["rows"] + (r + 1) * nprod] @ products for r in range(3)]
        production, width_sm, signal = rates
        dark, includes_dark = consts[j]
        width_total = width_sm * (dark + 1.0)
        width_signal = signal + width_sm * (includes_dark * dark)
        yield_prompt = production * width_signal / np.maximum(width_total, 1e-37)
        late = -np.expm1(-row[col["aSpan"]] * width_total) if row[col["t1Bounded"]] > 0.5 else 1.0
        eff = np.exp(-row[col["a0"]] * width_total) * late
        ratio = yield_prompt * eff / max(row[col["refYield"]], 1e-37)
        usable = (row[col["valid"]] > 0.999999) & (production > 0) & (width_sm > 0) & (signal >= 0)
        penalty = penalty + np.where(usable & (ratio >= 1.0), m["penalty"], 0.0)
    return penalty


def global_chi2(grid):
    """Per-cell min over eps of the global Delta chi^2 and its eps index, cells in (model, m_X, g_X) order."""
    n_models, n_mx, n_gx, n_eps = grid.charges.shape[0], grid.mx.size, grid.gx.size, grid.eps.size
    chi2_min = np.empty((n_models, n_mx, n_gx))
    argmin = np.empty((n_models, n_mx, n_gx), dtype=np.uint32)
    gx = np.repeat(grid.gx, n_eps)  # the (g_X, eps) plane, eps fastest
    eps = np.tile(grid.eps, n_gx)
    for model in range(n_models):
        for im in range(n_mx):
            mx = grid.mx[im]
            c = Couplings(grid, model, gx, eps)
            total = (amu_chi2(grid, im, c) + borexino_chi2(grid, im, mx, c) + nsi_chi2(grid, model, mx, gx)
                     + coherent_chi2(grid, im, c) + resonance_penalty(grid, im, mx, c))
            plane = total.reshape(n_gx, n_eps)
            argmin[model, im] = plane.argmin(axis=1)
            chi2_min[model, im] = plane.min(axis=1)
    return chi2_min, argmin


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--out")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    meta, arrays = load_inputs(args.inputs)
    grid = Grid(meta, arrays)
    load_s = time.perf_counter() - t0
    points = grid.charges.shape[0] * grid.mx.size * grid.gx.size * grid.eps.size
    seconds, cpu_seconds = [], []
    result = None
    for _ in range(max(1, args.repeat)):
        t, c = time.perf_counter(), time.process_time()
        result = global_chi2(grid)
        seconds.append(time.perf_counter() - t)
        cpu_seconds.append(time.process_time() - c)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        np.save(os.path.join(args.out, "chi2_min.npy"), result[0])
        np.save(os.path.join(args.out, "argmin_eps.npy"), result[1])
    best = min(seconds)
    print(json.dumps({
        "points": points, "seconds": seconds, "cpuSeconds": cpu_seconds, "loadSeconds": load_s, "pointsPerSecond": points / best,
        "numpy": np.__version__, "python": platform.python_version(),
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
    }))


if __name__ == "__main__":
    sys.exit(main())
