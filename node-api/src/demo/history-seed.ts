/**
 * The demo's past: invoices a tier-1 supplier registered and the core enterprise confirmed months
 * ago, now past maturity and unpaid. Run by `nodes.ts seed` with a shifted clock (shifted-clock.ts),
 * directly through fabric-gateway with identities of the demo enterprises from the org CAs.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { enrollUser, openNetwork, type NetworkContext } from '@scf/network';
import { LedgerError } from '../ledger/errors.ts';
import { connectMember } from '../ledger/member-connection.ts';
import { scfLedger, type ScfLedger } from '../ledger/scf-ledger.ts';
import { cstDay } from './calendar.ts';
import { demoEnterprise, type DemoKey } from './demo-consortium.ts';

const HISTORY_INVOICES = 8;

async function ledgerAs(ctx: NetworkContext, key: DemoKey, role: 'clerk' | 'approver'): Promise<ScfLedger> {
  const enterprise = demoEnterprise(key);
  const user = await enrollUser(ctx, {
    org: enterprise.org,
    name: `history-${enterprise.login}-${role}`,
    enterpriseId: enterprise.id,
    role,
  });
  const { channel, chaincode } = ctx.topology.config;
  return scfLedger(connectMember(ctx, user).gateway, channel, chaincode.name);
}

/**
 * Confirms as soon as the core enterprise's peer has the invoice. Not `waitForBlock`: block delivery
 * refuses a client whose clock is this far off, while proposals and commit status accept it.
 */
async function confirmOnceVisible(approver: ScfLedger, invoiceId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await approver.invoice.Confirm({ invoiceId, waiveDelivery: true });
      return;
    } catch (error) {
      if (!(error instanceof LedgerError && error.code === 'NOT_FOUND') || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'state-dir': { type: 'string' } } });
  const ctx = openNetwork({ stateDir: values['state-dir'], log: () => undefined });
  const clerk = await ledgerAs(ctx, 'tier1', 'clerk');
  const approver = await ledgerAs(ctx, 'core', 'approver');
  for (let index = 0; index < HISTORY_INVOICES; index += 1) {
    const number = `HC-H${String(index + 1).padStart(4, '0')}`;
    const registered = await clerk.invoice.Register({
      number,
      buyerId: demoEnterprise('core').id,
      amount: String((180_000 + index * 37_500) * 100),
      issueDate: cstDay(-2),
      // Due 45..80 days after this shifted "today": in the real present, weeks overdue.
      dueDate: cstDay(45 + index * 5),
      documentHash: createHash('sha256').update(`history ${number}`).digest('hex'),
      purchaseOrderNumber: `PO-H${index + 1}`,
    });
    await confirmOnceVisible(approver, registered.value.id);
  }
  process.stdout.write(`${HISTORY_INVOICES} invoices confirmed as of ${cstDay(0)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`history seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
