import { afterEach, describe, expect, it } from 'vitest';
import {
  BenchmarkRatesDocument,
  CharterDocument,
  PublishRateDocument,
  type RateFieldsFragment,
} from '@/api/generated/graphql';
import { canAttest } from '@/domain/charter';
import RatesPage from '@/pages/bank/RatesPage.vue';
import { CHARTER, rate } from './support/charter-fixtures';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

const PENDING = rate({
  id: 'LPR_1Y:2026-11-20',
  rateBps: 305,
  status: 'PROPOSED',
  attestations: [{ mspId: 'BankAMSP', enterpriseId: 'BANKA', rateBps: 305 }],
});
const IN_FORCE = rate({
  id: 'LPR_5Y:2026-10-20',
  tenor: 'LPR_5Y',
  rateBps: 350,
  effectiveDate: '2026-10-20',
  attestations: [
    { mspId: 'BankAMSP', enterpriseId: 'BANKA', rateBps: 350 },
    { mspId: 'BankBMSP', enterpriseId: 'BANKB', rateBps: 350 },
  ],
});

function node(document: unknown): unknown {
  if (document === CharterDocument) return { charter: CHARTER };
  if (document === BenchmarkRatesDocument)
    return {
      benchmarkRates: {
        totalCount: 2,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: [PENDING, IN_FORCE].map((node) => ({ node })),
      },
    };
  if (document === PublishRateDocument) return { publishRate: applied({ rate: PENDING }) };
  throw new Error('unexpected operation');
}

const bankAdmin = (mspId: string) =>
  loggedIn({ enterpriseKind: 'BANK', role: 'ADMIN' }, { org: mspId.toLowerCase(), mspId });

const mountAs = (plugin = bankAdmin('BankBMSP')) => mountPage(RatesPage, plugin);

afterEach(resetPortal);

describe('RatesPage', () => {
  it('lists proposed and published rates with who attested which value, and the quorum they need', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    expect(calls.find((call) => call.document === BenchmarkRatesDocument)?.variables).toMatchObject({
      filter: { statuses: ['PROPOSED', 'PUBLISHED'] },
    });
    expect(wrapper.find('[data-testid="rate-quorum-hint"]').text()).toBe(
      'An LPR is in force, and prices offers, once 2 of the 2 publisher banks (BankAMSP, BankBMSP) attest the same value.',
    );
    const rows = wrapper.findAll('[data-testid="rate-table"] .el-table__body tr');
    expect(rows.map((row) => row.find('[data-status]').attributes('data-status'))).toEqual([
      'PROPOSED',
      'PUBLISHED',
    ]);
    expect(rows[0]?.find('[data-testid="rate-attestations"]').text()).toBe(
      'BankAMSP · 3.05%Same value 1 / 2',
    );
    expect(rows[1]?.find('[data-testid="rate-attestations"]').text()).toBe(
      'BankAMSP · 3.50%BankBMSP · 3.50%',
    );
  });

  it('lets another publisher bank attest a pending rate with one click', async () => {
    const calls = fakeApi(node);
    const wrapper = await mountAs();
    const attest = wrapper.findAll('[data-testid="rate-attest"]');
    expect(attest).toHaveLength(1);
    expect(attest[0]?.text()).toBe('Attest the same 3.05%');
    await attest[0]?.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === PublishRateDocument)?.variables).toEqual({
      tenor: 'LPR_1Y',
      rateBps: 305,
      effectiveDate: '2026-11-20',
    });
  });

  it('shows the rate as the attestation returned it, without asking for the list again', async () => {
    const IN_FORCE_NOW = {
      ...PENDING,
      status: 'PUBLISHED' as const,
      attestations: [...PENDING.attestations, { mspId: 'BankBMSP', enterpriseId: 'BANKB', rateBps: 305 }],
    };
    const calls = fakeApi((document) =>
      document === PublishRateDocument ? { publishRate: applied({ rate: IN_FORCE_NOW }) } : node(document),
    );
    const wrapper = await mountAs();
    await wrapper.find('[data-testid="rate-attest"]').trigger('click');
    await settle();
    expect(calls.filter((call) => call.document === BenchmarkRatesDocument)).toHaveLength(1);
    const first = wrapper.findAll('[data-testid="rate-table"] .el-table__body tr')[0];
    expect(first?.find('[data-status]').attributes('data-status')).toBe('PUBLISHED');
    expect(first?.find('[data-testid="rate-attestations"]').text()).toBe('BankAMSP · 3.05%BankBMSP · 3.05%');
    expect(wrapper.find('[data-testid="rate-attest"]').exists()).toBe(false);
  });

  it('offers no second attestation to the bank that proposed the rate', async () => {
    fakeApi(node);
    const wrapper = await mountAs(bankAdmin('BankAMSP'));
    expect(wrapper.find('[data-testid="rate-attest"]').exists()).toBe(false);
  });

  it('tells a bank outside the charter’s publishers that it cannot publish', async () => {
    fakeApi(node);
    const wrapper = await mountAs(bankAdmin('BankCMSP'));
    expect(wrapper.find('[data-testid="rate-not-publisher"]').text()).toContain(
      'your org (BankCMSP) does not publish LPRs',
    );
    expect(wrapper.find('[data-testid="rate-submit"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="rate-attest"]').exists()).toBe(false);
  });

  it('shows bank users who are not admins the history only', async () => {
    fakeApi(node);
    const clerk = loggedIn({ enterpriseKind: 'BANK', role: 'APPROVER' }, { org: 'b', mspId: 'BankBMSP' });
    const wrapper = await mountAs(clerk);
    expect(wrapper.find('[data-testid="rate-submit"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="rate-attest"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="rate-table"] .el-table__body tr')).toHaveLength(2);
  });
});

describe('attesting a rate', () => {
  const terms = CHARTER.terms;
  const proposed: RateFieldsFragment = PENDING;

  it('is for publisher orgs that have not attested a rate still short of its quorum', () => {
    expect(canAttest(proposed, terms, 'BankBMSP')).toBe(true);
    expect(canAttest(proposed, terms, 'BankAMSP')).toBe(false);
    expect(canAttest(proposed, terms, 'CoreOrgMSP')).toBe(false);
    expect(canAttest(proposed, null, 'BankBMSP')).toBe(false);
    expect(canAttest({ ...proposed, status: 'PUBLISHED' }, terms, 'BankBMSP')).toBe(false);
  });
});
