// The hand-written WGSL driver in kernels/driver.wgsl, with the generated code spliced in.

import { readFileSync } from 'node:fs';

let template: string | null = null;

function driverTemplate(): string {
  template ??= readFileSync(new URL('../../kernels/driver.wgsl', import.meta.url), 'utf8');
  return template;
}

export function driverWgsl(parts: { header: string; body: string; stores: string; stride: number }): string {
  return driverTemplate()
    .replace('//{{HEADER}}', parts.header)
    .replace('//{{BODY}}', parts.body)
    .replace('//{{STORES}}', parts.stores)
    .replace('{{STRIDE}}', String(parts.stride));
}

/** Workgroup size of the driver's entry point (must match kernels/driver.wgsl). */
export const WORKGROUP_SIZE = 64;
