import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '../../application/ports/logger.port';
import { API_ROUTES, ApiDeps } from './api-routes';
import { HttpError } from './http-error';
import { personalFieldsIn } from './personal-fields';
import { SECURITY_HEADERS } from './security-headers';
import { StaticAsset } from './static-assets';

export interface HttpAppDeps extends ApiDeps {
  readonly assets: ReadonlyMap<string, StaticAsset>;
  readonly logger: Logger;
}

const ALLOWED_METHODS = 'GET, HEAD';

/**
 * The read-only server: GET/HEAD only (405 otherwise), a fixed set of static files and JSON
 * API routes, security headers on every response, and a last check that no answer carries a
 * personal field.
 */
export function createHttpServer(deps: HttpAppDeps): Server {
  return createServer((req, res) => {
    handleRequest(deps, req, res).catch((error: unknown) => {
      deps.logger.error('http response failed', { error: (error as Error).message });
      if (!res.headersSent) send(res, req, 500, json({ error: 'internal error' }));
      else res.destroy();
    });
  });
}

async function handleRequest(
  deps: HttpAppDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    send(res, req, 405, json({ error: `method ${method} not allowed` }), {
      Allow: ALLOWED_METHODS,
    });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');

  const route = API_ROUTES[url.pathname];
  if (route) {
    await sendApi(deps, req, res, () => route(deps, url.searchParams));
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    send(res, req, 404, json({ error: `no such endpoint: ${url.pathname}` }));
    return;
  }
  const asset = deps.assets.get(url.pathname);
  if (asset) {
    sendAsset(req, res, asset);
    return;
  }
  send(res, req, 404, { body: Buffer.from('not found\n'), type: 'text/plain; charset=utf-8' });
}

async function sendApi(
  deps: HttpAppDeps,
  req: IncomingMessage,
  res: ServerResponse,
  answer: () => Promise<unknown>,
): Promise<void> {
  const started = process.hrtime.bigint();
  let status = 200;
  let body: unknown;
  try {
    body = await answer();
    const personal = personalFieldsIn(body);
    if (personal.size > 0) {
      deps.logger.error('api answer withheld: it carries personal fields', {
        path: req.url,
        fields: [...personal],
      });
      status = 500;
      body = { error: 'internal error' };
    }
  } catch (error) {
    if (error instanceof HttpError) {
      status = error.status;
      body = error.body;
    } else {
      // The message can quote SQL; the client gets a generic answer, the log the message.
      deps.logger.error('api request failed', { path: req.url, error: (error as Error).message });
      status = 500;
      body = { error: 'internal error' };
    }
  }
  send(res, req, status, json(body), { 'Cache-Control': 'no-store' });
  deps.logger.debug('api', {
    path: req.url,
    status,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
  });
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset): void {
  const headers = { ETag: asset.etag, 'Cache-Control': 'no-cache' };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, { ...SECURITY_HEADERS, ...headers });
    res.end();
    return;
  }
  send(res, req, 200, { body: asset.body, type: asset.contentType }, headers);
}

interface Payload {
  readonly body: Buffer;
  readonly type: string;
}

function json(value: unknown): Payload {
  return { body: Buffer.from(JSON.stringify(value)), type: 'application/json; charset=utf-8' };
}

/** Writes status, security headers and (except for HEAD) the body. */
function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  payload: Payload,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': payload.type,
    'Content-Length': String(payload.body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : payload.body);
}
