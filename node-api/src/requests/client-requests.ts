import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.ts';
import type { ClientRequest } from '../db/generated/client.ts';
import { DEADLINES } from '../ledger/connection.ts';
import type { Tx } from '../db/client.ts';

/**
 * Where one write request stands. ENDORSING: claimed, its current attempt being endorsed (nothing sent
 * yet). PENDING: endorsed and handed to the ordering service (or about to be); outcome not yet seen.
 * VALID: committed. INVALID: committed in a block but invalidated. FAILED: refused before ordering
 * (endorsement refused, orderers unavailable, or never seen on the ledger however often it was sent
 * again): nothing reached the ledger.
 */
export type RequestState = 'ENDORSING' | 'PENDING' | 'VALID' | 'INVALID' | 'FAILED';

export type RequestRow = ClientRequest;

/** One write as the schema sees it: the mutation, its idempotency key if any, and its arguments' hash. */
export interface WriteRequest {
  operation: string;
  key: string | null;
  argsHash: string;
}

/** A row claimed for this request: `attempt` is the token every later step must hold. */
export interface Claimed {
  id: bigint;
  attempt: string;
}

/** What a fresh attempt starts from: no transaction kept, none sent. */
const NOTHING_SENT = { envelope: null, sentAt: null, resends: 0 } as const;

/** What a row keeps no more once its transaction is settled: its envelope is of no use then. */
const SETTLED = { envelope: null } as const;

/** Slack on top of the deadlines before a request's silence means it is gone (a crash, say). */
const SLACK_MS = 5_000;

/** How long after sending its transaction the request that sent it may still wait for the commit. */
export function sendingWindowMs(commitWaitMs: number): number {
  return DEADLINES.submit + commitWaitMs + SLACK_MS;
}

/**
 * Whether the request holding a row may still be working on it: endorsing (bounded by the endorse
 * deadline), or waiting for the commit of what it sent (the submit deadline plus the commit wait).
 */
export function inFlight(row: RequestRow, commitWaitMs: number, now: number): boolean {
  const quiet = now - row.updatedAt.getTime();
  if (row.state === 'ENDORSING') return quiet < DEADLINES.endorse + SLACK_MS;
  if (row.state === 'PENDING') return quiet < sendingWindowMs(commitWaitMs);
  return false;
}

// The claim and each step run for every write: fixed SQL text, not a Prisma model query rendered anew.
// A taken key (user and key unique) inserts nothing and returns no row.
const CLAIM = `INSERT INTO "client_requests"
    ("user_id", "key", "operation", "args_hash", "state", "attempt", "created_at", "updated_at")
  VALUES ($1, $2, $3, $4, 'ENDORSING', $5, $6::timestamp(3), $6::timestamp(3))
  ON CONFLICT DO NOTHING RETURNING "id"`;

/** The columns a step may set, with their SQL types. */
const STEP_COLUMNS = {
  state: ['state', 'text'],
  transactionId: ['transaction_id', 'text'],
  reason: ['reason', 'text'],
  blockNumber: ['block_number', 'bigint'],
  result: ['result', 'text'],
  envelope: ['envelope', 'bytea'],
  sentAt: ['sent_at', 'timestamp(3)'],
  resends: ['resends', 'integer'],
} as const;

type StepField = keyof typeof STEP_COLUMNS;

const stepStatements = new Map<string, string>();

/** `UPDATE … SET` the fields (from $4 on) and `updated_at` ($3) of the row with id $1 and attempt $2. */
function stepStatement(fields: readonly StepField[]): string {
  const key = fields.join(',');
  const known = stepStatements.get(key);
  if (known) return known;
  const sets = fields.map((field, index) => {
    const [column, type] = STEP_COLUMNS[field];
    return `"${column}" = $${String(index + 4)}::${type}`;
  });
  const statement = `UPDATE "client_requests" SET ${[...sets, '"updated_at" = $3::timestamp(3)'].join(', ')}
    WHERE "id" = $1::bigint AND "attempt" = $2`;
  stepStatements.set(key, statement);
  return statement;
}

function stepValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value ?? null;
}

/**
 * The `client_requests` table: every ledger write a user made through this node. Each step of a write
 * is recorded before it happens (the claim before the first endorsement, PENDING with the transaction
 * id and its signed envelope before the orderers get it, ENDORSING again before an attempt that follows
 * one sent), and only by the request holding the row's `attempt` token, so that a crash never leaves a
 * transaction the node does not know and one key never sends two transactions.
 */
export class ClientRequests {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /**
   * Claims the user's key for this request, or returns the row that holds it already. A request
   * without a key always gets a row of its own.
   */
  async claim(userId: string, request: WriteRequest): Promise<Claimed | { existing: RequestRow }> {
    const attempt = randomUUID();
    const [row] = await this.db.$queryRawUnsafe<{ id: bigint | number | string }[]>(
      CLAIM,
      userId,
      request.key,
      request.operation,
      request.argsHash,
      attempt,
      new Date().toISOString(),
    );
    if (row) return { id: BigInt(row.id), attempt };
    if (request.key === null) throw new Error('a request without a key found its row taken');
    const existing = await this.byKey(userId, request.key);
    if (!existing) throw new Error('a claimed idempotency key vanished');
    return { existing };
  }

  /**
   * Takes over a row whose earlier request ended without a transaction that counts (INVALID, FAILED) or
   * was abandoned (a crash while ENDORSING): only if nobody changed it since `row` was read.
   */
  async reclaim(row: RequestRow): Promise<Claimed | undefined> {
    const attempt = randomUUID();
    const { count } = await this.db.clientRequest.updateMany({
      where: { id: row.id, attempt: row.attempt, updatedAt: row.updatedAt },
      data: {
        state: 'ENDORSING',
        attempt,
        transactionId: null,
        reason: null,
        blockNumber: null,
        result: null,
        ...NOTHING_SENT,
        updatedAt: new Date(),
      },
    });
    return count === 1 ? { id: row.id, attempt } : undefined;
  }

  byKey(userId: string, key: string): Promise<RequestRow | null> {
    return this.db.clientRequest.findUnique({ where: { userId_key: { userId, key } } });
  }

  byTransaction(userId: string, transactionId: string): Promise<RequestRow | null> {
    return this.db.clientRequest.findFirst({ where: { userId, transactionId } });
  }

  reread(row: RequestRow): Promise<RequestRow | null> {
    return this.db.clientRequest.findUnique({ where: { id: row.id } });
  }

  /** A fresh attempt, as transaction `transactionId`, is about to be endorsed after one that was sent. */
  endorsing(claimed: Claimed, transactionId: string): Promise<void> {
    return this.step(claimed, { state: 'ENDORSING', transactionId, result: null, ...NOTHING_SENT });
  }

  /**
   * Endorsed with `result`: the transaction goes to the orderers once this is stored, with its signed
   * `envelope` (if the ledger client made one), which the pending sweep sends again if need be.
   */
  ordering(claimed: Claimed, transactionId: string, result: string, envelope?: Uint8Array): Promise<void> {
    return this.step(claimed, {
      state: 'PENDING',
      transactionId,
      result,
      envelope: envelope ? new Uint8Array(envelope) : null,
      sentAt: new Date(),
      resends: 0,
    });
  }

  committed(claimed: Claimed, blockNumber: bigint): Promise<void> {
    return this.step(claimed, { state: 'VALID', blockNumber, ...SETTLED });
  }

  invalid(claimed: Claimed, validation: string, blockNumber: bigint): Promise<void> {
    return this.step(claimed, { state: 'INVALID', reason: validation, blockNumber, ...SETTLED });
  }

  failed(claimed: Claimed, code: string): Promise<void> {
    return this.step(claimed, { state: 'FAILED', reason: code, ...SETTLED });
  }

  /** PENDING rows last sent before `before`, the longest-waiting first: the pending sweep's work. */
  pendingSince(before: Date, take: number): Promise<RequestRow[]> {
    return this.db.clientRequest.findMany({
      where: { state: 'PENDING', sentAt: { lt: before } },
      orderBy: { sentAt: 'asc' },
      take,
    });
  }

