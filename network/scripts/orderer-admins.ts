import {
  APPLICATION,
  groupAt,
  ORDERER,
  orgMsps,
  type ChannelConfig,
  type ConfigPolicy,
} from './config-tree.ts';
import { ruleThreshold } from './channel-policy.ts';

/**
 * Who governs the ordering service's settings (batch cutting, Raft consenters): the channel's
 * `/Channel/Orderer/Admins` policy. Fabric's default, `MAJORITY Admins` over the Orderer group's
 * org groups, leaves them to the ordering orgs alone; an ImplicitMeta policy can only count the
 * sub-groups of its own group, and member orgs cannot be sub-groups of Orderer without becoming
 * ordering orgs. So ours is a Signature policy naming the member orgs' admins, `OutOf(majority, …)`,
 * which Fabric evaluates with the channel-wide MSP manager (every org of the channel, members too).
 * Unlike an ImplicitMeta policy it does not follow membership by itself: add-org and remove-org
 * rewrite it in the same config update (followMembership).
 */

/** The member admins in a fixed order: configtxgen and configtxlator then write the same policy. */
const sorted = (mspIds: readonly string[]): string[] => [...new Set(mspIds)].sort();

/** The configtx.yaml rule: `OutOf(3, 'BankAMSP.admin', …)`, a majority of the member orgs' admins. */
export function memberMajorityRule(mspIds: readonly string[]): string {
  const ids = sorted(mspIds);
  const admins = ids.map((id) => `'${id}.admin'`).join(', ');
  return `OutOf(${String(ruleThreshold('MAJORITY', ids.length))}, ${admins})`;
}

interface Principal {
  principal_classification?: string;
  principal?: { msp_identifier?: string; role?: string };
}

interface SignaturePolicyJson {
  version?: number;
  identities?: Principal[];
  rule?: { n_out_of?: { n?: number; rules?: { signed_by?: number }[] } };
}

const SIGNATURE = 1;

/** The same policy as configtxlator decodes what configtxgen wrote from memberMajorityRule. */
export function memberMajorityPolicy(mspIds: readonly string[]): NonNullable<ConfigPolicy['policy']> {
  const ids = sorted(mspIds);
  const value: SignaturePolicyJson = {
    identities: ids.map((id) => ({
      principal: { msp_identifier: id, role: 'ADMIN' },
      principal_classification: 'ROLE',
    })),
    rule: {
      n_out_of: {
        n: ruleThreshold('MAJORITY', ids.length),
        rules: ids.map((_, index) => ({ signed_by: index })),
      },
    },
    version: 0,
  };
  return { type: SIGNATURE, value };
}

/** The MSP ids whose admins a signature policy names, if it names admins only (else undefined). */
function adminsNamed(policy: ConfigPolicy | undefined): string[] | undefined {
  if (policy?.policy?.type !== SIGNATURE) return undefined;
  const identities = (policy.policy.value as SignaturePolicyJson).identities ?? [];
  const ids = identities.map((identity) =>
    identity.principal_classification === 'ROLE' && identity.principal?.role === 'ADMIN'
      ? identity.principal.msp_identifier
      : undefined,
  );
  return ids.every((id) => id !== undefined) ? sorted(ids) : undefined;
}

const memberIds = (config: ChannelConfig): string[] =>
  sorted(orgMsps(config, [APPLICATION]).map((org) => org.mspId));

/** Whether the channel's Orderer Admins policy is the member-majority policy of its current members. */
export function governedByMembers(config: ChannelConfig): boolean {
  const named = adminsNamed(groupAt(config.channel_group, [ORDERER])?.policies.Admins);
  const members = memberIds(config);
  return named !== undefined && named.length === members.length && named.every((id, i) => id === members[i]);
}

/**
 * After a change of members (`updated` from `before`): the Orderer Admins policy asks a majority of
 * the new members' admins, if it asked the old members' before. A channel made with the ordering
 * orgs as the Orderer group's admins (before this policy) keeps that policy, as it is.
 */
export function followMembership(before: ChannelConfig, updated: ChannelConfig): void {
  if (!governedByMembers(before)) return;
  const admins = groupAt(updated.channel_group, [ORDERER])?.policies.Admins;
  if (admins) admins.policy = memberMajorityPolicy(memberIds(updated));
}
