import { deltaElements } from './config-delta.ts';
import {
  APPLICATION,
  groupAt,
  ORDERER,
  orgMsps,
  ROOT,
  type ChannelConfig,
  type ConfigElement,
  type ConfigGroup,
  type ConfigUpdate,
} from './config-tree.ts';

/** Fabric's policy types (common.Policy.PolicyType). */
const SIGNATURE = 1;
const IMPLICIT_META = 3;

/**
 * Whose signatures one policy of the channel asks for, in org admins: `needed` of the admins of
 * `orgs`. `scope` says what the orgs are: the channel's member orgs, its ordering orgs, or one org.
 */
export interface PolicyNeed {
  /** The policy's path: `/Channel/Application/Admins`. */
  policy: string;
  scope: 'member' | 'orderer' | 'org';
  /** The MSP ids whose admins count, sorted. */
  orgs: string[];
  needed: number;
}

/** A policy whose shape the pre-check cannot count in org admins (the orderer still decides). */
export class UnsupportedPolicyError extends Error {
  readonly policy: string;

  constructor(policy: string, reason: string) {
    super(`cannot count signatures for the policy ${policy}: ${reason}`);
    this.name = UnsupportedPolicyError.name;
    this.policy = policy;
  }
}

/** Signatures fall short of a policy: who signed, how many count, how many it needs. */
export class PolicyNotMetError extends Error {
  readonly need: PolicyNeed;
  readonly signedBy: string[];

  constructor(need: PolicyNeed, signedBy: string[]) {
    const counted = need.orgs.filter((org) => signedBy.includes(org));
    const missing = need.orgs.filter((org) => !signedBy.includes(org));
    super(
      `signed by ${signedBy.length > 0 ? signedBy.join(', ') : 'nobody'}: ${counted.length} of ` +
        `${need.orgs.length} ${scopeNoun(need)} admins; needs ${need.needed} (${need.policy}; ` +
        `admins who may still sign: ${missing.join(', ') || 'none'})`,
    );
    this.name = PolicyNotMetError.name;
    this.need = need;
    this.signedBy = signedBy;
  }
}

function scopeNoun(need: PolicyNeed): string {
  return need.scope === 'org' ? 'org' : `${need.scope} org`;
}

/** "admins of 3 of 5 member orgs", "the admin of BankBMSP". */
export function describeNeed(need: PolicyNeed): string {
  const [only] = need.orgs;
  if (need.orgs.length === 1 && only !== undefined) return `the admin of ${only}`;
  return `admins of ${need.needed} of ${need.orgs.length} ${scopeNoun(need)}s`;
}

/** How many of `orgs` an implicit-meta rule needs: Fabric's ANY, ALL, MAJORITY (more than half). */
export function ruleThreshold(rule: string, orgs: number): number {
  if (rule === 'ANY') return 1;
  if (rule === 'ALL') return orgs;
  if (rule === 'MAJORITY') return Math.floor(orgs / 2) + 1;
  throw new Error(`unknown implicit meta rule "${rule}"`);
}

/**
 * The path of the policy that may modify an element: an absolute mod_policy as it is, a relative one
 * from the element's group (for a group: from the group itself), as Fabric's validator resolves it.
 */
export function modPolicyPath(element: ConfigElement): string {
  const { modPolicy } = element;
  return modPolicy.startsWith('/') ? modPolicy : `/${[...element.groupPath, modPolicy].join('/')}`;
}

interface SignatureRule {
  signed_by?: number;
  n_out_of?: { n?: number; rules?: SignatureRule[] };
}

interface SignaturePolicy {
  identities?: {
    principal_classification?: string;
    principal?: { msp_identifier?: string; role?: string };
  }[];
  rule?: SignatureRule;
}

/** A signature policy that asks for n signatures, each of a different org's admin or member. */
function signatureNeed(policy: string, value: SignaturePolicy): { orgs: string[]; needed: number } {
  const outOf = value.rule?.n_out_of;
  const rules = outOf?.rules ?? [];
  const orgs = rules.map((rule) => {
    const identity = rule.signed_by === undefined ? undefined : value.identities?.[rule.signed_by];
    const role = identity?.principal?.role;
    if (identity?.principal_classification !== 'ROLE' || (role !== 'ADMIN' && role !== 'MEMBER')) {
      throw new UnsupportedPolicyError(policy, 'each rule must be one admin or member of an org');
    }
    return identity.principal?.msp_identifier ?? '';
  });
  const needed = outOf?.n ?? 0;
  if (new Set(orgs).size !== orgs.length && needed > 1) {
    throw new UnsupportedPolicyError(policy, 'it asks for several signatures of one org');
  }
  return { orgs: [...new Set(orgs)].sort(), needed };
}

