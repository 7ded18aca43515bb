import { readFileSync } from 'node:fs';
import { createLogger } from 'graphql-yoga';
import { join } from 'node:path';
import { ensureAdmin } from './auth/bootstrap-admin.ts';
import { FabricCaRegistrar, fabricCaOptions } from './auth/fabric-ca-registrar.ts';
import { KeyVault } from './auth/key-vault.ts';
import { loginLimitsOf } from './auth/login-throttle.ts';
import { PrismaUserDirectory } from './auth/prisma-user-directory.ts';
import type { Config } from './config.ts';
import { createDatabase } from './db/client.ts';
import { embeddedDatabaseName, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { migrate } from './db/migrate.ts';
import { lockDataFolder } from './lifecycle/data-folder-lock.ts';
import { FileDocumentStore } from './documents/file-document-store.ts';
import { caCheck } from './http/ca-check.ts';
import { createMetrics } from './http/metrics.ts';
import { BlockLocator } from './ledger/blocks.ts';
import { connectLedger, type PeerEndpoint } from './ledger/connection.ts';
import { LedgerError } from './ledger/errors.ts';
import { scfLedger, type ScfLedger } from './ledger/scf-ledger.ts';
import { UserLedgers } from './ledger/user-ledgers.ts';
import { LagMonitor } from './projector/lag-monitor.ts';
import { Projector } from './projector/projector.ts';
import { ProjectionTracker } from './projector/tracker.ts';
import { pendingLedger, PendingWrites } from './requests/pending-writes.ts';
import { ChangeFeed } from './services/change-feed.ts';
import type { Services } from './services/services.ts';
import { configuredRegistry } from './registry/configured-registry.ts';
import { createApi, type Api } from './yoga.ts';

export interface RunningNode {
  api: Api;
  stop: () => Promise<void>;
}

const log = (message: string): void => {
  process.stdout.write(`[node-api] ${message}\n`);
};

/**
 * The database: DATABASE_URL if set, else an embedded PostgreSQL in the data folder, under a password
 * of the node's own kept there.
 */
async function openDatabase(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: () => Promise.resolve() };
  log(`starting embedded PostgreSQL on 127.0.0.1:${config.SCF_DB_PORT}`);
  return startEmbeddedPostgres({
    dataDir: config.SCF_DATA_DIR,
    port: config.SCF_DB_PORT,
    database: embeddedDatabaseName(config.SCF_ORG),
    log,
  });
}

function peerEndpoint(config: Config): PeerEndpoint {
  return {
    address: config.SCF_PEER_ENDPOINT,
    tlsRootCertPem: readFileSync(config.SCF_PEER_TLS_CA),
    hostAlias: config.SCF_PEER_HOST_ALIAS,
  };
}

/** Registers the bootstrap admin's enterprise on the ledger, once, with the org's service identity. */
async function ensureAdminEnterprise(ledger: ScfLedger, config: Config): Promise<void> {
  try {
    await ledger.enterprise.Get({ id: config.SCF_ADMIN_ENTERPRISE_ID });
    return;
  } catch (error) {
    if (!(error instanceof LedgerError && error.code === 'NOT_FOUND')) throw error;
  }
  log(`registering enterprise ${config.SCF_ADMIN_ENTERPRISE_ID} on the ledger`);
  await ledger.enterprise.Register({
    id: config.SCF_ADMIN_ENTERPRISE_ID,
    name: config.SCF_ADMIN_ENTERPRISE_NAME,
    kind: config.SCF_ADMIN_ENTERPRISE_KIND,
  });
}

/**
 * Brings one org's node up: the lock on its data folder (a second node API on it refuses to start),
 * database and migrations, the service identity's gateway, the projector (with its lag monitor),
 * users, documents, and the GraphQL API. `stop` undoes it in reverse; so does a start that fails.
 */
export async function startNode(config: Config): Promise<RunningNode> {
  const lock = lockDataFolder(config.SCF_DATA_DIR);
  let database: { url: string; stop: () => Promise<void> } | undefined;
  try {
    database = await openDatabase(config);
    const opened = database;
    const node = await startOn(config, opened.url);
    return {
      api: node.api,
      stop: async () => {
        await node.stop();
        await opened.stop();
        lock.release();
      },
    };
  } catch (error) {
    await database?.stop().catch(() => undefined);
    lock.release();
    throw error;
  }
}

