import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type Plugin, type YogaLogger } from 'graphql-yoga';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { NodeErrorCodes } from '../errors/codes.ts';
import { errorResponse, jsonResponse } from './json-response.ts';

/**
 * What a client is told to wait (Retry-After) while the database does not answer: the node restarts
 * its embedded server within seconds, and its connection pool reconnects at the next request.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
const DATABASE_UNAVAILABLE_MESSAGE = "the node's database does not answer; try again shortly";
const UNEXPECTED_MESSAGE = 'Unexpected error.';

const retryAfterHeaders = { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) };

/**
 * graphql-yoga's error masking, plus one case: a failure because the database does not answer (in a
 * resolver, the context factory or a hook) becomes DATABASE_UNAVAILABLE with HTTP 503 and Retry-After.
 * Never in development mode: no stack or original error ever reaches a client, whatever NODE_ENV says.
 */
export function maskError(error: unknown, message: string): Error {
  if (!isDatabaseUnavailable(error)) return yogaMaskError(error, message, false);
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: {
      code: NodeErrorCodes.DatabaseUnavailable,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      http: { status: 503, headers: retryAfterHeaders },
    },
  });
}

export interface ErrorGuardOptions {
  graphqlEndpoint: string;
  logger: YogaLogger;
}

/**
 * The API's outermost catch, around the given plugins: whatever throws in a plugin's request hook
 * (authentication, rate limiting, the document routes, /metrics) or in the request handler behind them
 * (yoga itself), the caller gets JSON with a typed code and a generic message — GraphQL's error shape on
 * the GraphQL endpoint, `{ code, message }` elsewhere — never the text of the error (a stack, a file
 * path, a database address, SQL); that is logged. A database that does not answer is 503
 * DATABASE_UNAVAILABLE with Retry-After; anything else 500. A response hook that throws is logged and
 * leaves the response as it was.
 */
export function guardPlugins<P extends object>(plugins: P[], options: ErrorGuardOptions): (P | Plugin)[] {
  const fail = (error: unknown, request: Request): Response => failureResponse(error, request, options);
  const handlerGuard: Plugin = {
    onRequest(payload) {
      payload.setRequestHandler(async (request, context) => {
        try {
          return await payload.requestHandler(request, context);
        } catch (error) {
          return fail(error, request);
        }
      });
    },
  };
  return [handlerGuard, ...plugins.map((plugin) => guardHooks(plugin, fail, options.logger))];
}

/** The two hooks of a plugin that run outside yoga's own error handling. */
type HttpHooks = Pick<Plugin<object, Record<string, unknown>>, 'onRequest' | 'onResponse'>;

function guardHooks<P extends object>(
  plugin: P,
  fail: (error: unknown, request: Request) => Response,
  logger: YogaLogger,
): P {
  const { onRequest, onResponse } = plugin as HttpHooks;
  const guarded: HttpHooks = {};
  if (onRequest) {
    guarded.onRequest = async (payload) => {
      try {
        await onRequest(payload);
      } catch (error) {
        payload.endResponse(fail(error, payload.request));
      }
    };
  }
  if (onResponse) {
    guarded.onResponse = async (payload) => {
      try {
        await onResponse(payload);
      } catch (error) {
        logger.error('a response hook failed', error);
      }
    };
  }
  return { ...plugin, ...guarded };
}

function failureResponse(error: unknown, request: Request, options: ErrorGuardOptions): Response {
  const graphql = new URL(request.url).pathname === options.graphqlEndpoint;
  if (isDatabaseUnavailable(error)) {
    // One line each: while the database is away, every request fails the same way.
    options.logger.warn(`request failed: the database does not answer (${lastLine(error)})`);
    const code = NodeErrorCodes.DatabaseUnavailable;
    return graphql
      ? graphqlError(503, DATABASE_UNAVAILABLE_MESSAGE, code, DATABASE_RETRY_AFTER_SECONDS)
      : errorResponse(503, code, DATABASE_UNAVAILABLE_MESSAGE, retryAfterHeaders);
  }
  options.logger.error('request failed', error);
  return graphql
    ? graphqlError(500, UNEXPECTED_MESSAGE, NodeErrorCodes.InternalServerError)
    : errorResponse(500, NodeErrorCodes.Internal, UNEXPECTED_MESSAGE);
}

function graphqlError(status: number, message: string, code: string, retryAfterSeconds?: number): Response {
  if (retryAfterSeconds === undefined) {
    return jsonResponse(status, { errors: [{ message, extensions: { code } }] });
  }
  const extensions = { code, retryAfterSeconds };
  return jsonResponse(
    status,
    { errors: [{ message, extensions }] },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/** The gist of an error: Prisma's messages end with the driver's, after lines quoting our code. */
function lastLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').at(-1) ?? '';
}
