import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import {
  FinancingWriteOffDocument,
  RecordWriteOffDocument,
  SetWriteOffStagesDocument,
  WriteDownsDocument,
  WriteOffStagesDocument,
  type WriteDownsQuery,
  type WriteOffFieldsFragment,
} from '@/api/generated/graphql';
import WriteDownsCard from '@/components/dashboard/WriteDownsCard.vue';
import WriteOffStagesEditor from '@/components/dashboard/WriteOffStagesEditor.vue';
import WriteOffCard from '@/components/financing/WriteOffCard.vue';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { inputOf, mountWith, resetPortal, settle } from './support/mount';

type Figures = NonNullable<WriteDownsQuery['dashboard']['writeDowns']>;

const line = (count: number, exposure: string, writtenDown: string, net: string) => ({
  count,
  exposure,
  writtenDown,
  net,
});

/** The API's worked example: 0 / 20 / 50 / 100 % by 1–30 / 31–90 / 91–180 / 181+ days overdue. */
const FIGURES: Figures = {
  asOf: '2026-06-01',
  configured: true,
  current: line(1, '100000000', '0', '100000000'),
  stages: [
    { stage: { fromDay: 1, toDay: 30, writeDownBps: 0 }, ...line(2, '150000000', '0', '150000000') },
    { stage: { fromDay: 31, toDay: 90, writeDownBps: 2000 }, ...line(1, '33333333', '6666667', '26666666') },
    {
      stage: { fromDay: 91, toDay: 180, writeDownBps: 5000 },
      ...line(1, '80000000', '40000000', '40000000'),
    },
    { stage: { fromDay: 181, toDay: null, writeDownBps: 10000 }, ...line(1, '10000000', '10000000', '0') },
  ],
  writtenOff: line(1, '20000000', '20000000', '0'),
  total: line(7, '393333333', '76666667', '316666666'),
};

const STAGES = FIGURES.stages.map((entry) => entry.stage);

const bank = (role: 'APPROVER' | 'CLERK' = 'APPROVER') =>
  loggedIn({ enterpriseKind: 'BANK', role, enterpriseId: 'BANKA' }, null);
const testid = (id: string): string => `[data-testid="${id}"]`;
const cells = (wrapper: ReturnType<typeof mountWith>, table: string): string[][] =>
  wrapper
    .findAll(`${testid(table)} tbody tr`)
    .map((row) => row.findAll('td').map((cell) => cell.text().replace(/\s+/g, ' ')));

afterEach(resetPortal);

describe('WriteDownsCard', () => {
  async function mounted(locale: 'en' | 'zh-CN', figures: Figures = FIGURES) {
    fakeApi((document) => {
      if (document === WriteDownsDocument) return { dashboard: { writeDowns: figures } };
      throw new Error('unexpected operation');
    });
    const wrapper = mountWith(WriteDownsCard, { locale, global: { plugins: [bank()] } });
    await settle();
    return wrapper;
  }

  it('shows each stage’s count, exposure, write-down and net, the written-off line and the total', async () => {
    const rows = cells(await mounted('en'), 'write-downs-table');
    expect(rows).toEqual([
      ['Not yet due', '—', '1', '¥1,000,000.00', '¥0.00', '¥1,000,000.00'],
      ['1–30 days overdue', '0.00%', '2', '¥1,500,000.00', '¥0.00', '¥1,500,000.00'],
      ['31–90 days overdue', '20.00%', '1', '¥333,333.33', '¥66,666.67', '¥266,666.66'],
      ['91–180 days overdue', '50.00%', '1', '¥800,000.00', '¥400,000.00', '¥400,000.00'],
      ['181+ days overdue', '100.00%', '1', '¥100,000.00', '¥100,000.00', '¥0.00'],
      ['Written off by hand', '100.00%', '1', '¥200,000.00', '¥200,000.00', '¥0.00'],
      ['Total', '', '7', '¥3,933,333.33', '¥766,666.67', '¥3,166,666.66'],
    ]);
  });

  it('speaks Chinese in 万, exact on hover, and says when no stages are set', async () => {
    const wrapper = await mounted('zh-CN', { ...FIGURES, configured: false });
    const rows = cells(wrapper, 'write-downs-table');
    expect(rows[2]).toEqual(['逾期 31–90 天', '20.00%', '1', '¥33.33万', '¥6.67万', '¥26.67万']);
    expect(rows[6]?.[0]).toBe('合计');
    expect(wrapper.find(testid('write-downs')).text()).toContain('分阶段减值');
    expect(wrapper.find(testid('write-downs-unconfigured')).text()).toContain('尚未设置减值阶段');
    expect(
      wrapper.findAll(testid('money-rounded')).map((amount) => amount.attributes('aria-label')),
    ).toContain('¥333,333.33');
  });
});

