import type { Plugin } from 'graphql-yoga';
import { NodeErrorCodes } from '../errors/codes.ts';
import type { Authenticate } from './authenticate.ts';
import { errorResponse, jsonResponse } from './json-response.ts';
import { rateLimitKey, type RateLimiter } from './rate-limit.ts';

/**
 * Holds each caller to its allowance on the API's own routes (GraphQL and documents), before any body
 * is read. Health and metrics stay unlimited: monitors poll them. GraphQL callers get a GraphQL-shaped
 * error, document callers the routes' `{ code, message }`; both with 429 and Retry-After.
 */
export function useRateLimit(options: {
  limiter: RateLimiter;
  authenticate: Authenticate;
  graphqlEndpoint: string;
}): Plugin<object, Record<string, unknown>> {
  const { limiter, authenticate, graphqlEndpoint } = options;
  return {
    async onRequest(payload) {
      const { url, request, serverContext } = payload;
      const graphql = url.pathname === graphqlEndpoint;
      if (!graphql && url.pathname !== '/documents' && !url.pathname.startsWith('/documents/')) return;
      const user = await authenticate(request);
      const decision = limiter.take(rateLimitKey(user?.id ?? null, serverContext));
      if (decision.allowed) return;
      const message = `too many requests; try again in ${decision.retryAfterSeconds} s`;
      const headers = { 'retry-after': String(decision.retryAfterSeconds) };
      payload.endResponse(
        graphql
          ? jsonResponse(
              429,
              {
                errors: [
                  {
                    message,
                    extensions: {
                      code: NodeErrorCodes.RateLimited,
                      retryAfterSeconds: decision.retryAfterSeconds,
                    },
                  },
                ],
              },
              headers,
            )
          : errorResponse(429, NodeErrorCodes.RateLimited, message, headers),
      );
    },
  };
}
