import type { NetworkContext } from '@scf/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHistory } from '../src/cli/history-process.ts';
import { registryUrl } from '../src/cli/registry-process.ts';
import { cstDay } from '../src/demo/calendar.ts';
import type { NodeClient } from '../src/demo/graphql-client.ts';
import { historyInvoices } from '../src/demo/history-plan.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { loginAs, startNodeApis } from './support/node-apis.ts';
import { startTestNetwork, stopTestNetwork } from './support/test-network.ts';

interface MonthVolume {
  month: string;
  invoicesRegistered: string;
  vouchersIssued: string;
  financingsDisbursed: string;
}

interface Disbursed {
  status: string;
  registration: { registeredAt: string } | null;
  assignmentNotice: { noticedAt: string } | null;
}

const FIRST_MONTH = `${cstDay(-350).slice(0, 8)}01`;
const VOLUMES = `query($from: Date!, $to: Date!) { dashboard { volumes(from: $from, to: $to) {
  month invoicesRegistered vouchersIssued financingsDisbursed } } }`;
const FINANCINGS = `{ financings(first: 100, filter: { statuses: [DISBURSED, SETTLED] }) { edges { node {
  status voucherId registration { registeredAt } assignmentNotice { noticedAt } } } } }`;

let ctx: NetworkContext | undefined;
let seconds = 0;

const volumesOf = async (client: NodeClient): Promise<MonthVolume[]> =>
  (
    await client.request<{ dashboard: { volumes: MonthVolume[] } }>(VOLUMES, {
      from: FIRST_MONTH,
      to: cstDay(0),
    })
  ).dashboard.volumes;

const monthsWith = (volumes: MonthVolume[], field: keyof Omit<MonthVolume, 'month'>): number =>
  volumes.filter((volume) => BigInt(volume[field]) > 0n).length;

describe('the demo’s year of history', () => {
  beforeAll(async () => {
    ctx = await startTestNetwork(1);
    const network = ctx;
    const urls = await startNodeApis(network);
    const started = Date.now();
    // No invoices of today: every figure below is the history's.
    await seedDemo({
      urls,
      invoices: 0,
      log: () => undefined,
      afterSetup: async () => {
        await writeHistory(network);
        seconds = Math.round((Date.now() - started) / 1000);
      },
    });
    process.stdout.write(`demo history written in ${String(seconds)} s\n`);
  }, 900_000);

  afterAll(async () => {
    await stopTestNetwork(ctx);
  });

  it('shows the core enterprise business in each of the past eleven months', async () => {
    const core = await loginAs(ctx as NetworkContext, 'core', 'approver');
    const total = historyInvoices(cstDay(0)).reduce((sum, invoice) => sum + invoice.amount, 0n);
    // Once its node projected the whole history: every invoice, each in its own month.
    await expect
      .poll(
        async () =>
          (await volumesOf(core)).reduce((sum, volume) => sum + BigInt(volume.invoicesRegistered), 0n),
        { timeout: 120_000 },
      )
      .toBe(total);
    const volumes = await volumesOf(core);
    expect(monthsWith(volumes, 'invoicesRegistered')).toBe(11);
    expect(monthsWith(volumes, 'vouchersIssued')).toBe(11);
    expect(volumes.at(-1)?.invoicesRegistered).toBe('0');
  });

  it('shows each bank financing in most months, registered at the registry on the day it paid out', async () => {
    const months = new Set<string>();
    for (const bank of ['bankA', 'bankB'] as const) {
      const banker = await loginAs(ctx as NetworkContext, bank, 'approver');
      for (const volume of await volumesOf(banker)) {
        if (BigInt(volume.financingsDisbursed) > 0n) months.add(volume.month);
      }
      const found = await banker.request<{ financings: { edges: { node: Disbursed }[] } }>(FINANCINGS);
      const financings = found.financings.edges.map((edge) => edge.node);
      expect(financings.length).toBeGreaterThan(5);
      for (const financing of financings) {
        const registered = Date.parse(financing.registration?.registeredAt ?? '');
        const noticed = Date.parse(financing.assignmentNotice?.noticedAt ?? '');
        // Registered just before the payout, by the seeder's clock: both in the past, minutes apart.
        expect(registered).toBeLessThanOrEqual(noticed);
        expect(noticed - registered).toBeLessThan(600_000);
        expect(noticed).toBeLessThan(Date.now() - 20 * 86_400_000);
      }
    }
    expect(months.size).toBeGreaterThanOrEqual(9);
  });

  it('keeps the registry answering after the history, with the history’s registrations', async () => {
    const answer = await fetch(`${registryUrl(ctx as NetworkContext)}/healthz`);
    const health = (await answer.json()) as { registrations: number };
    const financed = historyInvoices(cstDay(0)).filter((invoice) => invoice.next.kind === 'finance');
    expect(health.registrations).toBe(financed.length);
  });

  it('leaves a few vouchers unpaid past maturity and open ones maturing in the months ahead', async () => {
    const core = await loginAs(ctx as NetworkContext, 'core', 'approver');
    const swept = await core.request<{ sweepOverdue: { count: number } }>(
      'mutation { sweepOverdue(limit: 200) { count } }',
    );
    expect(swept.sweepOverdue.count).toBe(6);
    const ladder = await core.request<{ dashboard: { maturityLadder: { count: number }[] } }>(
      '{ dashboard { maturityLadder { count } } }',
    );
    const open = ladder.dashboard.maturityLadder.reduce((sum, step) => sum + step.count, 0);
    expect(open).toBeGreaterThan(10);
  });
});
