// The `u1x explore` server: 127.0.0.1 only, a random token on every request, a fixed table of routes.
// GET  /               the page (its bundle and styles are read once at start, from the package)
// GET  /explore.js     the page bundle
// GET  /api/options    benchmarks, datasets, constraints, the vector catalog on the (alpha, R) plane
// POST /api/model      resolve one model (name, id, expression) with the anomaly check
// POST /api/kernel     a view (scan spec) -> the compiled map kernel and its float64 tables
// POST /api/map        the same view computed here (the page has no WebGPU)
// POST /api/point      every constraint at one point of a view (the `u1x point --json` object)

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { cpuBackend } from '../backends/cpu.js';
import type { SelectedBackend } from '../backends/select.js';
import { allConstraintDefs } from '../constraints/activate.js';
import { DATASET_FAMILIES } from '../constraints/datasets.js';
import { alphaR, BENCHMARKS, catalogModels, resolveModels } from '../models/index.js';
import { checkGx, checkMx } from '../physics/inputRanges.js';
import { evaluatePointReport } from '../scan/pointReport.js';
import { UserError } from '../util/errors.js';
import { buildMapKernel, wireKernel, wireMapResult, type MapKernel } from './mapKernel.js';
import { checkRequest, newToken, parseTarget, type Refusal } from './security.js';
import { parseView, planView, type ViewContext } from './view.js';

/** Largest request body: a view spec is well under 4 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface ExploreOptions extends ViewContext {
  /** 0: any free port. */
  port: number;
  /** Paths of the built page assets (dist/explore/). */
  assets: { html: string; js: string };
  /** The backend the server computes with when the page has no WebGPU (chosen once, lazily). */
  serverBackend: () => Promise<SelectedBackend>;
  /** Fixed token (tests); default: a fresh random one. */
  token?: string;
}

export interface ExploreServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, `request body above ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `request body above ${MAX_BODY_BYTES} bytes`));
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'requests carry application/json');
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

const modelRequest = z.strictObject({ models: z.string().max(200) });
const pointRequest = z.strictObject({ view: z.record(z.string(), z.unknown()), mx: z.number(), gx: z.number() });

function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserError(`${what}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
  }
  return r.data;
}

/** The page's menus: what may be chosen, from the same registries the CLI reads. */
function pageOptions(dataDirs: ExploreOptions['dataDirs']) {
  const defs = allConstraintDefs();
  return {
    benchmarks: BENCHMARKS.map((b) => ({ key: b.key, description: b.description })),
    datasets: DATASET_FAMILIES.map((f) => ({ key: f.key, title: f.title, default: f.default, ids: Object.keys(f.entries) })),
    // Today's constraints as the CLI's default set has them: not the information-only inputs, not the
    // projections (scans draw those, with projections:), not limits whose files the DarkCast directory lacks.
    constraints: defs
      .filter((d) => d.role !== 'info' && d.role !== 'projection' && (d.inDefaultSet?.(dataDirs) ?? true))
      .map((d) => ({ id: d.id, title: d.title })),
    // The family the (g-2)_mu band reads: the dataset of the preferred-role constraint.
    bandDataset: defs.find((d) => d.role === 'preferred' && d.dataset)?.dataset?.key ?? null,
    catalog: catalogModels({ maxCharge: 10, category: 'vector' }).flatMap((m) => {
      const ar = m.c ? alphaR(m.c) : null;
      return ar && Number.isFinite(ar.alphaDeg) && Number.isFinite(ar.R) ? [{ id: m.id, name: m.name, alpha: ar.alphaDeg, R: ar.R }] : [];
    }),
  };
}

