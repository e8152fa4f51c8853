// The hand-written WGSL driver the generated code is spliced into. It lives here as text (not as a .wgsl
// file read from disk) so that the kernel compiler imports nothing from Node and runs in a browser as is.

const DRIVER_TEMPLATE = `// u1x kernel driver. The generated body evaluates one cell (grid mode: a (model, m_X, g_X) cell with
// the eps profile loop inside, or one full grid point) or one point of a point list, and stores
// STRIDE words per cell. Floats are stored as their bit patterns.
//
// tables: every constraint's per-mass and static tables (float32 copies of the float64 CPU tables)
// models: per-model records (coupling charges, per-model parameters, applicability flags)
// axes:   grid mode: m_X, mass positions, g_X, eps values; points mode: 5 floats per point
//{{HEADER}}

struct Params {
  base: u32,      // first cell of this dispatch
  count: u32,     // cells in this dispatch
  row: u32,       // invocations per row of the 2-D dispatch
  pad: u32,
}

@group(0) @binding(0) var<storage, read> tables: array<f32>;
@group(0) @binding(1) var<storage, read> models: array<f32>;
@group(0) @binding(2) var<storage, read> axes: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;
@group(0) @binding(4) var<uniform> params: Params;

// NaN or +-Inf: all exponent bits set (IEEE 754 binary32). A bit test, because comparisons such as
// x != x may be folded away by compilers that assume no NaNs (fast math).
fn u1x_nonfinite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let local = gid.x + gid.y * params.row;
  if (local >= params.count) {
    return;
  }
  let cell = params.base + local;
//{{BODY}}
  let o = local * {{STRIDE}}u;
//{{STORES}}
}
`;

export function driverWgsl(parts: { header: string; body: string; stores: string; stride: number }): string {
  return DRIVER_TEMPLATE.replace('//{{HEADER}}', parts.header)
    .replace('//{{BODY}}', parts.body)
    .replace('//{{STORES}}', parts.stores)
    .replace('{{STRIDE}}', String(parts.stride));
}

/** Workgroup size of the driver's entry point (must match @workgroup_size in DRIVER_TEMPLATE). */
export const WORKGROUP_SIZE = 64;