/** The node on its open database; `stop` leaves the database to the caller. */
async function startOn(config: Config, databaseUrl: string): Promise<RunningNode> {
  await migrate(databaseUrl);
  const db = createDatabase(databaseUrl, {
    onConnectionLost: (error) => {
      log(`a database connection was lost (${error.message}); the pool opens new ones as needed`);
    },
  });
  const peer = peerEndpoint(config);
  const service = connectLedger(peer, {
    mspId: config.SCF_MSP_ID,
    certificatePem: readFileSync(config.SCF_SERVICE_CERT),
    privateKeyPem: readFileSync(config.SCF_SERVICE_KEY),
  });
  const network = service.gateway.getNetwork(config.SCF_CHANNEL);
  const serviceLedger = scfLedger(service.gateway, config.SCF_CHANNEL, config.SCF_CHAINCODE);
  const blocks = new BlockLocator(network, config.SCF_CHANNEL);
  const pendingWrites = new PendingWrites(db, pendingLedger(blocks, service.gateway), config, log);

  const tracker = new ProjectionTracker();
  const changes = new ChangeFeed();
  const checkpointId = `${config.SCF_CHANNEL}/${config.SCF_CHAINCODE}`;
  const stored = await db.checkpoint.findUnique({ where: { id: checkpointId } });
  if (stored) tracker.resumeAt(stored.blockNumber);
  const projector = new Projector({
    db,
    network,
    ledger: serviceLedger,
    chaincode: config.SCF_CHAINCODE,
    checkpointId,
    log,
    onApplied: (applied) => {
      tracker.applied(applied);
      for (const change of applied.changes) changes.publish(change);
    },
    // Past it, but not applied: a mutation waiting for it answers PENDING when its wait runs out.
    onQuarantined: (position) => {
      tracker.resumeAt(position.blockNumber);
    },
  });
  const lagMonitor = new LagMonitor(network, config.SCF_CHAINCODE, () => tracker.appliedBlock);
  const metrics = createMetrics();
  const lagTimer = setInterval(() => {
    const lag = lagMonitor.lag();
    metrics.projectorLag(lag.blocks, lag.seconds, tracker.appliedBlock);
  }, 1_000);
  lagTimer.unref();

  const users = new PrismaUserDirectory({
    db,
    ca: new FabricCaRegistrar(fabricCaOptions(config)),
    vault: KeyVault.fromBase64(config.SCF_KEY_ENCRYPTION_KEY),
    mspId: config.SCF_MSP_ID,
    operatorEnterpriseId: config.SCF_ADMIN_ENTERPRISE_ID,
    sessionHours: config.SCF_SESSION_HOURS,
    loginLimits: loginLimitsOf(config),
    sessionCheckMs: config.SCF_SESSION_CHECK_SECONDS * 1_000,
  });
  const userLedgers = new UserLedgers({
    peer,
    channel: config.SCF_CHANNEL,
    chaincode: config.SCF_CHAINCODE,
    identityOf: (id) => users.identityOf(id),
  });
  const services: Services = {
    config,
    users,
    documents: new FileDocumentStore(db, join(config.SCF_DATA_DIR, 'documents')),
    ledgerAs: (user) => userLedgers.as(user),
    serviceLedger,
    registry: configuredRegistry(config),
    blocks,
    pendingWrites,
    appliedBlock: () => tracker.appliedBlock,
    hasApplied: (position) => tracker.hasApplied(position),
    awaitProjection: (position) => tracker.wait(position, config.SCF_PROJECTION_WAIT_MS),
    changes,
    log,
  };

  projector.start();
  pendingWrites.start();
  lagMonitor.start();
  await ensureAdminEnterprise(serviceLedger, config);
  const admin = await ensureAdmin(users, config);
  if (admin.created) log(`created the admin user ${admin.user.username}`);

  const api = createApi({
    db,
    services,
    metrics,
    logger: createLogger(config.SCF_LOG_LEVEL),
    portalOrigin: config.SCF_PORTAL_ORIGIN,
    mode: config.SCF_MODE,
    limits: {
      maxBodyBytes: config.SCF_MAX_BODY_BYTES,
      maxDocumentBytes: config.SCF_MAX_DOCUMENT_BYTES,
      rateLimitPerMinute: config.SCF_RATE_LIMIT_PER_MINUTE,
    },
    health: [
      {
        name: 'peer',
        check: async () => {
          await blocks.height();
        },
      },
      caCheck(config),
    ],
  });
  return {
    api,
    stop: async () => {
      clearInterval(lagTimer);
      users.close();
      await pendingWrites.stop();
      await projector.stop();
      await lagMonitor.stop();
      userLedgers.closeAll();
      service.close();
      await db.$disconnect();
    },
  };
}
