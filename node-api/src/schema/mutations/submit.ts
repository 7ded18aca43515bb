import type { SessionUser } from '../../auth/session-user.ts';
import type { Committed, ScfLedger } from '../../ledger/scf-ledger.ts';
import type { Context } from '../context.ts';
import { fromLedger } from '../errors.ts';

/** How a write ended from the caller's view: in the read model already, or committed but not yet there. */
export type Projection = 'APPLIED' | 'PENDING';

export interface Submitted<T> {
  value: T;
  transactionId: string;
  blockNumber: bigint;
  projection: Projection;
}

export function signedIn(ctx: Context): SessionUser {
  if (!ctx.user) throw new Error('authScopes let an anonymous request through');
  return ctx.user;
}

/**
 * Submits one transaction with the caller's own identity and waits (bounded) until this node's
 * projector applied it, so that what the mutation returns — and every query after it — shows the write.
 * A ledger refusal becomes a user error with the chaincode's code.
 */
export async function submitAs<T>(
  ctx: Context,
  write: (ledger: ScfLedger) => Promise<Committed<T>>,
): Promise<Submitted<T>> {
  const ledger = await ctx.services.ledgerAs(signedIn(ctx));
  let committed: Committed<T>;
  try {
    committed = await write(ledger);
  } catch (error) {
    throw fromLedger(error);
  }
  const applied = await ctx.services.awaitProjection(committed);
  return { ...committed, projection: applied ? 'APPLIED' : 'PENDING' };
}

/** The payload of a write whose object the read model now holds (loaded only once APPLIED). */
export async function withNode<T, Row>(
  done: Submitted<T>,
  load: () => Promise<Row | null>,
): Promise<{ projection: Projection; transactionId: string; blockNumber: bigint; node: Row | null }> {
  const { projection, transactionId, blockNumber } = done;
  return { projection, transactionId, blockNumber, node: projection === 'APPLIED' ? await load() : null };
}
