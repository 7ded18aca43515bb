import { setTimeout as sleep } from 'node:timers/promises';
import { cstDay } from '../demo/calendar.ts';
import type { NodeClient } from '../demo/graphql-client.ts';
import { NodeErrorCodes } from '../errors/codes.ts';
import { errorLabel } from './error-label.ts';
import type { Tally } from './tally.ts';

const REGISTER = `mutation($input: RegisterInvoiceInput!, $key: String) {
  registerInvoice(input: $input, clientRequestId: $key) { projection transactionId blockNumber } }`;
const STATUS = `query($key: String) {
  transactionStatus(clientRequestId: $key) { state transactionId blockNumber } }`;

interface Registered {
  registerInvoice: { projection: 'APPLIED' | 'PENDING'; transactionId: string; blockNumber: string | null };
}

interface Status {
  transactionStatus: {
    state: 'UNKNOWN' | 'PENDING' | 'VALID' | 'INVALID';
    transactionId: string | null;
    blockNumber: string | null;
  };
}

/** One user action of the load: an invoice to register, and the idempotency key it is sent with every time. */
export interface DrillWrite {
  key: string;
  number: string;
}

/** The node said the write committed: its transaction and block. */
export interface Acknowledgement {
  transactionId: string;
  blockNumber: bigint;
}

export interface WriteOutcome {
  write: DrillWrite;
  acknowledged?: Acknowledgement;
  /**
   * A retry with the write's key was refused ALREADY_EXISTS: the node sent a second transaction for one
   * key (refused only because the ledger knows the invoice's fingerprint), a broken promise of the key.
   */
  secondTransaction: boolean;
  /** Why the writer stopped without an acknowledgement: a final refusal's code, or GAVE_UP at the deadline. */
  unfinished?: string;
}

/** Refusals that a retry of the same write cannot turn into a success: the drill itself is wrong. */
const FINAL: ReadonlySet<string> = new Set([
  NodeErrorCodes.AlreadyExists,
  NodeErrorCodes.InvalidArgument,
  NodeErrorCodes.Forbidden,
  NodeErrorCodes.NotFound,
  NodeErrorCodes.DocumentNotOwned,
  NodeErrorCodes.IdempotencyKeyReused,
  NodeErrorCodes.Unauthenticated,
]);

/** Pauses between tries of one write: the first, doubling up to the longest. */
export interface RetryPauses {
  firstMs: number;
  longestMs: number;
}

const PAUSES: RetryPauses = { firstMs: 250, longestMs: 2_000 };

/** Where a write stands between two tries. */
export interface Progress {
  /** The node answered PENDING without a block: ask its status before sending it again. */
  askStatus: boolean;
  final?: string;
}

/**
 * Registers invoices from one seller's clerk at the seller's node, the way the README tells a client to
 * retry: the same `clientRequestId` on every try, `transactionStatus` after a PENDING answer without a
 * block, pauses that grow while the node keeps failing. Counts every failed try and PENDING answer.
 */
export class InvoiceWriter {
  readonly #client: Pick<NodeClient, 'request'>;
  readonly #buyerId: string;
  readonly #documentSha256: string;
  readonly #tally: Tally;
  readonly #pauses: RetryPauses;

  constructor(
    client: Pick<NodeClient, 'request'>,
    invoice: { buyerId: string; documentSha256: string },
    tally: Tally,
    pauses: RetryPauses = PAUSES,
  ) {
    this.#client = client;
    this.#buyerId = invoice.buyerId;
    this.#documentSha256 = invoice.documentSha256;
    this.#tally = tally;
    this.#pauses = pauses;
  }

  /** Tries until the node acknowledges the write, refuses it for good, or `giveUpAt` (epoch ms) passes. */
  async write(write: DrillWrite, giveUpAt: number): Promise<WriteOutcome> {
    const progress: Progress = { askStatus: false };
    let pause = this.#pauses.firstMs;
    for (;;) {
      const acknowledged = await this.attempt(write, progress);
      if (acknowledged) return { write, acknowledged, secondTransaction: false };
      if (progress.final !== undefined) {
        const secondTransaction = progress.final === NodeErrorCodes.AlreadyExists;
        return { write, secondTransaction, unfinished: progress.final };
      }
      if (Date.now() + pause > giveUpAt) return { write, secondTransaction: false, unfinished: 'GAVE_UP' };
      await sleep(pause);
      pause = Math.min(pause * 2, this.#pauses.longestMs);
    }
  }

  /** One try: the acknowledgement once the node says the write committed, else undefined. */
  async attempt(
    write: DrillWrite,
    progress: Progress = { askStatus: false },
  ): Promise<Acknowledgement | undefined> {
    try {
      if (progress.askStatus) {
        const { transactionStatus: status } = await this.#client.request<Status>(STATUS, { key: write.key });
        if (status.state === 'VALID' && status.transactionId !== null && status.blockNumber !== null) {
          return { transactionId: status.transactionId, blockNumber: BigInt(status.blockNumber) };
        }
        // Still PENDING: the node settles or resends it by itself; asking again is waiting, no failure.
        if (status.state === 'PENDING') return undefined;
        // INVALID or UNKNOWN: nothing was written, and the key may be sent again.
        this.#tally.add(`status ${status.state}`);
        progress.askStatus = false;
        return undefined;
      }
      const { registerInvoice: answer } = await this.#client.request<Registered>(REGISTER, {
        key: write.key,
        input: {
          number: write.number,
          buyerId: this.#buyerId,
          amount: '1000000',
          issueDate: cstDay(0),
          dueDate: cstDay(90),
          documentSha256: this.#documentSha256,
        },
      });
      // APPLIED, or PENDING with a block: committed, this org's projector just had not applied it yet.
      if (answer.blockNumber !== null) {
        return { transactionId: answer.transactionId, blockNumber: BigInt(answer.blockNumber) };
      }
      this.#tally.add('PENDING');
      progress.askStatus = true;
      return undefined;
    } catch (error) {
      const label = errorLabel(error);
      this.#tally.add(label);
      if (FINAL.has(label)) progress.final = label;
      return undefined;
    }
  }
}
