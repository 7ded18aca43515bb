import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type GraphQLOutcome = 'ok' | 'error' | 'stream';

/** The node's Prometheus metrics: what the API records and what the projector reports. */
export interface ApiMetrics {
  registry: Registry;
  /** The projector's distance from the peer's chain head, after each block it applies. */
  projectorLag: (blocks: number, seconds: number, lastBlock: bigint) => void;
  graphqlRequest: (operationName: string | null, outcome: GraphQLOutcome, seconds: number) => void;
  httpResponse: (route: string, status: number) => void;
  /**
   * Where `scf_projector_quarantined_events` reads its count at each scrape: the quarantine table, so
   * the gauge survives restarts and drops as soon as a replay clears events.
   */
  countQuarantinedFrom: (count: () => Promise<number>) => void;
}

/** Operation names come from clients: beyond this many distinct ones, the rest count as `other`. */
const MAX_OPERATION_NAMES = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * A registry of its own per API instance, never prom-client's global one, so several APIs (tests, or
 * an API and a projector in one process) each count their own.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'scf_graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'scf_graphql_request_duration_seconds',
    help: 'Time from parsed GraphQL parameters to result, by operation name and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const responses = new Counter({
    name: 'scf_http_responses_total',
    help: 'HTTP responses by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const lagBlocks = new Gauge({
    name: 'scf_projector_lag_blocks',
    help: 'Blocks the read model is behind the peer.',
    registers,
  });
  const lagSeconds = new Gauge({
    name: 'scf_projector_lag_seconds',
    help: 'Age of the newest block the read model has applied, in seconds.',
    registers,
  });
  const lastBlock = new Gauge({
    name: 'scf_projector_last_block',
    help: 'Number of the last block the read model has applied.',
    registers,
  });

  let countQuarantined = (): Promise<number> => Promise.resolve(0);
  new Gauge({
    name: 'scf_projector_quarantined_events',
    help: 'Chaincode events the projector could not apply and quarantined, not yet replayed.',
    registers,
    async collect() {
      try {
        this.set(await countQuarantined());
      } catch {
        // Keeps the last count: the scrape still answers, and /healthz reports the database.
      }
    },
  });

  const operationLabel = boundedLabel(MAX_OPERATION_NAMES);
  return {
    registry,
    projectorLag: (blocks, seconds, block) => {
      lagBlocks.set(blocks);
      lagSeconds.set(seconds);
      lastBlock.set(Number(block));
    },
    graphqlRequest: (operationName, outcome, seconds) => {
      const labels = { operation: operationLabel(operationName), outcome };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    httpResponse: (route, status) => {
      responses.inc({ route, status: String(status) });
    },
    countQuarantinedFrom: (count) => {
      countQuarantined = count;
    },
  };
}

/** Keeps a client-chosen label from growing the registry without bound. */
function boundedLabel(max: number): (name: string | null) => string {
  const seen = new Set<string>();
  return (name) => {
    if (name === null || name === '') return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (!seen.has(name)) {
      if (seen.size >= max) return 'other';
      seen.add(name);
    }
    return name;
  };
}
