import { createLogger, createYoga, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { mayReadDocument } from './documents/document-access.ts';
import type { Database } from './db/client.ts';
import { useDocumentRoutes } from './documents/document-routes.ts';
import { createAuthenticator } from './http/authenticate.ts';
import { guardPlugins, maskError } from './http/error-guard.ts';
import { databaseCheck, quarantineCheck, useHealthEndpoint, type HealthCheck } from './http/health.ts';
import { createMetrics, type ApiMetrics } from './http/metrics.ts';
import { queryLimitPlugins } from './http/query-limits.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { useRetryAfterHeader } from './http/retry-after.ts';
import { useSchemaExposure, type ApiMode } from './http/schema-exposure.ts';
import { useMetrics } from './http/use-metrics.ts';
import { useTypedInputErrors } from './http/typed-input-errors.ts';
import { useRateLimit } from './http/use-rate-limit.ts';
import { countQuarantined } from './projector/quarantine.ts';
import type { Context } from './schema/context.ts';
import { buildSchema } from './schema/index.ts';
import type { Services } from './services/services.ts';

/** Size and rate limits; the server passes SCF_MAX_BODY_BYTES, SCF_MAX_DOCUMENT_BYTES, SCF_RATE_LIMIT_PER_MINUTE. */
export interface ApiLimits {
  /** Largest GraphQL request body (413 past it, before parsing). */
  maxBodyBytes: number;
  /** Largest uploaded document (413 past it). */
  maxDocumentBytes: number;
  /** Requests per minute per user, or per client address when not logged in (429 past it). */
  rateLimitPerMinute: number;
}

/** The same values as config.ts's defaults, for APIs built without a config (tests). */
export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 1_048_576,
  maxDocumentBytes: 10_485_760,
  rateLimitPerMinute: 600,
};

export interface ApiOptions {
  db: Database;
  services: Services;
  limits?: Partial<ApiLimits>;
  /** The only origin browsers may call from (SCF_PORTAL_ORIGIN); without it, no cross-origin calls. */
  portalOrigin?: string;
  /** SCF_MODE: production (the default) refuses introspection to anonymous callers. */
  mode?: ApiMode;
  /** Dependencies /healthz reports besides the database and the projector (the server adds peer and CA). */
  health?: HealthCheck[];
  /** Shared with the projector, which sets its lag gauges; a fresh set when absent. */
  metrics?: ApiMetrics;
  logger?: YogaLogger;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * The org's node API as one fetch handler (`api.fetch(request)` in tests, an http server in server.ts):
 * GraphQL on /graphql, documents on /documents, /healthz and /metrics. Error masking stays on: only
 * GraphQL errors built as user errors reach clients with their message and `extensions.code`; every
 * other failure, wherever it is thrown, answers a typed code and a generic message (error-guard.ts),
 * 503 DATABASE_UNAVAILABLE while the database does not answer. No field suggestions ever, and in
 * production no introspection for anonymous callers.
 */
export function createApi(options: ApiOptions): Api {
  const { db, services } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? createLogger('warn');
  const metrics = options.metrics ?? createMetrics();
  metrics.countQuarantinedFrom(() => countQuarantined(db));
  const authenticate = createAuthenticator(services.users);
  return createYoga<Record<string, unknown>, Context>({
    schema: buildSchema(),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    maskedErrors: { maskError },
    landingPage: false,
    graphiql: false,
    logging: logger,
    // Documents have their own route; GraphQL multipart uploads would be a second, unchecked way in.
    multipart: false,
    maxRequestBodySize: limits.maxBodyBytes,
    cors: (request) => corsFor(request, options.portalOrigin),
    plugins: guardPlugins(
      [
        useHealthEndpoint([databaseCheck(db), quarantineCheck(db), ...(options.health ?? [])], logger),
        useMetrics(metrics),
        useRateLimit({
          limiter: new RateLimiter(limits.rateLimitPerMinute),
          authenticate,
          graphqlEndpoint: GRAPHQL_ENDPOINT,
        }),
        useDocumentRoutes({
          documents: services.documents,
          authenticate,
          mayRead: (user, sha256) => mayReadDocument(db, user, sha256),
          maxDocumentBytes: limits.maxDocumentBytes,
        }),
        useSchemaExposure({ mode: options.mode ?? 'production', authenticate }),
        useRetryAfterHeader(),
        ...queryLimitPlugins(),
        useTypedInputErrors(),
      ],
      { graphqlEndpoint: GRAPHQL_ENDPOINT, logger },
    ),
    context: async ({ request }) => ({ db, services, user: await authenticate(request) }),
  });
}

/**
 * CORS headers for the portal's origin only; any other origin gets none, so browsers refuse it. Tokens
 * travel in the Authorization header, not cookies, so credentials are not allowed.
 */
function corsFor(request: Request, portalOrigin: string | undefined): false | Record<string, unknown> {
  if (portalOrigin === undefined || request.headers.get('origin') !== portalOrigin) return false;
  return {
    origin: [portalOrigin],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'idempotency-key'],
    exposedHeaders: ['content-disposition', 'x-content-sha256', 'retry-after'],
    credentials: false,
    maxAge: 600,
  };
}
