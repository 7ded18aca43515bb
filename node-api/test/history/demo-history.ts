import type { NetworkContext } from '@scf/network';
import { describe, expect, it } from 'vitest';
import { registryUrl } from '../../src/cli/registry-process.ts';
import { cstDay } from '../../src/demo/calendar.ts';
import type { NodeClient } from '../../src/demo/graphql-client.ts';
import { historyInvoices } from '../../src/demo/history-plan.ts';
import { loginAs } from '../support/node-apis.ts';

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

const volumesOf = async (client: NodeClient): Promise<MonthVolume[]> =>
  (
    await client.request<{ dashboard: { volumes: MonthVolume[] } }>(VOLUMES, {
      from: FIRST_MONTH,
      to: cstDay(0),
    })
  ).dashboard.volumes;

const financedInHistory = () =>
  historyInvoices(cstDay(0)).filter((invoice) => invoice.next.kind === 'finance');

const monthsWith = (volumes: MonthVolume[], field: keyof Omit<MonthVolume, 'month'>): number =>
  volumes.filter((volume) => BigInt(volume[field]) > 0n).length;

/**
 * The demo's year of history, written by the shared network's seed before today's business (its 12
 * invoices fall in the current month), checked before any other suite writes: first in its file.
 */
export function demoHistorySuite(network: () => NetworkContext): void {
  describe('the demo’s year of history', () => {
    // Disbursed financings both banks list (history and today's seed), counted by the second test.
    let disbursed = 0;
    it('shows the core enterprise business in each of the past eleven months', async () => {
      const core = await loginAs(network(), 'core', 'approver');
      const total = historyInvoices(cstDay(0)).reduce((sum, invoice) => sum + invoice.amount, 0n);
      // Once its node projected the whole history: every invoice, each in its own month.
      // The months before this one; the current month holds today's business.
      const past = async (): Promise<MonthVolume[]> => (await volumesOf(core)).slice(0, -1);
      await expect
        .poll(
          async () => (await past()).reduce((sum, volume) => sum + BigInt(volume.invoicesRegistered), 0n),
          { timeout: 120_000 },
        )
        .toBe(total);
      const volumes = await past();
      expect(monthsWith(volumes, 'invoicesRegistered')).toBe(11);
      expect(monthsWith(volumes, 'vouchersIssued')).toBe(11);
    });

    it('shows each bank financing in most months, registered at the registry on the day it paid out', async () => {
      const months = new Set<string>();
      let pastFinancings = 0;
      for (const bank of ['bankA', 'bankB'] as const) {
        const banker = await loginAs(network(), bank, 'approver');
        for (const volume of await volumesOf(banker)) {
          if (BigInt(volume.financingsDisbursed) > 0n) months.add(volume.month);
        }
        const found = await banker.request<{ financings: { edges: { node: Disbursed }[] } }>(FINANCINGS);
        const financings = found.financings.edges.map((edge) => edge.node);
        disbursed += financings.length;
        for (const financing of financings) {
          const registered = Date.parse(financing.registration?.registeredAt ?? '');
          const noticed = Date.parse(financing.assignmentNotice?.noticedAt ?? '');
          // Registered just before the payout, by the seeder's clock, minutes apart.
          expect(registered).toBeLessThanOrEqual(noticed);
          expect(noticed - registered).toBeLessThan(600_000);
          // The history's last cohort paid out about a month ago; today's seed within the hour.
          if (noticed < Date.now() - 20 * 86_400_000) pastFinancings += 1;
          else expect(noticed).toBeGreaterThan(Date.now() - 86_400_000);
        }
      }
      expect(pastFinancings).toBe(financedInHistory().length);
      expect(months.size).toBeGreaterThanOrEqual(9);
    });

    it('keeps the registry answering after the history, with the history’s registrations', async () => {
      const answer = await fetch(`${registryUrl(network())}/healthz`);
      const health = (await answer.json()) as { registrations: number };
      // One registration for each disbursed financing, the history's and today's, and no other.
      expect(health.registrations).toBe(disbursed);
      expect(disbursed).toBeGreaterThan(financedInHistory().length);
    });

    it('leaves a few vouchers unpaid past maturity and open ones maturing in the months ahead', async () => {
      const core = await loginAs(network(), 'core', 'approver');
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
}
