import { GraphQLError } from 'graphql';
import type { SessionUser } from '../../auth/session-user.ts';
import { isApiErrorCode } from '../../errors/codes.ts';
import {
  describeLedgerFailure,
  LedgerError,
  OutcomeUnknown,
  TransactionInvalid,
} from '../../ledger/errors.ts';
import type { Committed, ScfLedger } from '../../ledger/scf-ledger.ts';
import {
  ClientRequests,
  inFlight,
  LostClaim,
  type Claimed,
  type RequestRow,
  type WriteRequest,
} from '../../requests/client-requests.ts';
import type { Context } from '../context.ts';
import { fromLedger, NodeErrorCodes, userError } from '../errors.ts';

/**
 * How a write ended from the caller's view: in the read model already (APPLIED), or not yet seen
 * applied by this node (PENDING): committed but not projected yet, or its commit not yet seen at all.
 */
export type Projection = 'APPLIED' | 'PENDING';

export interface Submitted<T> {
  value: T;
  transactionId: string;
  /** Null while the commit was not seen (the transaction may still commit, or never). */
  blockNumber: bigint | null;
  projection: Projection;
}

export function signedIn(ctx: Context): SessionUser {
  if (!ctx.user) throw new Error('authScopes let an anonymous request through');
  return ctx.user;
}

/** How often a request waits for an earlier one with the same key to move on. */
const POLL_MS = 200;

const decoder = new TextDecoder();
const parse = <T>(text: string | null): T => JSON.parse(text ?? 'null') as T;

/** The write's request, as the ledgerWrite plugin put it in the resolver's context. */
function writeRequestOf(ctx: Context): WriteRequest {
  if (!ctx.ledgerWrite)
    throw new Error('a mutation that calls submitAs must be declared `ledgerWrite: true`');
  return ctx.ledgerWrite;
}

/** What a retry with a key gets: the first attempt's answer, or the row it may take over. */
type Start<T> = { answer: Submitted<T> } | { claimed: Claimed };

/**
 * Submits one transaction with the caller's own identity and waits (bounded) until this node's
 * projector applied it, so that what the mutation returns — and every query after it — shows the write.
 * A ledger refusal becomes a user error with its code; a transaction whose commit was not seen within
 * SCF_COMMIT_WAIT_MS answers PENDING with its id and a null block. Every write is recorded in
 * `client_requests` (requests/client-requests.ts) before it is endorsed and before it is ordered; with an
 * idempotency key, a retry gets the first attempt's outcome instead of a second transaction.
 */
export async function submitAs<T>(
  ctx: Context,
  write: (ledger: ScfLedger) => Promise<Committed<T>>,
): Promise<Submitted<T>> {
  const user = signedIn(ctx);
  const request = writeRequestOf(ctx);
  const requests = new ClientRequests(ctx.db);
  const ledger = await ctx.services.ledgerAs(user);
  const start = await startRequest<T>(ctx, requests, user.id, request);
  if ('answer' in start) return start.answer;
  const { claimed } = start;
  let sent: { transactionId: string; result: string } | undefined;
  const tracked = ledger.tracked({
    commitWaitMs: ctx.services.config.SCF_COMMIT_WAIT_MS,
    hooks: {
      // The claimed row says ENDORSING with nothing kept, which holds for the first attempt as it is:
      // only a fresh attempt after a read conflict must clear what the one before it sent.
      endorsing: (transactionId) =>
        sent === undefined ? Promise.resolve() : requests.endorsing(claimed, transactionId),
      ordering: async (transactionId, bytes, envelope) => {
        const result = decoder.decode(bytes);
        await requests.ordering(claimed, transactionId, result, envelope);
        sent = { transactionId, result };
      },
    },
  });
  let committed: Committed<T>;
  try {
    committed = await write({ ...ledger, ...tracked });
  } catch (error) {
    if (error instanceof OutcomeUnknown && sent?.transactionId === error.transactionId) {
      ctx.services.log(`${request.operation}: ${describeLedgerFailure(error)}`);
      return {
        value: parse<T>(sent.result),
        transactionId: sent.transactionId,
        blockNumber: null,
        projection: 'PENDING',
      };
    }
    await recordFailure(ctx, requests, claimed, error);
    if (error instanceof LostClaim) {
      throw userError(NodeErrorCodes.IdempotencyKeyInUse, 'another request with this key took it over');
    }
    throw fromLedger(error);
  }
  const done = await projected(ctx, committed.value, committed.transactionId, committed.blockNumber);
  // Applied: the projector marked the request VALID in the SQL transaction that applied it.
  if (done.projection === 'PENDING') await recordCommit(ctx, requests, claimed, committed);
  return done;
}

