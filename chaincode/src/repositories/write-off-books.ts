import type { Context } from 'fabric-contract-api';
import {
  ContractError,
  ErrorCodes,
  forbidden,
  marshal,
  unmarshal,
  type WriteOffBook,
} from '@scf/ledger-contract';
import { orgCollection } from '../lib/collections';

/**
 * The composite-key type of a bank's write-off book in its org's implicit collection. The key is
 * the bank's alone (not a financing's), so the key hash Fabric writes into the block names no financing.
 */
export const WRITE_OFF_BOOK = 'writeoffbook';

function bookKey(ctx: Context, bankId: string): string {
  return ctx.stub.createCompositeKey(WRITE_OFF_BOOK, [bankId]);
}

/** The collection `mspId` keeps its banks' books in; read only on a peer of that org. */
function ownCollection(ctx: Context, mspId: string): string {
  const peerMsp = ctx.stub.getMspID();
  if (peerMsp !== mspId) {
    throw forbidden(`a write-off book of ${mspId} is kept on its own peers; this peer belongs to ${peerMsp}`);
  }
  return orgCollection(mspId);
}

/** The bank's book as its org holds it; none before its first write. */
export async function findBook(
  ctx: Context,
  mspId: string,
  bankId: string,
): Promise<WriteOffBook | undefined> {
  const bytes = await ctx.stub.getPrivateData(ownCollection(ctx, mspId), bookKey(ctx, bankId));
  return bytes.length === 0 ? undefined : unmarshal<WriteOffBook>(bytes);
}

/** The bank's book, or NOT_FOUND. */
export async function getBook(ctx: Context, mspId: string, bankId: string): Promise<WriteOffBook> {
  const book = await findBook(ctx, mspId, bankId);
  if (!book) throw new ContractError(ErrorCodes.NotFound, `bank ${bankId} has no write-off book`);
  return book;
}

/** Writes the bank's book into its org's collection only. */
export async function saveBook(ctx: Context, mspId: string, book: WriteOffBook): Promise<void> {
  await ctx.stub.putPrivateData(
    ownCollection(ctx, mspId),
    bookKey(ctx, book.bankId),
    Buffer.from(marshal(book)),
  );
}
