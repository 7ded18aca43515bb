import { z } from 'zod';

/**
 * The node API's whole configuration, from the environment (see .env.example). Parsed once at start;
 * a bad or missing value stops the process with the list of what is wrong.
 */
const port = z.coerce.number().int().min(1).max(65_535);
const file = z.string().min(1);
const positive = z.coerce.number().int().positive();

const Schema = z.object({
  /**
   * production (the default): the schema is not introspectable by anonymous callers (schema.graphql is
   * the public contract). development: anyone may introspect, for tools such as GraphiQL-like clients.
   */
  SCF_MODE: z.enum(['production', 'development']).default('production'),
  SCF_ORG: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case org name'),
  SCF_MSP_ID: z.string().min(1),
  SCF_HOST: z.string().default('127.0.0.1'),
  SCF_PORT: port.default(7006),
  /** The org's portal: the only origin CORS lets in. */
  SCF_PORTAL_ORIGIN: z.url().default('http://127.0.0.1:7007'),

  SCF_PEER_ENDPOINT: z.string().regex(/^[^:]+:\d+$/, 'host:port'),
  SCF_PEER_HOST_ALIAS: z.string().optional(),
  SCF_PEER_TLS_CA: file,
  SCF_CHANNEL: z.string().default('scf'),
  SCF_CHAINCODE: z.string().default('scf'),
  /** The org admin identity the projector reads private terms with and the node registers enterprises with. */
  SCF_SERVICE_CERT: file,
  SCF_SERVICE_KEY: file,

  SCF_CA_URL: z.url(),
  SCF_CA_NAME: z.string().min(1),
  SCF_CA_TLS_CERT: file,
  /** fabric-ca-client home of the CA's registrar (holds its enrolled msp/). */
  SCF_CA_REGISTRAR_HOME: file,
  SCF_FABRIC_CA_CLIENT: z.string().default('fabric-ca-client'),

  /** An external PostgreSQL; without it the node starts an embedded one in SCF_DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  SCF_DB_PORT: port.default(7008),
  SCF_DATA_DIR: file,

  /** 32 bytes, base64: encrypts users' private keys at rest. */
  SCF_KEY_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, '32 bytes, base64-encoded'),
  SCF_ADMIN_USER: z.string().default('admin'),
  SCF_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters'),
  /** The enterprise the bootstrap admin acts for (registered by the node if absent). */
  SCF_ADMIN_ENTERPRISE_ID: z.string().min(1),
  SCF_ADMIN_ENTERPRISE_NAME: z.string().min(1),
  SCF_ADMIN_ENTERPRISE_KIND: z.enum(['CORE', 'SUPPLIER', 'BANK', 'LOGISTICS', 'AUDITOR']),

  SCF_SESSION_HOURS: positive.default(12),
  /** How often live subscriptions re-check their session (a logout on this process ends them at once). */
  SCF_SESSION_CHECK_SECONDS: positive.default(5),
  /** Failed logins within SCF_LOGIN_WINDOW_SECONDS that lock an account (ACCOUNT_LOCKED). */
  SCF_LOGIN_ACCOUNT_FAILURES: positive.default(5),
  /** Failed logins within the window that hold a client address back (RATE_LIMITED). */
  SCF_LOGIN_ADDRESS_FAILURES: positive.default(50),
  SCF_LOGIN_WINDOW_SECONDS: positive.default(900),
  /** The first lock; each further lock in a row lasts twice as long, up to SCF_LOGIN_MAX_LOCKOUT_SECONDS. */
  SCF_LOGIN_LOCKOUT_SECONDS: positive.default(60),
  SCF_LOGIN_MAX_LOCKOUT_SECONDS: positive.default(3_600),
  SCF_RATE_LIMIT_PER_MINUTE: positive.default(600),
  SCF_MAX_BODY_BYTES: positive.default(1_048_576),
  SCF_MAX_DOCUMENT_BYTES: positive.default(10_485_760),
  /** How long a mutation waits for the projector before answering PENDING. */
  SCF_PROJECTION_WAIT_MS: positive.default(10_000),
  /**
   * How long a mutation waits for its transaction's commit once the orderers took it; past it, it
   * answers PENDING with the transaction id (`transactionStatus` tells the outcome later).
   */
  SCF_COMMIT_WAIT_MS: positive.default(15_000),
  /**
   * A write left PENDING whose transaction this org's peer still does not hold this long after it was
   * last sent is sent again (its signed transaction is kept; Fabric commits a transaction id once).
   */
  SCF_RESEND_AFTER_MS: positive.default(30_000),
  /** How often it is sent again before the write is given up as FAILED (ORDERING_UNAVAILABLE). */
  SCF_RESEND_LIMIT: z.coerce.number().int().min(0).default(5),
  /**
   * The movable-property financing registry (中登) the org's banks register at before they disburse:
   * the base URL of a registry speaking the test registry's API (registry/). Without it no bank of
   * this node can disburse (REGISTRY_UNAVAILABLE).
   */
  SCF_REGISTRY_URL: z.url().optional(),
  /** The deadline of each registry call. */
  SCF_REGISTRY_TIMEOUT_MS: positive.default(5_000),
  SCF_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = z.infer<typeof Schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = ConfigError.name;
  }
}

/** Parses the environment; throws ConfigError listing every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid node API configuration (see node-api/.env.example):\n${lines.join('\n')}`);
}