describe('WriteOffStagesEditor', () => {
  function answering(saveError?: ApiError) {
    return (document: unknown): unknown => {
      if (document === WriteOffStagesDocument)
        return { writeOffStages: { configured: true, setAt: '2026-05-01T02:00:00Z', stages: STAGES } };
      if (document === SetWriteOffStagesDocument) {
        if (saveError) throw saveError;
        return { setWriteOffStages: applied({ settings: null }) };
      }
      throw new Error('unexpected operation');
    };
  }

  it('edits one row per stage, each starting the day after the one before, and saves them', async () => {
    const calls = fakeApi(answering());
    const wrapper = mountWith(WriteOffStagesEditor, { global: { plugins: [bank()] } });
    await settle();
    expect(cells(wrapper, 'write-off-stages-table').map((row) => row[0])).toEqual(['1', '31', '91', '181']);
    const to = inputOf(wrapper, 'stage-to-1');
    await to.setValue('45');
    await to.trigger('change');
    const pct = inputOf(wrapper, 'stage-pct-2');
    await pct.setValue('25');
    await pct.trigger('change');
    await settle();
    expect(cells(wrapper, 'write-off-stages-table').map((row) => row[0])).toEqual(['1', '46', '91', '181']);
    await wrapper.find(testid('stages-save')).trigger('click');
    await settle();
    expect(
      calls.filter((call) => call.document === SetWriteOffStagesDocument).map((c) => c.variables),
    ).toEqual([
      {
        stages: [
          { fromDay: 1, toDay: 45, writeDownBps: 0 },
          { fromDay: 46, toDay: 90, writeDownBps: 2500 },
          { fromDay: 91, toDay: 180, writeDownBps: 5000 },
          { fromDay: 181, writeDownBps: 10000 },
        ],
      },
    ]);
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });

  it('adds and removes stages, keeping the last open-ended', async () => {
    const calls = fakeApi(answering());
    const wrapper = mountWith(WriteOffStagesEditor, { global: { plugins: [bank()] } });
    await settle();
    await wrapper.find(testid('stage-remove-4')).trigger('click');
    await wrapper.find(testid('stage-remove-1')).trigger('click');
    await wrapper.find(testid('stage-add')).trigger('click');
    await settle();
    await wrapper.find(testid('stages-save')).trigger('click');
    await settle();
    expect(
      calls.filter((call) => call.document === SetWriteOffStagesDocument).map((c) => c.variables),
    ).toEqual([
      {
        stages: [
          { fromDay: 1, toDay: 90, writeDownBps: 2000 },
          { fromDay: 91, toDay: 120, writeDownBps: 5000 },
          { fromDay: 121, writeDownBps: 5000 },
        ],
      },
    ]);
  });

  it('shows the API’s typed error naming the stage at fault', async () => {
    fakeApi(
      answering(
        new ApiError('INVALID_ARGUMENT', 'stage 2 must write down 500 to 10000 basis points, got 400'),
      ),
    );
    const wrapper = mountWith(WriteOffStagesEditor, { global: { plugins: [bank()] } });
    await settle();
    await wrapper.find(testid('stages-save')).trigger('click');
    await settle();
    expect(wrapper.find(testid('write-off-stages-error')).text()).toBe(
      'The input is not acceptable: stage 2 must write down 500 to 10000 basis points, got 400',
    );
    expect(wrapper.emitted('saved')).toBeUndefined();
  });

  it('lets a clerk read the stages but not change them', async () => {
    fakeApi(answering());
    const wrapper = mountWith(WriteOffStagesEditor, {
      locale: 'zh-CN',
      global: { plugins: [bank('CLERK')] },
    });
    await settle();
    expect(wrapper.find(testid('stages-save')).exists()).toBe(false);
    expect(wrapper.find(testid('stage-add')).exists()).toBe(false);
    expect(wrapper.text()).toContain('仅本行审批人可修改阶段');
  });
});

