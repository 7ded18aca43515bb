import { setTimeout as sleep } from 'node:timers/promises';
import { enrollUser, type MemberPlan, type NetworkContext } from '@scf/network';
import type { Invoice } from '@scf/ledger-contract';
import { nodeDatabaseUrl } from '../cli/node-env.ts';
import { createDatabase, type Database } from '../db/client.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { scfLedger, type ScfLedger } from '../ledger/scf-ledger.ts';
import { reconcile, type Difference } from '../projector/reconcile.ts';
import type { Acknowledgement, WriteOutcome } from './invoice-writer.ts';

/** What the ledger and every read model hold of the writes a client was told succeeded. */
export interface Verification {
  /** Acknowledged writes missing on the ledger or in some org's read model. */
  lost: number;
  /** Writes that made more than one transaction or object on the ledger. */
  duplicated: number;
  /** Differences `reconcile` found, summed over every org. */
  differences: number;
  /** What went wrong, one line each (the first few of each kind). */
  findings: string[];
}

/** The most ListAll gives in one page. */
const PAGE_SIZE = 100;
const MAX_FINDINGS = 5;

/** One org's ledger (through its own peer, as its service identity) and read model, for as long as a check lasts. */
interface OrgView {
  org: string;
  ledger: ScfLedger;
  db: Database;
  close: () => Promise<void>;
}

async function openView(ctx: NetworkContext, member: MemberPlan): Promise<OrgView> {
  const service = await enrollUser(ctx, {
    org: member.name,
    name: 'orgadmin',
    enterpriseId: 'ORG-ADMIN',
    role: 'admin',
  });
  const connection = connectMember(ctx, service);
  const db = createDatabase(nodeDatabaseUrl(ctx, member));
  const { channel, chaincode } = ctx.topology.config;
  return {
    org: member.name,
    ledger: scfLedger(connection.gateway, channel, chaincode.name),
    db,
    close: async () => {
      connection.close();
      await db.$disconnect();
    },
  };
}

async function ledgerInvoices(
  ledger: ScfLedger,
  numbers: ReadonlySet<string>,
): Promise<Map<string, Invoice[]>> {
  const found = new Map<string, Invoice[]>();
  let bookmark = '';
  do {
    const page = await ledger.ledger.ListAll({ type: 'invoice', pageSize: PAGE_SIZE, bookmark });
    for (const record of page.items as Invoice[]) {
      if (numbers.has(record.number)) found.set(record.number, [...(found.get(record.number) ?? []), record]);
    }
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return found;
}

/** Polls until the read model holds every number (or `deadline`); answers each number's transaction there. */
async function readModelInvoices(
  db: Database,
  numbers: readonly string[],
  deadline: number,
): Promise<Map<string, string>> {
  for (;;) {
    const rows = await db.invoice.findMany({
      where: { number: { in: [...numbers] } },
      select: { number: true, txId: true },
    });
    if (rows.length >= numbers.length || Date.now() > deadline) {
      return new Map(rows.map((row) => [row.number, row.txId]));
    }
    await sleep(500);
  }
}

/** reconcile, again while the org's peer or projector may still be catching up, until clean or `deadline`. */
async function settledDifferences(view: OrgView, deadline: number): Promise<Difference[]> {
  for (;;) {
    const differences = await reconcile(view.db, view.ledger);
    if (differences.length === 0 || Date.now() > deadline) return differences;
    await sleep(1_000);
  }
}

/**
 * Checks every acknowledged write: exactly one invoice of its number on the ledger, last written by the
 * one transaction the client was told about; the same transaction's row in every org's read
 * model (every org projects every invoice). A retry that made the node send a second transaction counts
 * as duplicated. Then runs reconcile for every org. Read models get `catchUpMs` to apply what they lack.
 */
export async function verifyWrites(
  ctx: NetworkContext,
  outcomes: readonly WriteOutcome[],
  catchUpMs: number,
): Promise<Verification> {
  const acknowledged = new Map<string, Acknowledgement>();
  for (const outcome of outcomes) {
    if (outcome.acknowledged) acknowledged.set(outcome.write.number, outcome.acknowledged);
  }
  const lost = new Map<string, string>();
  const duplicated = new Map<string, string>();
  for (const outcome of outcomes) {
    if (outcome.secondTransaction) duplicated.set(outcome.write.number, 'a retry sent a second transaction');
  }
  const numbers = [...acknowledged.keys()];
  const lastBlock = [...acknowledged.values()].reduce(
    (top, ack) => (ack.blockNumber > top ? ack.blockNumber : top),
    0n,
  );
  const views = await Promise.all(ctx.topology.members.map((member) => openView(ctx, member)));
  const deadline = Date.now() + catchUpMs;
  const reconciled: string[] = [];
  let differences = 0;
  try {
    const [first] = views;
    if (first) {
      await first.ledger.waitForBlock(lastBlock, catchUpMs);
      const onLedger = await ledgerInvoices(first.ledger, new Set(numbers));
      for (const [number, ack] of acknowledged) {
        const records = onLedger.get(number) ?? [];
        if (records.length === 0) lost.set(number, 'not on the ledger');
        if (records.length > 1) duplicated.set(number, `${String(records.length)} invoices on the ledger`);
        // The store stamps each record with the transaction that last wrote it; nothing else writes these.
        for (const record of records) {
          if (record.txId !== ack.transactionId) {
            duplicated.set(number, `written by ${record.txId}; acknowledged as ${ack.transactionId}`);
          }
        }
      }
    }
    for (const view of views) {
      await view.ledger.waitForBlock(lastBlock, catchUpMs);
      const rows = await readModelInvoices(view.db, numbers, deadline);
      for (const [number, ack] of acknowledged) {
        const txId = rows.get(number);
        if (txId === undefined) lost.set(number, `not in ${view.org}'s read model`);
        else if (txId !== ack.transactionId) {
          duplicated.set(
            number,
            `${view.org}'s read model has ${txId}; acknowledged as ${ack.transactionId}`,
          );
        }
      }
      const found = await settledDifferences(view, deadline);
      differences += found.length;
      reconciled.push(
        ...found.map((d) => `reconcile ${view.org}: ${d.problem} ${d.type} ${d.id} ${d.fields.join(',')}`),
      );
    }
  } finally {
    await Promise.all(views.map((view) => view.close()));
  }
  const lines = (kind: string, found: Map<string, string>): string[] =>
    [...found].slice(0, MAX_FINDINGS).map(([number, why]) => `${kind} ${number}: ${why}`);
  return {
    lost: lost.size,
    duplicated: duplicated.size,
    differences,
    findings: [
      ...lines('lost', lost),
      ...lines('duplicated', duplicated),
      ...reconciled.slice(0, MAX_FINDINGS),
    ],
  };
}
