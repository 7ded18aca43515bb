import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { ApiMetrics, GraphQLOutcome } from './metrics.ts';

/** The routes a response is counted under: a fixed set, never the raw path (document hashes, probes). */
function routeOf(request: Request): string {
  const path = new URL(request.url).pathname;
  if (path === '/graphql') return 'graphql';
  if (path === '/documents' || path.startsWith('/documents/')) return 'documents';
  if (path === '/healthz' || path === '/metrics') return path.slice(1);
  return 'other';
}

/**
 * GET /metrics in Prometheus text, and the counts behind it: every HTTP response by route and status,
 * every GraphQL operation by name, outcome and duration.
 */
export function useMetrics(metrics: ApiMetrics): Plugin {
  const started = new WeakMap<Request, { at: number; operationName: string | null }>();
  return {
    async onRequest(payload) {
      const { url, request } = payload;
      if (url.pathname !== '/metrics' || request.method !== 'GET') return;
      const body = await metrics.registry.metrics();
      payload.endResponse(new Response(body, { headers: { 'content-type': metrics.registry.contentType } }));
    },
    onParams({ params, request }) {
      started.set(request, { at: performance.now(), operationName: params.operationName ?? null });
    },
    onExecutionResult({ result, request }) {
      const start = started.get(request);
      if (!start || !result) return;
      const outcome: GraphQLOutcome = isAsyncIterable(result)
        ? 'stream'
        : result.errors?.length
          ? 'error'
          : 'ok';
      metrics.graphqlRequest(start.operationName, outcome, (performance.now() - start.at) / 1000);
    },
    onResponse({ request, response }) {
      metrics.httpResponse(routeOf(request), response.status);
    },
  };
}
