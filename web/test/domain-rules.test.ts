import { describe, expect, it } from 'vitest';
import { runBatch } from '@/domain/batch';
import { addDays, localIsoDate, monthsBefore } from '@/domain/dates';
import { financingProgress } from '@/domain/financing-progress';
import { formatBps } from '@/domain/rates';
import { riskWarnings, type RiskFacts } from '@/domain/risk-warnings';
import { newUserProblems } from '@/domain/user-rules';
import { buildVoucherTree, lineageOf } from '@/domain/voucher-tree';
import { isDisposable, isPayable } from '@/domain/voucher-rules';

describe('business days', () => {
  it('counts days and months on YYYY-MM-DD strings', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthsBefore('2026-11-22', 11)).toBe('2025-12-01');
    expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('vouchers', () => {
  const v = (id: string, parentId: string | null, tier: number) => ({
    id,
    parentId,
    tier,
    amount: '100',
    status: 'ACTIVE',
    holder: { name: id },
  });

  it('draws the split tree and the lineage to one piece', () => {
    const tree = buildVoucherTree([
      v('c2', 'b1', 2),
      v('root', null, 0),
      v('b2', 'root', 1),
      v('b1', 'root', 1),
    ]);
    expect(tree.map((node) => node.voucher.id)).toEqual(['root']);
    expect(tree[0]?.children.map((node) => node.voucher.id)).toEqual(['b1', 'b2']);
    expect(lineageOf(tree, 'c2')).toEqual(['root', 'b1', 'c2']);
    expect(lineageOf(tree, 'nope')).toEqual([]);
  });

  it('keeps pieces whose parent is not visible', () => {
    const tree = buildVoucherTree([v('c2', 'hidden', 2)]);
    expect(tree.map((node) => node.voucher.id)).toEqual(['c2']);
  });

  it('knows when a piece may be paid or still disposed of', () => {
    expect(isPayable({ status: 'ACTIVE', maturityDate: '2026-11-22' }, '2026-11-22')).toBe(true);
    expect(isPayable({ status: 'ACTIVE', maturityDate: '2026-11-23' }, '2026-11-22')).toBe(false);
    expect(isPayable({ status: 'FINANCING', maturityDate: '2026-11-01' }, '2026-11-22')).toBe(false);
    expect(isDisposable({ status: 'ACTIVE', maturityDate: '2026-11-23' }, '2026-11-22')).toBe(true);
    expect(isDisposable({ status: 'ACTIVE', maturityDate: '2026-11-22' }, '2026-11-22')).toBe(false);
  });
});

describe('financing progress', () => {
  it('places each status on the path, and early ends after the step they left', () => {
    expect(financingProgress('APPLIED', false)).toEqual({ reached: 0, endedAs: null });
    expect(financingProgress('DISBURSED', true)).toEqual({ reached: 3, endedAs: null });
    expect(financingProgress('REJECTED', false)).toEqual({ reached: 0, endedAs: 'REJECTED' });
    expect(financingProgress('REJECTED', true)).toEqual({ reached: 1, endedAs: 'REJECTED' });
    expect(financingProgress('EXPIRED', true)).toEqual({ reached: 1, endedAs: 'EXPIRED' });
  });
});

describe('risk warnings', () => {
  const line = (name: string, usageBps: number, expiryDate = '2027-06-30') => ({
    usageBps,
    limit: '1000',
    used: '0',
    line: { id: name, expiryDate, status: 'ACTIVE', debtor: { id: name, name } },
  });
  const facts: RiskFacts = {
    asOf: '2026-11-22',
    overdue: { amount: '0', count: 0 },
    creditLineUsage: [],
    exposureByDebtor: [],
  };

  it('raises nothing for a healthy book', () => {
    expect(riskWarnings({ ...facts, creditLineUsage: [line('A', 7_999)] })).toEqual([]);
  });

  it('warns of overdue vouchers, lines near or at their limit, and lines about to expire; danger first', () => {
    const warnings = riskWarnings({
      ...facts,
      overdue: { amount: '500000', count: 2 },
      creditLineUsage: [line('A', 8_000), line('B', 10_000), line('C', 100, '2026-12-10')],
    });
    expect(warnings.map((w) => [w.kind, w.severity, w.subject])).toEqual([
      ['overdue', 'danger', null],
      ['lineExhausted', 'danger', 'B'],
      ['lineNearLimit', 'warning', 'A'],
      ['lineExpiring', 'warning', 'C'],
    ]);
  });

  it('warns of concentration on one core enterprise among several', () => {
    const exposure = (name: string, amount: string) => ({ amount, debtor: { id: name, name } });
    expect(riskWarnings({ ...facts, exposureByDebtor: [exposure('A', '100')] })).toEqual([]);
    const warnings = riskWarnings({
      ...facts,
      exposureByDebtor: [exposure('A', '600'), exposure('B', '400')],
    });
    expect(warnings).toEqual([
      { kind: 'concentration', severity: 'warning', subject: 'A', params: { shareBps: 6_000 } },
    ]);
    expect(formatBps(6_000)).toBe('60.00%');
  });
});

describe('new users (mirroring the node API)', () => {
  it('checks username, password length, name and enterprise', () => {
    const ok = { username: 'li.ming', password: 'x'.repeat(12), displayName: '李明', enterpriseId: 'E' };
    expect(newUserProblems(ok)).toEqual([]);
    expect(newUserProblems({ ...ok, username: 'Li' })).toEqual(['username']);
    expect(newUserProblems({ ...ok, password: 'x'.repeat(11) })).toEqual(['password']);
    expect(newUserProblems({ ...ok, displayName: ' ', enterpriseId: '' })).toEqual([
      'displayName',
      'enterprise',
    ]);
  });
});

describe('batch writes', () => {
  it('runs every item and reports each outcome', async () => {
    const outcomes = await runBatch(
      ['a', 'b', 'c'],
      (id) => (id === 'b' ? Promise.reject(new Error('no')) : Promise.resolve()),
      (error) => (error as Error).message,
    );
    expect(outcomes).toEqual([
      { id: 'a', ok: true, error: null },
      { id: 'b', ok: false, error: 'no' },
      { id: 'c', ok: true, error: null },
    ]);
  });
});