describe('WriteOffCard', () => {
  const WRITTEN_OFF: WriteOffFieldsFragment = {
    financingId: 'F1',
    amount: '20000000',
    maturityDate: '2026-04-05',
    daysOverdue: 40,
    reason: 'debtor insolvent',
    approvedBy: 'x509::/CN=approver::/CN=ca',
    approvedByLabel: 'BANKA/approver@BankAMSP',
    recordedAt: '2026-05-15T02:00:00.000Z',
    transactionId: 'tx9',
  };
  const props = { financingId: 'F1', amount: '20000000', maturityDate: '2026-04-05', status: 'DISBURSED' };

  function answering(existing: WriteOffFieldsFragment | null) {
    return (document: unknown): unknown => {
      if (document === FinancingWriteOffDocument) return { financing: { id: 'F1', writeOff: existing } };
      if (document === RecordWriteOffDocument) return { recordWriteOff: applied({ writeOff: WRITTEN_OFF }) };
      throw new Error('unexpected operation');
    };
  }

  it('writes an overdue financing off only after the approver gives a reason and confirms', async () => {
    const calls = fakeApi(answering(null));
    const wrapper = mountWith(WriteOffCard, {
      props: { ...props, today: '2026-05-15' },
      global: { plugins: [bank()] },
    });
    await settle();
    await wrapper.find(testid('write-off-open')).trigger('click');
    await settle();
    expect(document.body.textContent).toContain('Writes off ¥200,000.00 in full, 40 days past maturity');
    const confirm = document.body.querySelector<HTMLButtonElement>(testid('write-off-confirm'));
    expect(confirm?.disabled).toBe(true);
    const reason = document.body.querySelector<HTMLTextAreaElement>(
      `textarea${testid('write-off-reason')}, ${testid('write-off-reason')} textarea`,
    );
    if (!reason) throw new Error('no reason field');
    reason.value = 'debtor insolvent';
    reason.dispatchEvent(new Event('input'));
    await settle();
    expect(confirm?.disabled).toBe(false);
    confirm?.click();
    await settle();
    expect(calls.filter((call) => call.document === RecordWriteOffDocument).map((c) => c.variables)).toEqual([
      { financingId: 'F1', reason: 'debtor insolvent' },
    ]);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('offers nothing before maturity or to a clerk; shows a write-off once recorded', async () => {
    fakeApi(answering(null));
    const early = mountWith(WriteOffCard, {
      props: { ...props, today: '2026-04-05' },
      global: { plugins: [bank()] },
    });
    await settle();
    expect(early.find(testid('write-off-card')).exists()).toBe(false);
    resetPortal();
    fakeApi(answering(null));
    const clerk = mountWith(WriteOffCard, {
      props: { ...props, today: '2026-05-15' },
      global: { plugins: [bank('CLERK')] },
    });
    await settle();
    expect(clerk.find(testid('write-off-open')).exists()).toBe(false);
    resetPortal();
    fakeApi(answering(WRITTEN_OFF));
    const recorded = mountWith(WriteOffCard, {
      props: { ...props, today: '2026-05-15' },
      locale: 'zh-CN',
      global: { plugins: [bank('CLERK')] },
    });
    await settle();
    const details = recorded.find(testid('write-off-details')).text();
    expect(details).toContain('debtor insolvent');
    expect(details).toContain('BANKA/approver@BankAMSP');
    expect(details).toContain('核销原因');
    expect(recorded.find(testid('write-off-open')).exists()).toBe(false);
  });
});
