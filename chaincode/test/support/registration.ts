import { EnterpriseContract } from '../../src/contracts/enterprise-contract';
import type { CharterTerms } from '@scf/ledger-contract';
import { orgAdmin } from './callers';
import { CHARTER_TERMS, establishCharter } from './charter';
import { CONSORTIUM, ENTERPRISES, type EnterpriseName } from './enterprises';
import type { MemoryLedger } from './memory-stub';

const enterprises = new EnterpriseContract();

/** Registers one fixture enterprise, by an admin of its own org. */
export async function registerEnterprise(ledger: MemoryLedger, name: EnterpriseName): Promise<void> {
  const enterprise = ENTERPRISES[name];
  await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
    enterprises.Register(ctx, enterprise.id, enterprise.name, enterprise.kind),
  );
}

/**
 * Establishes the charter (default terms unless given) and registers every consortium enterprise,
 * then the `extra` ones, each by an admin of its own org.
 */
export async function registerEnterprises(
  ledger: MemoryLedger,
  options: { terms?: CharterTerms; extra?: EnterpriseName[] } = {},
): Promise<void> {
  await establishCharter(ledger, options.terms ?? CHARTER_TERMS);
  for (const name of [...(Object.keys(CONSORTIUM) as EnterpriseName[]), ...(options.extra ?? [])]) {
    await registerEnterprise(ledger, name);
  }
}

/** Suspends a fixture enterprise, by an admin of its org. */
export async function suspend(ledger: MemoryLedger, name: EnterpriseName): Promise<void> {
  const enterprise = ENTERPRISES[name];
  await ledger.submit(orgAdmin(enterprise.msp), (ctx) =>
    enterprises.SetStatus(ctx, enterprise.id, 'SUSPENDED'),
  );
}
