import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { txTime } from '../lib/dates';
import {
  ContractError,
  type Enterprise,
  EnterpriseKinds,
  EnterpriseStatuses,
  ErrorCodes,
  Events,
  ObjectTypes,
  TEXT_RULES,
  forbidden,
  marshal,
  requireCreditCode,
  requireOneOf,
  requireText,
} from '@scf/ledger-contract';
import { parseBooleanArg } from '../lib/boolean-arg';
import { emit } from '../lib/events';
import { requireOrgAdmin } from '../lib/org-admin';
import { findRecord, getRecord, putRecord } from '../lib/store';
import { memberOf, requireCharter } from '../repositories/charters';
import { BaseContract } from './base-contract';

/**
 * Legal entities of the consortium: each registered by an admin of the org that hosts it, of a
 * kind the charter lets that org host.
 */
@Info({ title: 'EnterpriseContract', description: 'Enterprise registry' })
export class EnterpriseContract extends BaseContract {
  constructor() {
    super('enterprise');
  }

  /** Registers an enterprise of a kind the charter lets the caller's org host; an org admin, id = credit code. */
  @Transaction()
  @Returns('string')
  async Register(ctx: Context, id: string, name: string, kind: string): Promise<string> {
    const hostMsp = requireOrgAdmin(ctx, 'register enterprises');
    const code = requireCreditCode(id, 'id');
    const enterpriseName = requireText(name, 'name', TEXT_RULES.name.max);
    const enterpriseKind = requireOneOf(kind, 'kind', EnterpriseKinds);
    const member = memberOf(await requireCharter(ctx), hostMsp);
    if (!member) throw forbidden(`${hostMsp} is not a member of the consortium charter`);
    if (!member.kinds.includes(enterpriseKind)) {
      throw forbidden(
        `the charter lets ${hostMsp} host ${member.kinds.join(', ')} enterprises, not ${enterpriseKind}`,
      );
    }
    const enterprise: Enterprise = {
      docType: ObjectTypes.Enterprise,
      id: code,
      name: enterpriseName,
      kind: enterpriseKind,
      hostMsp,
      status: 'ACTIVE',
      createdAt: txTime(ctx),
      updatedAt: '',
      txId: '',
      updatedBy: '',
    };
    if (await findRecord(ctx, ObjectTypes.Enterprise, code)) {
      throw new ContractError(ErrorCodes.AlreadyExists, `enterprise ${code} is already registered`);
    }
    const saved = await putRecord(ctx, enterprise, enterprise.createdAt);
    emit(ctx, Events.EnterpriseRegistered, [saved]);
    return marshal(saved);
  }

  /** Suspends or reactivates an enterprise; only an admin of its hosting org may, while the charter lists that org. */
  @Transaction()
  @Returns('string')
  async SetStatus(ctx: Context, id: string, status: string): Promise<string> {
    const mspId = requireOrgAdmin(ctx, 'change enterprises');
    const next = requireOneOf(status, 'status', EnterpriseStatuses);
    const enterprise = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, id);
    if (enterprise.hostMsp !== mspId)
      throw forbidden(`enterprise ${id} is hosted by ${enterprise.hostMsp}, not ${mspId}`);
    if (!memberOf(await requireCharter(ctx), mspId)) {
      throw forbidden(`${mspId} is not a member of the consortium charter`);
    }
    if (enterprise.status === next)
      throw new ContractError(ErrorCodes.InvalidState, `enterprise ${id} is already ${next}`);
    const saved = await putRecord(ctx, { ...enterprise, status: next }, txTime(ctx));
    emit(ctx, Events.EnterpriseStatusChanged, [saved]);
    return marshal(saved);
  }

  /**
   * Turns four eyes on or off for an enterprise's money-moving actions; only an admin of its hosting
   * org. Either way the change is an event and a version of the record naming who made it (the audit
   * trail for turning it off: an org admin acts for the org, not as one of the enterprise's users).
   */
  @Transaction()
  @Returns('string')
  async SetFourEyes(ctx: Context, id: string, on: string): Promise<string> {
    const mspId = requireOrgAdmin(ctx, 'change enterprises');
    const fourEyes = parseBooleanArg(on, 'on');
    const enterprise = await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, id);
    if (enterprise.hostMsp !== mspId)
      throw forbidden(`enterprise ${id} is hosted by ${enterprise.hostMsp}, not ${mspId}`);
    if (!memberOf(await requireCharter(ctx), mspId)) {
      throw forbidden(`${mspId} is not a member of the consortium charter`);
    }
    if ((enterprise.fourEyes ?? false) === fourEyes) {
      throw new ContractError(
        ErrorCodes.InvalidState,
        `four eyes are already ${fourEyes ? 'on' : 'off'} for ${id}`,
      );
    }
    const saved = await putRecord(ctx, { ...enterprise, fourEyes }, txTime(ctx));
    emit(ctx, Events.EnterpriseFourEyesChanged, [saved]);
    return marshal(saved);
  }

  /** Reads one enterprise. */
  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, id: string): Promise<string> {
    return marshal(await getRecord<Enterprise>(ctx, ObjectTypes.Enterprise, id));
  }
}