/** Marks a request VALID that the projector has not reached yet (it does the same when it does). */
async function recordCommit(
  ctx: Context,
  requests: ClientRequests,
  claimed: Claimed,
  committed: Committed<unknown>,
): Promise<void> {
  try {
    await requests.committed(claimed, committed.blockNumber);
  } catch (error) {
    // Committed all the same: the projector marks the request VALID when it applies the transaction.
    const operation = ctx.ledgerWrite?.operation ?? 'write';
    ctx.services.log(`${operation}: commit of ${committed.transactionId} not recorded: ${String(error)}`);
  }
}

/** A committed write, once this node's projector applied it (or its wait ran out: PENDING). */
async function projected<T>(
  ctx: Context,
  value: T,
  transactionId: string,
  blockNumber: bigint,
): Promise<Submitted<T>> {
  const applied = await ctx.services.awaitProjection({ transactionId, blockNumber });
  return { value, transactionId, blockNumber, projection: applied ? 'APPLIED' : 'PENDING' };
}

/**
 * The code a failed write is recorded with: the ledger's, or a user error's raised before the ledger
 * was reached (the registry's refusal before a disbursement, say); INTERNAL for anything else.
 */
function failureCode(error: unknown): string {
  if (error instanceof LedgerError) return error.code;
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return isApiErrorCode(code) ? code : NodeErrorCodes.Internal;
}

/** Records how a write ended that changed nothing; the client's answer does not depend on it. */
async function recordFailure(
  ctx: Context,
  requests: ClientRequests,
  claimed: Claimed,
  error: unknown,
): Promise<void> {
  const operation = ctx.ledgerWrite?.operation ?? 'write';
  ctx.services.log(`${operation} failed: ${describeLedgerFailure(error)}`);
  if (error instanceof LostClaim) return;
  try {
    if (error instanceof TransactionInvalid) {
      await requests.invalid(claimed, error.validation, error.blockNumber);
    } else {
      await requests.failed(claimed, failureCode(error));
    }
  } catch (recording) {
    ctx.services.log(`${operation}: failure not recorded: ${String(recording)}`);
  }
}

/**
 * Claims the request's row; with a key already claimed, answers as its first attempt did: the same
 * transaction and result once VALID (or still PENDING: a transaction overdue on the ledger is sent
 * again, as the pending sweep would), a fresh attempt once that one changed nothing,
 * IDEMPOTENCY_KEY_REUSED for other arguments. A request still in flight with the key is waited for (at
 * most SCF_COMMIT_WAIT_MS), then IDEMPOTENCY_KEY_IN_USE while it is still being endorsed.
 */
async function startRequest<T>(
  ctx: Context,
  requests: ClientRequests,
  userId: string,
  request: WriteRequest,
): Promise<Start<T>> {
  const waitMs = ctx.services.config.SCF_COMMIT_WAIT_MS;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await requests.claim(userId, request);
    if (!('existing' in claim)) return { claimed: claim };
    let row = claim.existing;
    if (row.operation !== request.operation || row.argsHash !== request.argsHash) {
      throw userError(
        NodeErrorCodes.IdempotencyKeyReused,
        `this key was first used for ${row.operation} with other arguments; use a new key`,
      );
    }
    while (inFlight(row, waitMs, Date.now()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      row = (await requests.reread(row)) ?? row;
    }
    // Settled if the ledger knows its transaction; sent again (or given up) if it is overdue there.
    row = (await ctx.services.pendingWrites.advance(row)).row;
    const answer = await replay<T>(ctx, row);
    if (answer) return { answer };
    if (row.state === 'ENDORSING' && inFlight(row, waitMs, Date.now())) {
      throw userError(
        NodeErrorCodes.IdempotencyKeyInUse,
        'an earlier request with this key is still being endorsed; ask again in a moment',
      );
    }
    const taken = await requests.reclaim(row);
    if (taken) return { claimed: taken };
  }
}

/** The first attempt's answer, if it stands: its transaction committed VALID, or may still commit. */
async function replay<T>(ctx: Context, row: RequestRow): Promise<Submitted<T> | undefined> {
  if (row.transactionId === null) return undefined;
  if (row.state === 'VALID' && row.blockNumber !== null) {
    return projected(ctx, parse<T>(row.result), row.transactionId, row.blockNumber);
  }
  if (row.state === 'PENDING') {
    return {
      value: parse<T>(row.result),
      transactionId: row.transactionId,
      blockNumber: null,
      projection: 'PENDING',
    };
  }
  return undefined;
}

/** The payload of a write whose object the read model now holds (loaded only once APPLIED). */
export async function withNode<T, Row>(
  done: Submitted<T>,
  load: () => Promise<Row | null>,
): Promise<{ projection: Projection; transactionId: string; blockNumber: bigint | null; node: Row | null }> {
  const { projection, transactionId, blockNumber } = done;
  return { projection, transactionId, blockNumber, node: projection === 'APPLIED' ? await load() : null };
}