function policyAt(
  config: ChannelConfig,
  path: string,
): { group: ConfigGroup; groupPath: string[]; type: number; value: unknown } {
  const parts = path.split('/').filter(Boolean);
  const name = parts.pop();
  const [root, ...below] = parts;
  const group = root === ROOT ? groupAt(config.channel_group, below) : undefined;
  const policy = name === undefined ? undefined : group?.policies[name]?.policy;
  if (!group || !policy) throw new UnsupportedPolicyError(path, 'the channel has no such policy');
  return { group, groupPath: parts, type: policy.type, value: policy.value };
}

/**
 * Whose admins a signature policy counts, for people: an org group's own policy is the org's; one
 * above the orgs (/Channel/Orderer/Admins naming the member orgs' admins) is the member orgs' if
 * it names members only, else the ordering orgs'.
 */
function signatureScope(config: ChannelConfig, groupPath: string[], orgs: string[]): PolicyNeed['scope'] {
  if (groupPath.length > 2) return 'org';
  const members = orgMsps(config, [APPLICATION]).map((org) => org.mspId);
  if (orgs.length > 0 && orgs.every((org) => members.includes(org))) return 'member';
  return groupPath[1] === ORDERER ? 'orderer' : 'org';
}

/**
 * What a policy of the channel needs, in org admins: an implicit meta policy over the org groups
 * below it (`MAJORITY Admins` of /Channel/Application: a majority of member orgs), or a signature
 * policy naming orgs (an org's own `Admins`: its admin; /Channel/Orderer/Admins: a majority of the
 * member orgs' admins, orderer-admins.ts).
 */
export function policyNeed(config: ChannelConfig, path: string): PolicyNeed {
  const { group, groupPath, type, value } = policyAt(config, path);
  if (type === SIGNATURE) {
    const need = signatureNeed(path, value as SignaturePolicy);
    return { policy: path, scope: signatureScope(config, groupPath, need.orgs), ...need };
  }
  const below = groupPath.slice(1).join('/');
  const scope = below === APPLICATION ? 'member' : below === ORDERER ? 'orderer' : 'org';
  if (type !== IMPLICIT_META) throw new UnsupportedPolicyError(path, `policy type ${type}`);
  const { rule, sub_policy: subPolicy } = value as { rule: string; sub_policy: string };
  const orgs = Object.keys(group.groups).map((name) => {
    const sub = policyNeed(config, `/${[...groupPath, name, subPolicy].join('/')}`);
    const [org] = sub.orgs;
    if (sub.needed !== 1 || sub.orgs.length !== 1 || org === undefined) {
      throw new UnsupportedPolicyError(path, `${name}/${subPolicy} is not one admin of one org`);
    }
    return org;
  });
  return { policy: path, scope, orgs: orgs.sort(), needed: ruleThreshold(rule, orgs.length) };
}

/**
 * Every policy an update must satisfy, one per policy path, from the channel's current config: the
 * mod_policy of each element it changes that the channel holds. Fabric checks no policy of an element
 * the update adds, only that of its parent group, whose version the update then raises.
 */
export function policyNeeds(config: ChannelConfig, update: ConfigUpdate): PolicyNeed[] {
  const modified = deltaElements(config, update).flatMap((item) => (item.existing ? [item.existing] : []));
  const paths = new Set(modified.map(modPolicyPath));
  return [...paths].sort().map((path) => policyNeed(config, path));
}

/** The signing orgs that count for a need: each org once, only orgs the policy names. */
export function countedSigners(need: PolicyNeed, signedBy: Iterable<string>): string[] {
  return [...new Set(signedBy)].filter((org) => need.orgs.includes(org)).sort();
}

/** Throws PolicyNotMetError for the first need the signing orgs do not meet. */
export function assertNeedsMet(needs: PolicyNeed[], signedBy: Iterable<string>): void {
  const signers = [...new Set(signedBy)].sort();
  for (const need of needs) {
    if (countedSigners(need, signers).length < need.needed) throw new PolicyNotMetError(need, signers);
  }
}
