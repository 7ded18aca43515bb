import type { WriteOffStage } from '@scf/ledger-contract';
import type { SessionUser } from '../auth/session-user.ts';
import type { WriteOff } from '../db/generated/client.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { businessToday } from './dashboard/business-day.ts';
import {
  stagesOf,
  UNCONFIGURED_STAGES,
  writeDowns,
  type StageWriteDown,
  type WriteDownFigures,
  type WriteDowns,
} from './dashboard/write-downs.ts';
import { enterpriseNamed, EnterpriseNode } from './enterprise.ts';
import { FinancingNode } from './financing.ts';
import { visibleRow } from './loaders.ts';

/*
 * A bank's write-off stages and manual write-offs: its own private data (its org's implicit
 * collection, fetched by this node's projector), shown only to users of that bank.
 */

const BANK = { kinds: ['BANK'] } as const;

export const WriteOffStageNode = builder.objectRef<WriteOffStage>('WriteOffStage').implement({
  description: 'Days past maturity, from and to (inclusive; none: open-ended), and the share written down.',
  fields: (t) => ({
    fromDay: t.exposeInt('fromDay'),
    toDay: t.int({ nullable: true, resolve: (stage) => stage.toDay ?? null }),
    writeDownBps: t.exposeInt('writeDownBps', { description: 'Basis points of the exposure (10000 = all).' }),
  }),
});

export interface StageSettings {
  configured: boolean;
  stages: readonly WriteOffStage[];
  setAt: Date | null;
  setBy: string | null;
}

export const StageSettingsNode = builder.objectRef<StageSettings>('WriteOffStageSettings').implement({
  description:
    'Your bank’s write-off stages. Not configured: one stage from day 1 writing down nothing, until set.',
  fields: (t) => ({
    configured: t.exposeBoolean('configured'),
    stages: t.field({ type: [WriteOffStageNode], resolve: (settings) => [...settings.stages] }),
    setAt: t.field({ type: 'DateTime', nullable: true, resolve: (settings) => settings.setAt }),
    setBy: t.exposeString('setBy', {
      nullable: true,
      description: 'The certificate identity that set them.',
    }),
  }),
});

export const WriteOffNode = builder.objectRef<WriteOff>('WriteOff').implement({
  description: 'A financing its bank wrote off in full, by hand: why, by whom, when.',
  fields: (t) => ({
    financingId: t.exposeID('financingId'),
    financing: t.field({
      type: FinancingNode,
      nullable: true,
      resolve: (row, _args, ctx) => visibleRow(ctx, 'financing', row.financingId),
    }),
    debtor: t.field({
      type: EnterpriseNode,
      resolve: (row, _args, ctx) => enterpriseNamed(ctx, row.debtorId),
    }),
    amount: t.expose('amount', { type: 'Fen', description: 'Face amount written off.' }),
    maturityDate: t.expose('maturityDate', { type: 'Date' }),
    daysOverdue: t.exposeInt('daysOverdue', { description: 'Days past maturity when written off.' }),
    reason: t.exposeString('reason'),
    approvedBy: t.exposeString('approvedBy', { description: 'The approver’s certificate identity.' }),
    approvedByLabel: t.exposeString('approvedByLabel', { description: 'enterprise/role@MSP.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'The transaction’s time.' }),
    transactionId: t.exposeString('txId'),
  }),
});

const FiguresNode = builder.objectRef<WriteDownFigures>('WriteDownFigures').implement({
  fields: (t) => ({
    count: t.exposeInt('count'),
    exposure: t.expose('exposure', { type: 'Fen', description: 'Face amount.' }),
    writtenDown: t.expose('writtenDown', { type: 'Fen' }),
    net: t.expose('net', { type: 'Fen', description: 'Exposure less what is written down.' }),
  }),
});

const StageFiguresNode = builder.objectRef<StageWriteDown>('StageWriteDown').implement({
  fields: (t) => ({
    stage: t.field({ type: WriteOffStageNode, resolve: (line) => line.stage }),
    count: t.exposeInt('count'),
    exposure: t.expose('exposure', { type: 'Fen' }),
    writtenDown: t.expose('writtenDown', { type: 'Fen', description: 'Rounded half up to the fen.' }),
    net: t.expose('net', { type: 'Fen' }),
  }),
});

export const WriteDownsNode = builder.objectRef<WriteDowns>('WriteDowns').implement({
  description:
    'A bank’s disbursed, unpaid financings net of write-downs on a business date: each in the stage of ' +
    'its days past maturity (moving stage by date alone), written-off ones in full on their own line.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', resolve: (figures) => figures.asOf }),
    configured: t.exposeBoolean('configured', {
      description: 'False: the bank set no stages; overdue exposure shows in one stage at 0 %.',
    }),
    current: t.field({ type: FiguresNode, description: 'Not yet past maturity.', resolve: (f) => f.current }),
    stages: t.field({ type: [StageFiguresNode], resolve: (figures) => figures.stages }),
    writtenOff: t.field({ type: FiguresNode, resolve: (figures) => figures.writtenOff }),
    total: t.field({ type: FiguresNode, resolve: (figures) => figures.total }),
  }),
});

function bankUser(ctx: Context): SessionUser {
  if (!ctx.user) throw new Error('authScopes let an anonymous request through');
  return ctx.user;
}

/** The bank's stage settings as its node holds them. */
export async function stageSettingsOf(ctx: Context, bankId: string): Promise<StageSettings> {
  const first = await ctx.db.writeOffStage.findFirst({ where: { bankId }, orderBy: { position: 'asc' } });
  const stages = await stagesOf(ctx.db, bankId);
  return first
    ? { configured: true, stages, setAt: first.setAt, setBy: first.setBy }
    : { configured: false, stages: UNCONFIGURED_STAGES, setAt: null, setBy: null };
}

/** The portfolio figures of a bank user; null for anyone else. */
export function writeDownsOf(
  ctx: Context,
  user: SessionUser,
  asOf: string | null | undefined,
): Promise<WriteDowns> | null {
  return user.enterpriseKind === 'BANK' ? writeDowns(ctx.db, user, asOf ?? businessToday()) : null;
}

builder.queryFields((t) => ({
  writeOffStages: t.field({
    type: StageSettingsNode,
    description: 'Your bank’s write-off stages (bank users only).',
    authScopes: BANK,
    resolve: (_root, _args, ctx) => stageSettingsOf(ctx, bankUser(ctx).enterpriseId),
  }),
  writeOffs: t.field({
    type: [WriteOffNode],
    description: 'Your bank’s manual write-offs, newest first (bank users only).',
    authScopes: BANK,
    resolve: (_root, _args, ctx) =>
      ctx.db.writeOff.findMany({
        where: { bankId: bankUser(ctx).enterpriseId },
        orderBy: [{ recordedAt: 'desc' }, { financingId: 'asc' }],
      }),
  }),
}));

builder.objectField(FinancingNode, 'writeOff', (t) =>
  t.field({
    type: WriteOffNode,
    nullable: true,
    description: 'Its bank’s manual write-off: only for that bank’s users.',
    resolve: (row, _args, ctx) =>
      ctx.user?.enterpriseId === row.bankId
        ? ctx.db.writeOff.findFirst({ where: { financingId: row.id, bankId: row.bankId } })
        : null,
  }),
);
