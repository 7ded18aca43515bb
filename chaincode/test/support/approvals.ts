import { ApprovalContract } from '../../src/contracts/approval-contract';
import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import type { Approval, ApprovalAction, Enterprise } from '@scf/ledger-contract';
import { orgAdmin, type Role, userOf } from './callers';
import { ENTERPRISES, type EnterpriseName } from './enterprises';
import type { MemoryLedger, TestCaller, TxOptions } from './memory-stub';
import { parse } from './parse';

export const approvals = new ApprovalContract();
const enterprises = new EnterpriseContract();

/** A user of a fixture enterprise with its own certificate identity (CN = `login`). */
export function person(name: EnterpriseName, role: Role, login: string): TestCaller {
  return { ...userOf(name, role), id: `x509::/OU=client/CN=${login}::/CN=ca.${ENTERPRISES[name].msp}` };
}

/** Its host org's admin turns four eyes on (or off) for a fixture enterprise. */
export async function setFourEyes(
  ledger: MemoryLedger,
  name: EnterpriseName,
  on = true,
): Promise<Enterprise> {
  const enterprise = ENTERPRISES[name];
  return parse<Enterprise>(
    await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
      enterprises.SetFourEyes(ctx, enterprise.id, String(on)),
    ),
  );
}

export async function prepare(
  ledger: MemoryLedger,
  caller: TestCaller,
  action: ApprovalAction,
  args: Record<string, string>,
  options: TxOptions = {},
): Promise<Approval> {
  return parse<Approval>(
    await ledger.submit(caller, (ctx) => approvals.Prepare(ctx, action, JSON.stringify(args)), options),
  );
}

/**
 * `registration`: what the approver gives at approval (a disbursement's registration JSON);
 * `options.transient`: an offer's prepared terms, sent again.
 */
export async function approveAs(
  ledger: MemoryLedger,
  caller: TestCaller,
  id: string,
  registration = '',
  options: TxOptions = {},
): Promise<Approval> {
  return parse<Approval>(
    await ledger.submit(caller, (ctx) => approvals.Approve(ctx, id, registration), options),
  );
}
