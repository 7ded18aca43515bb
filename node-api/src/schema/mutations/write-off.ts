import {
  ContractError,
  MAX_WRITE_OFF_DAY,
  MAX_WRITE_OFF_STAGES,
  requireWriteOffStages,
  type WriteOffStage,
} from '@scf/ledger-contract';
import { offerSalt } from '../../ledger/scf-ledger.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { userError } from '../errors.ts';
import { TEXT } from './limits.ts';
import { StageSettingsNode, stageSettingsOf, WriteOffNode } from '../write-off.ts';
import { nodePayload } from './payload.ts';
import { signedIn, submitAs, withNode } from './submit.ts';

/** Both must hold: Pothos scopes side by side are any-of. */
const BANK_APPROVER = { $all: { roles: ['approver', 'admin'], kinds: ['BANK'] } } as const;

const WriteOffStageInput = builder.inputType('WriteOffStageInput', {
  fields: (t) => ({
    fromDay: t.int({ required: true, validate: { min: 1, max: MAX_WRITE_OFF_DAY } }),
    toDay: t.int({ description: 'None for the last stage.', validate: { min: 1, max: MAX_WRITE_OFF_DAY } }),
    writeDownBps: t.int({ required: true, validate: { min: 0, max: 10_000 } }),
  }),
});

/** The stages from the input, checked by the ledger's own rule before anything is sent. */
function checkedStages(
  input: readonly { fromDay: number; toDay?: number | null; writeDownBps: number }[],
): WriteOffStage[] {
  const stages = input.map((stage) => ({
    fromDay: stage.fromDay,
    ...(stage.toDay === null || stage.toDay === undefined ? {} : { toDay: stage.toDay }),
    writeDownBps: stage.writeDownBps,
  }));
  try {
    return [...requireWriteOffStages(stages)];
  } catch (error) {
    if (error instanceof ContractError) throw userError(error.code, error.detail);
    throw error;
  }
}

/**
 * Endorsed on this org's peers alone: the inputs travel in the transient map, which reaches only the
 * endorsers, and the bank's own collection is the only thing written (its org's endorsement policy).
 */
function ownOrg(ctx: Context): { endorsingOrganizations: string[] } {
  return { endorsingOrganizations: [ctx.services.config.SCF_MSP_ID] };
}

const StagesPayload = nodePayload('SetWriteOffStages', 'settings', StageSettingsNode);
const RecordPayload = nodePayload('RecordWriteOff', 'writeOff', WriteOffNode);

builder.mutationFields((t) => ({
  setWriteOffStages: t.field({
    type: StagesPayload,
    description:
      'A bank’s approver sets its write-off stages (replacing them): from day 1 overdue, no gap or ' +
      `overlap, the last open-ended, write-downs never decreasing, 1 to ${MAX_WRITE_OFF_STAGES} stages ` +
      '(INVALID_ARGUMENT names the first stage at fault). Private to the bank.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: { stages: t.arg({ type: [WriteOffStageInput], required: true }) },
    resolve: async (_root, args, ctx) => {
      const stages = checkedStages(args.stages);
      const bankId = signedIn(ctx).enterpriseId;
      const done = await submitAs(ctx, (ledger) =>
        ledger.writeoff.SetStages(
          {},
          { transient: { stages: { stages, salt: offerSalt() } }, ...ownOrg(ctx) },
        ),
      );
      return withNode(done, () => stageSettingsOf(ctx, bankId));
    },
  }),
  recordWriteOff: t.field({
    type: RecordPayload,
    description:
      'The disbursing bank’s approver writes off a DISBURSED financing whose voucher is unpaid past ' +
      'maturity, in full, saying why. ALREADY_EXISTS the second time; INVALID_STATE when not overdue. ' +
      'Private to the bank.',
    authScopes: BANK_APPROVER,
    ledgerWrite: true,
    args: {
      financingId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: TEXT.reason }),
    },
    resolve: async (_root, args, ctx) => {
      const writeOff = { financingId: args.financingId, reason: args.reason, salt: offerSalt() };
      const done = await submitAs(ctx, (ledger) =>
        ledger.writeoff.Record({}, { transient: { writeOff }, ...ownOrg(ctx) }),
      );
      return withNode(done, () => ctx.db.writeOff.findUnique({ where: { financingId: args.financingId } }));
    },
  }),
}));
