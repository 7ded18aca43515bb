import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  type Approval,
  ApprovalActions,
  type ApprovalStatus,
  ContractError,
  ErrorCodes,
  Events,
  ObjectTypes,
  PREPARED_TERMS_HASH_ARG,
  TEXT_RULES,
  forbidden,
  invalid,
  invalidState,
  marshal,
  parseJsonArg,
  requireOneOf,
  requireText,
} from '@scf/ledger-contract';
import { ANY_ROLE, APPROVERS, type Actor, requireActor, requireParty } from '../lib/access';
import { txTime } from '../lib/dates';
import { emit, emittedPayload } from '../lib/events';
import { runApproved, type Signer, signerOf } from '../lib/four-eyes';
import { getRecord, putRecord } from '../lib/store';
import { ACTION_RULES, approvedArgs, parseActionArgs } from './approval-actions';
import { BaseContract } from './base-contract';
import {
  dropPreparedTerms,
  keepPreparedTerms,
  readPreparedTerms,
  refuseTerms,
  requirePreparedTerms,
} from './prepared-terms';

const sameSigner = (approval: Approval, signer: Signer): boolean =>
  approval.preparedByMsp === signer.mspId && approval.preparedBy === signer.id;

/** The caller's enterprise's pending approval: loaded, of the caller's enterprise, still PENDING. */
async function requirePending(ctx: Context, actor: Actor, id: string, what: string): Promise<Approval> {
  const approval = await getRecord<Approval>(ctx, ObjectTypes.Approval, id);
  requireParty(actor, approval.enterpriseId, `${what} approval ${id}`);
  if (approval.status !== 'PENDING') {
    throw invalidState(`cannot ${what} approval ${id}: it is ${approval.status}, not PENDING`);
  }
  return approval;
}

/** Once decided, an approval's kept private terms (a prepared offer's) are dropped. */
async function dropKeptTerms(ctx: Context, approval: Approval, actor: Actor): Promise<void> {
  if (ACTION_RULES[approval.action].privateTerms) {
    await dropPreparedTerms(ctx, approval, actor.enterprise.hostMsp);
  }
}

/** The approval decided: by whom and when, with what else the decision says. */
async function decide(
  ctx: Context,
  approval: Approval,
  status: ApprovalStatus,
  extra: Partial<Approval> = {},
): Promise<Approval> {
  const signer = signerOf(ctx);
  const now = txTime(ctx);
  const decided: Approval = {
    ...approval,
    ...extra,
    status,
    decidedByMsp: signer.mspId,
    decidedBy: signer.id,
    decidedAt: now,
  };
  return putRecord(ctx, decided, now);
}

/**
 * Four eyes on money-moving actions: one identity of an enterprise prepares an action, another (an
 * approver of the same enterprise) approves it, and the approval runs the action as the approver, in
 * the approving transaction, under all of the action's own rules.
 */
@Info({
  title: 'ApprovalContract',
  description: 'Four eyes: prepared money-moving actions and their approval',
})
export class ApprovalContract extends BaseContract {
  constructor() {
    super('approval');
  }

