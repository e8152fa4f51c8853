// What the explore server and its page exchange, as JSON: the shapes both sides read, and the base64
// codec for typed arrays. Node-free: the page bundle imports this module too.

/** One constraint of a map as the page draws it (scan/products/cells.ts ConstraintInfo, serialisable). */
export interface WireConstraint {
  id: string;
  title: string;
  /** Mask bit, or -1 when the kernel has none (it never excludes). */
  bit: number;
  /** (g-2)_mu: inside its band is the preferred region, never an exclusion. */
  preferred: boolean;
  /** A preferred-role constraint whose 2 sigma band includes zero: drawn as an exclusion (upper limit). */
  upperLimit: boolean;
}

/** The mixing of a view: a fixed eps or k (the slider moves it) or the radiative k_rad(q^2). */
export interface WireMixing {
  axis: 'eps' | 'k' | 'radiative';
  /** The eps or k value (0 for radiative). */
  value: number;
  convention: 'photon' | 'hypercharge';
}

/** A compiled map kernel with its float64 tables: everything the page needs to run it on its GPU. */
export interface WireKernel {
  /** The view's scan spec as the server validated it (what `u1x scan` reads back). */
  spec: Record<string, unknown>;
  model: { id: string; name: string };
  mixing: WireMixing;
  /** Map axes in cell order: cell = ix * gx.length + iy. */
  mx: number[];
  gx: number[];
  constraints: WireConstraint[];
  /** Skipped constraints and why (e.g. no DarkCast data). */
  skipped: { id: string; reason: string }[];
  wgsl: string;
  /** Words per cell. */
  stride: number;
  slots: { chi2: number; argmin: number | null; maskWords: number[]; nonfiniteWords: number[] };
  /** Constraint id of each mask bit. */
  bits: string[];
  /** Offset of the mixing value inside the axes buffer (the slider rewrites it). */
  mixOffset: number;
  /** float64 buffers, base64 (little endian). */
  buffers: { tables: string; models: string; axes: string };
  /** Milliseconds the server spent building tables and compiling. */
  buildMs: number;
}

/** Per-cell results of a map, from the page's GPU or from the server (the fallback). */
export interface WireMapResult {
  /** Total chi2 per cell, float64 base64. */
  chi2: string;
  /** Mask words per cell (maskWords of them), uint32 base64. */
  masks: string;
  /** Who computed it, e.g. 'server cpu: ...'. */
  backend: string;
  ms: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Bytes -> base64 (RFC 4648), without Node's Buffer or the browser's btoa (binary strings). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    parts.push(B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (left > 1 ? B64[(n >> 6) & 63] : '=') + (left > 2 ? B64[n & 63] : '='));
  }
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('base64: length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j];
      const v = c === '=' ? 0 : B64_INDEX.get(c);
      if (v === undefined) throw new Error(`base64: bad character '${c}'`);
      n = (n << 6) | v;
    }
    for (const b of [(n >> 16) & 255, (n >> 8) & 255, n & 255]) if (o < out.length) out[o++] = b;
  }
  return out;
}

export const encodeF64 = (a: Float64Array) => bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
export const encodeU32 = (a: Uint32Array) => bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
export const decodeF64 = (s: string) => new Float64Array(base64ToBytes(s).slice().buffer);
export const decodeU32 = (s: string) => new Uint32Array(base64ToBytes(s).slice().buffer);