  /**
   * Takes the turn to send a PENDING row's transaction again, recorded before it is sent; false when
   * someone else (another sweep, a retry with its key) took it or settled the row since `row` was read.
   */
  async resending(row: RequestRow): Promise<boolean> {
    const { count } = await this.db.clientRequest.updateMany({
      where: { ...this.unchanged(row), resends: row.resends },
      data: { resends: row.resends + 1, sentAt: new Date(), updatedAt: new Date() },
    });
    return count === 1;
  }

  /** Gives a PENDING row up as FAILED with `code` (its transaction never reached the ledger). */
  async abandon(row: RequestRow, code: string): Promise<boolean> {
    const { count } = await this.db.clientRequest.updateMany({
      where: { ...this.unchanged(row), resends: row.resends },
      data: { state: 'FAILED', reason: code, ...SETTLED, updatedAt: new Date() },
    });
    return count === 1;
  }

  /** Records what the ledger says of a PENDING row's transaction (found by `transactionStatus`, say). */
  async settle(
    row: RequestRow,
    outcome: { valid: boolean; reason: string | null; blockNumber: bigint },
  ): Promise<boolean> {
    const { count } = await this.db.clientRequest.updateMany({
      where: this.unchanged(row),
      data: {
        state: outcome.valid ? 'VALID' : 'INVALID',
        reason: outcome.reason,
        blockNumber: outcome.blockNumber,
        ...SETTLED,
        updatedAt: new Date(),
      },
    });
    return count === 1;
  }

  /** The row still PENDING with the same attempt and transaction as when `row` was read. */
  private unchanged(row: RequestRow) {
    return { id: row.id, attempt: row.attempt, transactionId: row.transactionId, state: 'PENDING' };
  }

  private async step(
    claimed: Claimed,
    data: Partial<
      Pick<
        RequestRow,
        'transactionId' | 'reason' | 'blockNumber' | 'result' | 'envelope' | 'sentAt' | 'resends'
      >
    > & {
      state: RequestState;
    },
  ): Promise<void> {
    const fields = Object.keys(data) as StepField[];
    const count = await this.db.$executeRawUnsafe(
      stepStatement(fields),
      claimed.id.toString(),
      claimed.attempt,
      new Date().toISOString(),
      ...fields.map((field) => stepValue(data[field])),
    );
    if (count !== 1) throw new LostClaim();
  }
}

/** Another request with the same key took the row over: this one must send nothing more. */
export class LostClaim extends Error {
  constructor() {
    super('another request with this idempotency key took it over');
    this.name = LostClaim.name;
  }
}

// Fixed text (Prisma's tagged templates render their fragments anew on every call).
const SETTLE_APPLIED = `UPDATE "client_requests" AS r
  SET "state" = 'VALID', "reason" = NULL, "block_number" = a."block_number", "envelope" = NULL,
    "updated_at" = CURRENT_TIMESTAMP AT TIME ZONE 'UTC'
  FROM unnest($1::text[], $2::bigint[]) AS a("transaction_id", "block_number")
  WHERE r."transaction_id" = a."transaction_id" AND r."state" IN ('PENDING', 'FAILED')`;

/**
 * Marks the requests whose transactions the projector just applied as VALID, in the projector's own SQL
 * transaction: chaincode events come only from valid transactions. A FAILED row counts too: a failure
 * seen on the way (a connection lost after the orderers took it) does not undo a commit. One statement
 * for the whole batch (raw SQL: it runs for every batch on every node).
 */
export async function settleApplied(
  tx: Tx,
  applied: readonly { transactionId: string; blockNumber: bigint }[],
): Promise<void> {
  if (applied.length === 0) return;
  const transactionIds = applied.map((each) => each.transactionId);
  const blockNumbers = applied.map((each) => each.blockNumber.toString());
  await tx.$executeRawUnsafe(SETTLE_APPLIED, transactionIds, blockNumbers);
}
