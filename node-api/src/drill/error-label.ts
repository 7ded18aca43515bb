import { ApiError } from '../demo/graphql-client.ts';

/** A failure the client could not read as an answer of the node (it died mid-request, say). */
const TRANSPORT = 'TRANSPORT';

/**
 * What a client saw when a request failed, as one label to count: the node's `extensions.code`, the
 * socket's error code when no answer came (ECONNREFUSED while the node is down, ECONNRESET or
 * UND_ERR_SOCKET when it died mid-request), or BAD_RESPONSE for an answer that was not the API's JSON.
 */
export function errorLabel(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  if (error instanceof SyntaxError) return 'BAD_RESPONSE';
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    const code = (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
    if (cause instanceof Error) return cause.name === 'Error' ? TRANSPORT : cause.name;
  }
  return TRANSPORT;
}
