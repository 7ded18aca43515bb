import { randomBytes } from 'node:crypto';
import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import type {
  BenchmarkRate,
  Charter,
  CharterProposal,
  CharterTerms,
  CreditLine,
  Enterprise,
  Financing,
  Invoice,
  LedgerRecord,
  OfferTerms,
  Shipment,
  Voucher,
} from '@scf/ledger-contract';
import { LEDGER_UNAVAILABLE, LedgerError } from './errors.ts';
import { evaluate, submit, type SubmitOptions } from './submit.ts';

export type {
  BenchmarkRate,
  Charter,
  CharterProposal,
  CharterTerms,
  CreditLine,
  Enterprise,
  Financing,
  Invoice,
  OfferTerms,
  Shipment,
  Voucher,
};

/** A committed write: what the chaincode returned, and where it sits in the ledger. */
export interface Committed<T> {
  value: T;
  transactionId: string;
  blockNumber: bigint;
}

export interface Page<T> {
  items: T[];
  bookmark: string;
}

/** Offer terms the bank chooses; the chaincode derives the rest (rate, interest, proceeds). */
export interface OfferInput {
  advanceRateBps: number;
  spreadBps: number;
  fees: string;
  validUntil: string;
}

/**
 * Bytes of secret salt in every offer's private terms (128 bits): the terms are otherwise built from
 * a few public or round values, so without it their public hash could be brute-forced.
 */
export const OFFER_SALT_BYTES = 16;

/** A fresh salt for one offer, as the chaincode expects it (lower-case hex). */
export function offerSalt(): string {
  return randomBytes(OFFER_SALT_BYTES).toString('hex');
}

/** A piece of a split: kept by the holder, or transferred against an invoice from the recipient. */
export type VoucherPiece = { amount: string } | { amount: string; toEnterpriseId: string; invoiceId: string };

const decoder = new TextDecoder();
const parse = <T>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;

/** One contract (namespace) of the chaincode, turning strings and JSON into typed values. */
class Namespace {
  private readonly contract: Contract;

  constructor(gateway: Gateway, channel: string, chaincode: string, name: string) {
    this.contract = gateway.getNetwork(channel).getContract(chaincode, name);
  }

  async write<T>(name: string, args: string[], options?: SubmitOptions): Promise<Committed<T>> {
    const submitted = await submit(this.contract, name, args, options);
    return {
      value: parse<T>(submitted.result),
      transactionId: submitted.transactionId,
      blockNumber: submitted.blockNumber,
    };
  }

  async read<T>(name: string, args: string[]): Promise<T> {
    return parse<T>(await evaluate(this.contract, name, args));
  }
}

const PAGE = ['50', ''];

/** Typed client of the supply-chain finance chaincode, acting with one user's identity. */
export class ScfLedger {
  readonly enterprises;
  readonly invoices;
  readonly shipments;
  readonly vouchers;
  readonly creditLines;
  readonly rates;
  readonly financings;
  readonly settlement;
  readonly charter;
  readonly history;
  private readonly gateway: Gateway;
  private readonly channel: string;