export async function startExploreServer(o: ExploreOptions): Promise<ExploreServer> {
  const token = o.token ?? newToken();
  // Everything served is read here, once; request paths only select among these.
  const js = readFileSync(o.assets.js);
  let html = '';
  const htmlTemplate = readFileSync(o.assets.html, 'utf8');
  let options: ReturnType<typeof pageOptions> | null = null;
  let port = 0;
  const kernels = new Map<string, MapKernel>();
  const kernelOf = (body: unknown): MapKernel => {
    const spec = parseView(body);
    const key = JSON.stringify(spec);
    let mk = kernels.get(key);
    if (!mk) {
      mk = buildMapKernel(planView(spec, o));
      // A few recent views: the page asks for a kernel and, without WebGPU, for its map right after.
      if (kernels.size >= 4) kernels.delete(kernels.keys().next().value!);
      kernels.set(key, mk);
    }
    return mk;
  };
  let backend: Promise<SelectedBackend> | null = null;

  const routes: Record<string, { method: 'GET' | 'POST'; handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> }> = {
    '/': { method: 'GET', handle: async (_q, res) => send(res, 200, 'text/html; charset=utf-8', html) },
    '/explore.js': { method: 'GET', handle: async (_q, res) => send(res, 200, 'text/javascript; charset=utf-8', js) },
    '/api/options': { method: 'GET', handle: async (_q, res) => sendJson(res, 200, (options ??= pageOptions(o.dataDirs))) },
    '/api/model': {
      method: 'POST',
      handle: async (req, res) => {
        const { models } = parseWith(modelRequest, await jsonBody(req), 'model');
        const spec = parseView({ models, mx: { min: 0.01, max: 1, n: 2 }, gx: { min: 1e-4, max: 1e-2, n: 2 } });
        const found = resolveModels(spec.models as string, {});
        if (found.length !== 1) throw new UserError(`'${models}' selects ${found.length} models, a view shows one`);
        const m = found[0];
        const ar = m.c ? alphaR(m.c) : null;
        sendJson(res, 200, { id: m.id, name: m.name, category: m.category, c: m.c ?? null, alpha: ar?.alphaDeg ?? null, R: ar?.R ?? null });
      },
    },
    '/api/kernel': { method: 'POST', handle: async (req, res) => sendJson(res, 200, wireKernel(kernelOf(await jsonBody(req)))) },
    '/api/map': {
      method: 'POST',
      handle: async (req, res) => {
        const mk = kernelOf(await jsonBody(req));
        const selected = await (backend ??= o.serverBackend());
        sendJson(res, 200, await wireMapResult(mk, selected.backend, `server ${selected.backend.name}: ${selected.backend.description}`));
      },
    },
    '/api/point': {
      method: 'POST',
      handle: async (req, res) => {
        const p = parseWith(pointRequest, await jsonBody(req), 'point');
        const view = parseView(p.view);
        checkMx('mx', p.mx);
        checkGx('gx', p.gx);
        const plan = planView(view, o);
        const report = await evaluatePointReport({
          model: view.models as string,
          mx: p.mx,
          gx: p.gx,
          mixing: {
            axis: plan.mix.kind,
            value: plan.mix.kind === 'radiative' ? 0 : plan.mix.values[0],
            convention: plan.mixing === 'hypercharge' ? 'hypercharge' : 'photon',
          },
          constraints: view.constraints === undefined || view.constraints === 'all' ? undefined : view.constraints,
          datasets: view.datasets,
          options: view.options,
          dataDirs: o.dataDirs,
          // One point: the float64 reference, as `u1x point` defaults to.
          backend: { backend: cpuBackend(), reason: 'cpu' },
        });
        sendJson(res, 200, report.json);
      },
    },
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      // Last resort: a response already started, or a socket gone. The server keeps running.
      if (!res.headersSent) sendJson(res, 500, { error: `internal error: ${(e as Error).message}` });
      else res.destroy();
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.url);
    if ('status' in target) return refuse(res, target);
    const refusal = checkRequest(req, { port, token, urlToken: target.token });
    if (refusal) return refuse(res, refusal);
    const route = routes[target.path];
    if (!route) return refuse(res, { status: 404, message: 'no such resource' });
    if (req.method !== route.method) return refuse(res, { status: 405, message: `${target.path} takes ${route.method}` });
    try {
      await route.handle(req, res);
    } catch (e) {
      if (e instanceof HttpError) return refuse(res, { status: e.status, message: e.message });
      if (e instanceof UserError || e instanceof RangeError) return refuse(res, { status: 400, message: (e as Error).message });
      throw e;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: never another interface.
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  html = htmlTemplate.replaceAll('{{TOKEN}}', token);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Own assets only: no CDN, no framing by other pages.
    'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function refuse(res: ServerResponse, r: Refusal): void {
  sendJson(res, r.status, { error: r.message });
}