  /**
   * Any user of an enterprise prepares an action the enterprise takes; `argsJson`: its arguments by
   * name. An offer's terms come in the transient map: kept in the enterprise's org collection, their
   * hash in the approval's arguments.
   */
  @Transaction()
  @Returns('string')
  async Prepare(ctx: Context, action: string, argsJson: string): Promise<string> {
    const kind = requireOneOf(action, 'action', ApprovalActions);
    const rule = ACTION_RULES[kind];
    const actor = await requireActor(ctx, { roles: ANY_ROLE, kinds: rule.kinds });
    const args = parseActionArgs(rule, parseJsonArg(argsJson, 'args'));
    requireParty(actor, await rule.party(ctx, args), `prepare ${kind} here`);
    const id = ctx.stub.getTxID();
    if (rule.privateTerms) {
      args[PREPARED_TERMS_HASH_ARG] = await keepPreparedTerms(ctx, id, actor.enterprise.hostMsp);
    } else {
      refuseTerms(ctx, kind);
    }
    const signer = signerOf(ctx);
    const now = txTime(ctx);
    const approval: Approval = {
      docType: ObjectTypes.Approval,
      id,
      enterpriseId: actor.enterprise.id,
      action: kind,
      args,
      preparedByMsp: signer.mspId,
      preparedBy: signer.id,
      preparedAt: now,
      status: 'PENDING',
      createdAt: now,
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    const saved = await putRecord(ctx, approval, now);
    emit(ctx, Events.ApprovalPrepared, [saved]);
    return marshal(saved);
  }

  /**
   * An approver of the same enterprise, not the preparer, approves: the action runs now, as the
   * approver; if it fails, nothing is written and the approval stays pending. `registrationJson`:
   * for a disbursement, its registration at the registry, made by the approver's node only now (so a
   * rejected or withdrawn disbursement leaves nothing registered); empty for any other action. An
   * offer's prepared terms come again in the transient map and must match the approval's hash.
   */
  @Transaction()
  @Returns('string')
  async Approve(ctx: Context, id: string, registrationJson: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const approval = await requirePending(ctx, actor, id, 'approve');
    if (sameSigner(approval, signerOf(ctx))) {
      throw new ContractError(
        ErrorCodes.FourEyesSameIdentity,
        `approval ${id} was prepared by this identity; another approver of ${approval.enterpriseId} must approve it`,
      );
    }
    if (!APPROVERS.includes(actor.role)) {
      throw forbidden(`role ${actor.role} may not approve; it needs ${APPROVERS.join(' or ')}`);
    }
    const rule = ACTION_RULES[approval.action];
    if (rule.privateTerms) requirePreparedTerms(ctx, approval);
    else refuseTerms(ctx, approval.action);
    const args = approvedArgs(rule, approval.args, registrationJson);
    const resultId = await runApproved(ctx, approval, () => rule.run(ctx, args));
    await dropKeptTerms(ctx, approval, actor);
    const done = emittedPayload(ctx);
    const saved = await decide(ctx, approval, 'APPROVED', { resultId });
    emit(ctx, Events.ApprovalApproved, [...done.records, saved], done.exposure);
    return marshal(saved);
  }

  /** An approver of the enterprise refuses a prepared action, saying why. */
  @Transaction()
  @Returns('string')
  async Reject(ctx: Context, id: string, reason: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: APPROVERS });
    const why = requireText(reason, 'reason', TEXT_RULES.reason.max, TEXT_RULES.reason);
    const approval = await requirePending(ctx, actor, id, 'reject');
    await dropKeptTerms(ctx, approval, actor);
    const saved = await decide(ctx, approval, 'REJECTED', { reason: why });
    emit(ctx, Events.ApprovalRejected, [saved]);
    return marshal(saved);
  }

  /** Its preparer takes back a prepared action. */
  @Transaction()
  @Returns('string')
  async Withdraw(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const approval = await requirePending(ctx, actor, id, 'withdraw');
    if (!sameSigner(approval, signerOf(ctx))) {
      throw forbidden(`only the identity that prepared approval ${id} may withdraw it`);
    }
    await dropKeptTerms(ctx, approval, actor);
    const saved = await decide(ctx, approval, 'WITHDRAWN');
    emit(ctx, Events.ApprovalWithdrawn, [saved]);
    return marshal(saved);
  }

  /** Reads one approval; only users of its enterprise. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const approval = await getRecord<Approval>(ctx, ObjectTypes.Approval, id);
    requireParty(actor, approval.enterpriseId, `read approval ${id}`);
    return marshal(approval);
  }

  /**
   * A pending offer's prepared terms, for a user of its enterprise on a peer of that enterprise's org
   * (the approver's node sends them back with approval:Approve); checked against the approval's hash.
   */
  @Transaction(false)
  @Returns('string')
  async GetTerms(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx, { roles: ANY_ROLE });
    const approval = await getRecord<Approval>(ctx, ObjectTypes.Approval, id);
    requireParty(actor, approval.enterpriseId, `read the prepared terms of approval ${id}`);
    if (!ACTION_RULES[approval.action].privateTerms) {
      throw invalid(`approval ${id} is a ${approval.action}, which has no private terms`);
    }
    return readPreparedTerms(ctx, approval, actor.enterprise.hostMsp);
  }
}