  constructor(gateway: Gateway, channel: string, chaincode: string) {
    this.gateway = gateway;
    this.channel = channel;
    const ns = (name: string): Namespace => new Namespace(gateway, channel, chaincode, name);
    const enterprise = ns('enterprise');
    const invoice = ns('invoice');
    const shipment = ns('shipment');
    const voucher = ns('voucher');
    const credit = ns('creditline');
    const rate = ns('rate');
    const financing = ns('financing');
    const settlement = ns('settlement');
    const ledger = ns('ledger');
    const charter = ns('charter');

    this.enterprises = {
      register: (id: string, name: string, kind: Enterprise['kind']) =>
        enterprise.write<Enterprise>('Register', [id, name, kind]),
      setStatus: (id: string, status: Enterprise['status']) =>
        enterprise.write<Enterprise>('SetStatus', [id, status]),
      get: (id: string) => enterprise.read<Enterprise>('Get', [id]),
      listByKind: (kind: Enterprise['kind'], page = PAGE) =>
        enterprise.read<Page<Enterprise>>('ListByKind', [kind, ...page]),
    };
    this.invoices = {
      register: (input: {
        number: string;
        buyerId: string;
        amount: string;
        issueDate: string;
        dueDate: string;
        documentHash: string;
        purchaseOrderNumber?: string;
      }) =>
        invoice.write<Invoice>('Register', [
          input.number,
          input.buyerId,
          input.amount,
          input.issueDate,
          input.dueDate,
          input.documentHash,
          input.purchaseOrderNumber ?? '',
        ]),
      confirm: (id: string, waiveDelivery = false) =>
        invoice.write<Invoice>('Confirm', [id, String(waiveDelivery)]),
      reject: (id: string, reason: string) => invoice.write<Invoice>('Reject', [id, reason]),
      cancel: (id: string) => invoice.write<Invoice>('Cancel', [id]),
      get: (id: string) => invoice.read<Invoice>('Get', [id]),
      listBySeller: (id: string, page = PAGE) => invoice.read<Page<Invoice>>('ListBySeller', [id, ...page]),
      listByBuyer: (id: string, page = PAGE) => invoice.read<Page<Invoice>>('ListByBuyer', [id, ...page]),
    };
    this.shipments = {
      recordPickup: (input: {
        invoiceId: string;
        waybillNumber: string;
        origin: string;
        destination: string;
        documentHash: string;
      }) =>
        shipment.write<Shipment>('RecordPickup', [
          input.invoiceId,
          input.waybillNumber,
          input.origin,
          input.destination,
          input.documentHash,
        ]),
      confirmDelivery: (id: string, documentHash: string) =>
        shipment.write<Shipment>('ConfirmDelivery', [id, documentHash]),
      get: (id: string) => shipment.read<Shipment>('Get', [id]),
    };
    this.vouchers = {
      splitTransfer: (id: string, pieces: VoucherPiece[]) =>
        voucher.write<{ parent: Voucher; children: Voucher[]; invoices: Invoice[] }>('SplitTransfer', [
          id,
          JSON.stringify(pieces),
        ]),
      get: (id: string) => voucher.read<Voucher>('Get', [id]),
      lineage: (id: string) => voucher.read<Voucher[]>('GetLineage', [id]),
      tree: (rootId: string) => voucher.read<{ root: Voucher; vouchers: Voucher[] }>('GetTree', [rootId]),
      listByHolder: (id: string, page = PAGE) => voucher.read<Page<Voucher>>('ListByHolder', [id, ...page]),
    };
    this.creditLines = {
      grant: (debtorId: string, limit: string, expiryDate: string) =>
        credit.write<CreditLine>('Grant', [debtorId, limit, expiryDate]),
      change: (id: string, limit: string, expiryDate: string) =>
        credit.write<CreditLine>('Change', [id, limit, expiryDate]),
      setStatus: (id: string, status: CreditLine['status']) =>
        credit.write<CreditLine>('SetStatus', [id, status]),
      get: (id: string) => credit.read<CreditLine>('Get', [id]),
    };
    this.rates = {
      publish: (tenor: BenchmarkRate['tenor'], rateBps: number, effectiveDate: string) =>
        rate.write<BenchmarkRate>('Publish', [tenor, String(rateBps), effectiveDate]),
      current: (tenor: BenchmarkRate['tenor'], asOf: string) =>
        rate.read<BenchmarkRate>('Current', [tenor, asOf]),
    };
    this.financings = {
      apply: (voucherId: string, bankId: string) => financing.write<Financing>('Apply', [voucherId, bankId]),
      /**
       * The terms travel as transient data with a fresh secret salt, endorsed only by the bank's and
       * the applicant's orgs.
       */
      offer: (id: string, terms: OfferInput, orgs: { bankMsp: string; applicantMsp: string }) =>
        financing.write<Financing>('Offer', [id], {
          transient: { terms: JSON.stringify({ ...terms, salt: offerSalt() }) },
          endorsingOrganizations: [...new Set([orgs.bankMsp, orgs.applicantMsp])],
        }),
      accept: (id: string) => financing.write<Financing>('Accept', [id]),
      disburse: (id: string, paymentReference: string) =>
        financing.write<Financing>('Disburse', [id, paymentReference]),
      reject: (id: string, reason: string) => financing.write<Financing>('Reject', [id, reason]),
      withdraw: (id: string) => financing.write<Financing>('Withdraw', [id]),
      expire: (id: string) => financing.write<Financing>('Expire', [id]),
      terms: (id: string) => financing.read<OfferTerms>('GetTerms', [id]),
      /** This org's copy of the terms, for an org admin identity (the read-model projector). */
      orgTerms: (id: string) => financing.read<OfferTerms>('GetOrgTerms', [id]),
      get: (id: string) => financing.read<Financing>('Get', [id]),
    };
    this.settlement = {
      pay: (voucherId: string, paymentReference: string) =>
        settlement.write<Voucher>('Pay', [voucherId, paymentReference]),
      sweepOverdue: (limit = 100) =>
        settlement.write<{ count: number; vouchers: Voucher[] }>('SweepOverdue', [String(limit)]),
    };
    this.charter = {
      /** Writes the first charter (only while there is none); the network does this at channel creation. */
      establish: (terms: CharterTerms) => charter.write<Charter>('Establish', [JSON.stringify(terms)]),
      get: () => charter.read<Charter>('Get', []),
      propose: (terms: CharterTerms) => charter.write<CharterProposal>('Propose', [JSON.stringify(terms)]),
      approve: (proposalId: string) => charter.write<CharterProposal>('Approve', [proposalId]),
    };
    this.history = {
      of: (type: string, id: string) => ledger.read<unknown[]>('GetHistory', [type, id]),
      /** Every record of one type, a page at a time. */
      listAll: (type: string, page = PAGE) => ledger.read<Page<LedgerRecord>>('ListAll', [type, ...page]),
    };
  }

  /**
   * Waits until this user's own peer has committed block `blockNumber`. Each org reads from its own
   * peer, which may lag the peer that confirmed another org's commit; act on what your peer shows.
   */
  async waitForBlock(blockNumber: bigint, timeoutMs = 30_000): Promise<void> {
    const events = await this.gateway.getNetwork(this.channel).getBlockEvents({ startBlock: blockNumber });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new LedgerError(LEDGER_UNAVAILABLE, `block ${blockNumber} not committed within ${timeoutMs} ms`),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([events[Symbol.asyncIterator]().next(), timeout]);
    } finally {
      clearTimeout(timer);
      events.close();
    }
  }
}
