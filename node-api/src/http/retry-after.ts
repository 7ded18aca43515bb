import type { Plugin } from 'graphql-yoga';

/** The largest `extensions.retryAfterSeconds` among the errors of a result (batched or not). */
function retryAfterOf(result: unknown): number | undefined {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  let seconds: number | undefined;
  for (const each of results) {
    const errors = (each as { errors?: readonly { extensions?: Record<string, unknown> }[] } | null)?.errors;
    for (const error of errors ?? []) {
      const value = error.extensions?.retryAfterSeconds;
      if (typeof value === 'number' && (seconds === undefined || value > seconds)) seconds = value;
    }
  }
  return seconds;
}

/**
 * Gives a GraphQL answer whose errors say when to come back (`extensions.retryAfterSeconds`: a locked
 * account, an address held back) the HTTP `Retry-After` header as well, for clients and proxies that
 * read headers rather than bodies. Streams (subscriptions) are left alone.
 */
export function useRetryAfterHeader(): Plugin {
  const seconds = new WeakMap<Request, number>();
  return {
    onResultProcess({ request, result }) {
      const retryAfter = retryAfterOf(result);
      if (retryAfter !== undefined) seconds.set(request, retryAfter);
    },
    onResponse({ request, response }) {
      const retryAfter = seconds.get(request);
      if (retryAfter !== undefined && !response.headers.has('retry-after')) {
        response.headers.set('retry-after', String(retryAfter));
      }
    },
  };
}
