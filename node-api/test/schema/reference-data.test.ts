import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../support/api-harness.ts';
import { dataOf } from '../support/graphql-data.ts';
import {
  creditLine,
  day,
  E,
  invoice,
  rate,
  seedEnterprises,
  shipment,
  userOf,
} from '../support/read-model-seed.ts';

type Ids = Record<string, { totalCount: number; edges: { node: Record<string, unknown> }[] }>;

describe('enterprises, rates, credit lines and shipments', () => {
  let harness: ApiHarness;
  const nodes = async (
    query: string,
    who: Parameters<typeof userOf>[0] = 'tier1',
  ): Promise<Record<string, unknown>[]> => {
    const data = dataOf(await harness.graphql<Ids>(query, {}, userOf(who)));
    const list = Object.values(data)[0];
    if (!list) throw new Error('no list');
    expect(list.totalCount).toBe(list.edges.length);
    return list.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    harness = await startApiHarness();
    await seedEnterprises(harness.db);
    await harness.db.benchmarkRate.createMany({
      data: [
        rate('1Y', 345, '2025-12-20'),
        rate('1Y', 310, '2026-01-20'),
        rate('5Y', 360, '2026-01-20'),
        rate('1Y', 300, '2026-02-20'),
      ],
    });
    await harness.db.creditLine.createMany({
      data: [
        creditLine(E.bankA, E.core, 1_000_000n, 250_000n, { expiryDate: day('2026-12-31') }),
        creditLine(E.bankB, E.core, 500_000n, 0n, { expiryDate: day('2026-10-31'), status: 'FROZEN' }),
      ],
    });
    await harness.db.invoice.createMany({
      data: [
        invoice({ id: 'i1', sellerId: E.tier1, buyerId: E.core }),
        invoice({ id: 'i2', sellerId: E.tier1, buyerId: E.core }),
      ],
    });
    await harness.db.shipment.createMany({
      data: [
        shipment({
          id: 's1',
          invoiceId: 'i1',
          logisticsId: E.carrier,
          waybillNumber: 'SF-100',
          pickedUpAt: new Date('2026-03-01T00:00:00Z'),
        }),
        shipment({
          id: 's2',
          invoiceId: 'i1',
          logisticsId: E.carrier,
          waybillNumber: 'SF-200',
          status: 'DELIVERED',
          deliveredAt: new Date('2026-03-04T00:00:00Z'),
          deliveryDocumentHash: 'a'.repeat(64),
          pickedUpAt: new Date('2026-03-02T00:00:00Z'),
        }),
        shipment({
          id: 's3',
          invoiceId: 'i2',
          logisticsId: E.carrier,
          waybillNumber: 'YT-300',
          pickedUpAt: new Date('2026-03-03T00:00:00Z'),
        }),
      ],
    });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lists enterprises by name, filtered by kind or by part of name or code', async () => {
    const names = (await nodes('{ enterprises(first: 100) { totalCount edges { node { name } } } }')).map(
      (n) => n.name,
    );
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(7);
    expect(
      await nodes(
        '{ enterprises(first: 100, filter: { kinds: [BANK] }) { totalCount edges { node { id kind hostMsp } } } }',
      ),
    ).toEqual([
      { id: E.bankA, kind: 'BANK', hostMsp: 'BankMSP' },
      { id: E.bankB, kind: 'BANK', hostMsp: 'BankMSP' },
    ]);
    expect(
      await nodes(
        '{ enterprises(first: 100, filter: { search: "carr" }) { totalCount edges { node { id } } } }',
      ),
    ).toEqual([{ id: E.carrier }]);
    expect(
      await nodes(
        '{ enterprises(first: 100, filter: { search: "logistics", kinds: [CORE] }) { totalCount edges { node { id } } } }',
      ),
    ).toEqual([]);
  });

  it('lists rates latest first (ties by id, same direction), per tenor on request', async () => {
    expect(
      await nodes(
        '{ benchmarkRates(first: 10) { totalCount edges { node { id tenor rateBps effectiveDate } } } }',
      ),
    ).toEqual([
      { id: '1Y:2026-02-20', tenor: 'LPR_1Y', rateBps: 300, effectiveDate: '2026-02-20' },
      { id: '5Y:2026-01-20', tenor: 'LPR_5Y', rateBps: 360, effectiveDate: '2026-01-20' },
      { id: '1Y:2026-01-20', tenor: 'LPR_1Y', rateBps: 310, effectiveDate: '2026-01-20' },
      { id: '1Y:2025-12-20', tenor: 'LPR_1Y', rateBps: 345, effectiveDate: '2025-12-20' },
    ]);
    const fiveYear =
      '{ benchmarkRates(first: 10, filter: { tenors: [LPR_5Y] }) { totalCount edges { node { id publisher { id } } } } }';
    expect(await nodes(fiveYear)).toEqual([{ id: '5Y:2026-01-20', publisher: { id: E.bankA } }]);
    const january =
      '{ benchmarkRates(first: 10, filter: { effectiveDate: { from: "2026-01-01", to: "2026-01-31" } }, orderBy: { field: RATE_BPS, direction: DESC }) { totalCount edges { node { id } } } }';
    expect(await nodes(january)).toEqual([{ id: '5Y:2026-01-20' }, { id: '1Y:2026-01-20' }]);
  });

  it('lists a debtor’s credit lines soonest expiry first, with what is left', async () => {
    const query =
      '{ creditLines(first: 10) { totalCount edges { node { id bank { id } limit used available status expiryDate } } } }';
    expect(await nodes(query, 'core')).toEqual([
      {
        id: `${E.bankB}:${E.core}`,
        bank: { id: E.bankB },
        limit: '500000',
        used: '0',
        available: '500000',
        status: 'FROZEN',
        expiryDate: '2026-10-31',
      },
      {
        id: `${E.bankA}:${E.core}`,
        bank: { id: E.bankA },
        limit: '1000000',
        used: '250000',
        available: '750000',
        status: 'ACTIVE',
        expiryDate: '2026-12-31',
      },
    ]);
    expect(
      await nodes(
        '{ creditLines(first: 10, filter: { statuses: [ACTIVE] }) { totalCount edges { node { id } } } }',
        'core',
      ),
    ).toHaveLength(1);
    expect(await nodes('{ creditLines(first: 10) { totalCount edges { node { id } } } }', 'tier1')).toEqual(
      [],
    );
  });

  it('lists the carrier’s shipments latest pickup first, by status or waybill', async () => {
    expect(await nodes('{ shipments(first: 10) { totalCount edges { node { id } } } }', 'carrier')).toEqual([
      { id: 's3' },
      { id: 's2' },
      { id: 's1' },
    ]);
    const delivered =
      '{ shipments(first: 10, filter: { statuses: [DELIVERED] }) { totalCount edges { node { id status deliveredAt deliveryDocumentHash } } } }';
    expect(await nodes(delivered, 'carrier')).toEqual([
      {
        id: 's2',
        status: 'DELIVERED',
        deliveredAt: '2026-03-04T00:00:00.000Z',
        deliveryDocumentHash: 'a'.repeat(64),
      },
    ]);
    expect(
      await nodes(
        '{ shipments(first: 10, filter: { search: "sf-" }) { totalCount edges { node { id } } } }',
        'core',
      ),
    ).toEqual([{ id: 's2' }, { id: 's1' }]);
    expect(
      await nodes(
        '{ shipments(first: 10, filter: { invoiceId: "i2" }) { totalCount edges { node { waybillNumber } } } }',
        'tier1',
      ),
    ).toEqual([{ waybillNumber: 'YT-300' }]);
    expect(await nodes('{ shipments(first: 10) { totalCount edges { node { id } } } }', 'bankA')).toEqual([]);
  });
});
