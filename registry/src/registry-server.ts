import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseRegisterRequest, parseSearchQuery } from './registration.ts';
import type { RegistrationStore } from './registration-store.ts';
import { RegistryError, RegistryErrorCodes } from './registry-error.ts';

export interface RegistryServerOptions {
  /** The registry's clock (tests pin it). */
  now?: () => Date;
  /** Largest request body taken, in bytes. */
  maxBodyBytes?: number;
  /** Where failures nobody asked for go (a broken disk, say). */
  log?: (message: string) => void;
}

const DEFAULT_MAX_BODY_BYTES = 16_384;

type Route = (request: IncomingMessage, url: URL) => Promise<{ status: number; body: unknown }>;

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    ...headers,
  });
  response.end(bytes);
}

/** The JSON body of a request: of JSON media type, at most `max` bytes, well-formed. */
async function readJson(request: IncomingMessage, max: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new RegistryError(RegistryErrorCodes.UnsupportedMediaType, 'the body must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      throw new RegistryError(RegistryErrorCodes.TooLarge, `the body must be at most ${max} bytes`);
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new RegistryError(RegistryErrorCodes.InvalidRequest, 'the body is not valid JSON');
  }
}

/**
 * The test registry's HTTP API: the two operations of the movable-property financing registry a bank
 * uses before it disburses, plus a health check. Every answer is JSON; every error `{ code, message }`.
 *
 * - `POST /registrations` `{ receivable: { voucherId, debtorId, amount }, registrant: { id, name } }`:
 *   201 `{ registration }` for a new one, 200 for the registrant's own repeated request, 409
 *   ALREADY_REGISTERED `{ registration }` (the first one) when another party registered the receivable.
 * - `GET /registrations?voucherId=…[&debtorId=…]`: 200 `{ searchedAt, registrations }`, oldest first.
 * - `GET /healthz`: 200 `{ status: "ok", registrations }`.
 */
export function createRegistryServer(store: RegistrationStore, options: RegistryServerOptions = {}): Server {
  const now = options.now ?? ((): Date => new Date());
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const routes: Record<string, Partial<Record<string, Route>>> = {
    '/registrations': {
      POST: async (request) => {
        const outcome = store.register(parseRegisterRequest(await readJson(request, maxBody)), now());
        return { status: outcome.created ? 201 : 200, body: { registration: outcome.registration } };
      },
      GET: (_request, url) => {
        const registrations = store.search(parseSearchQuery(url.searchParams));
        return Promise.resolve({ status: 200, body: { searchedAt: now().toISOString(), registrations } });
      },
    },
    '/healthz': {
      GET: () => Promise.resolve({ status: 200, body: { status: 'ok', registrations: store.size } }),
    },
  };

  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://registry.invalid');
    const methods = routes[url.pathname];
    const route = methods?.[request.method ?? ''];
    if (!methods) {
      send(response, 404, { code: RegistryErrorCodes.NotFound, message: `no route ${url.pathname}` });
      return;
    }
    if (!route) {
      const allow = Object.keys(methods).join(', ');
      send(
        response,
        405,
        { code: RegistryErrorCodes.MethodNotAllowed, message: `${url.pathname} answers ${allow}` },
        { allow },
      );
      return;
    }
    // Through a promise, so that a handler's synchronous refusal is answered like an asynchronous one.
    Promise.resolve()
      .then(() => route(request, url))
      .then(
        ({ status, body }) => {
          send(response, status, body);
        },
        (error: unknown) => {
          if (error instanceof RegistryError) {
            send(response, error.status, { code: error.code, message: error.message, ...error.extra });
            return;
          }
          options.log?.(`registry: ${request.method ?? '?'} ${url.pathname} failed: ${String(error)}`);
          send(response, 500, {
            code: RegistryErrorCodes.Internal,
            message: 'the registry failed; see its log',
          });
        },
      );
  });
}
