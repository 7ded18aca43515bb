/**
 * A channel's configuration as `configtxlator proto_decode --type common.Config` writes it (and the
 * read and write sets of a `common.ConfigUpdate`): a tree of groups holding values and policies, each
 * element with a version and the policy that may modify it.
 */
export interface ConfigValue {
  mod_policy: string;
  value: unknown;
  version: string;
}

export interface ConfigPolicy {
  mod_policy: string;
  policy?: { type: number; value: unknown };
  version: string;
}

export interface ConfigGroup {
  groups: Record<string, ConfigGroup>;
  values: Record<string, ConfigValue>;
  policies: Record<string, ConfigPolicy>;
  mod_policy: string;
  version: string;
}

export interface ChannelConfig {
  channel_group: ConfigGroup;
  sequence?: string;
}

export interface ConfigUpdate {
  channel_id: string;
  read_set: ConfigGroup;
  write_set: ConfigGroup;
  isolated_data?: Record<string, unknown>;
}

/** The root group's name in element paths, as Fabric names it: `/Channel/Orderer/BatchTimeout`. */
export const ROOT = 'Channel';
export const APPLICATION = 'Application';
export const ORDERER = 'Orderer';

/** One element of a tree: a group, a value or a policy, where it sits and who may modify it. */
export interface ConfigElement {
  kind: 'Group' | 'Value' | 'Policy';
  /** The group path holding it (for a group: its own path), from the root: ['Channel', 'Orderer']. */
  groupPath: string[];
  name: string;
  version: string;
  modPolicy: string;
}

/** How Fabric keys an element in logs and errors: `[Value] /Channel/Orderer/BatchTimeout`. */
export function elementKey(element: ConfigElement): string {
  const path = element.kind === 'Group' ? element.groupPath : [...element.groupPath, element.name];
  return `[${element.kind}] /${path.join('/')}`;
}

/** Every element of a tree by its key. */
export function flattenTree(root: ConfigGroup): Map<string, ConfigElement> {
  const elements = new Map<string, ConfigElement>();
  const add = (element: ConfigElement): void => {
    elements.set(elementKey(element), element);
  };
  const walk = (group: ConfigGroup, path: string[]): void => {
    add({ kind: 'Group', groupPath: path, name: path.at(-1) ?? ROOT, ...versioned(group) });
    for (const [name, value] of Object.entries(group.values)) {
      add({ kind: 'Value', groupPath: path, name, ...versioned(value) });
    }
    for (const [name, policy] of Object.entries(group.policies)) {
      add({ kind: 'Policy', groupPath: path, name, ...versioned(policy) });
    }
    for (const [name, child] of Object.entries(group.groups)) walk(child, [...path, name]);
  };
  walk(root, [ROOT]);
  return elements;
}

function versioned(element: { version: string; mod_policy: string }): { version: string; modPolicy: string } {
  return { version: element.version, modPolicy: element.mod_policy };
}

/** The group at `path` below the root (`['Application', 'BankAMSP']`), if there is one. */
export function groupAt(root: ConfigGroup, path: readonly string[]): ConfigGroup | undefined {
  let group: ConfigGroup | undefined = root;
  for (const name of path) group = group?.groups[name];
  return group;
}

/** What an org's MSP value says about whose certificates count as its admins. */
export interface OrgMsp {
  /** The org's group name in the channel (our channels name it by MSP id). */
  group: string;
  mspId: string;
  rootCertPems: string[];
  tlsRootCertPems: string[];
  /** The OU that marks an admin with NodeOUs; undefined without NodeOUs (admins then listed). */
  adminOu: string | undefined;
  adminCertPems: string[];
}

interface MspValue {
  config?: {
    name?: string;
    root_certs?: string[] | null;
    tls_root_certs?: string[] | null;
    admins?: string[] | null;
    fabric_node_ous?: { enable?: boolean; admin_ou_identifier?: { organizational_unit_identifier?: string } };
  };
}

const pem = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');

/** The MSP of each org group below `path` (`['Application']`: the member orgs). */
export function orgMsps(config: ChannelConfig, path: readonly string[]): OrgMsp[] {
  const parent = groupAt(config.channel_group, path);
  return Object.entries(parent?.groups ?? {}).map(([group, org]) => {
    const msp = (org.values.MSP?.value as MspValue | undefined)?.config ?? {};
    const ous = msp.fabric_node_ous;
    return {
      group,
      mspId: msp.name ?? group,
      rootCertPems: (msp.root_certs ?? []).map(pem),
      tlsRootCertPems: (msp.tls_root_certs ?? []).map(pem),
      adminOu: ous?.enable ? (ous.admin_ou_identifier?.organizational_unit_identifier ?? 'admin') : undefined,
      adminCertPems: (msp.admins ?? []).map(pem),
    };
  });
}

/** Where the channel's orderers take transactions (each ordering org's `Endpoints`). */
export function ordererEndpoints(config: ChannelConfig): string[] {
  const orderer = groupAt(config.channel_group, [ORDERER]);
  return Object.values(orderer?.groups ?? {}).flatMap(
    (org) => (org.values.Endpoints?.value as { addresses?: string[] } | undefined)?.addresses ?? [],
  );
}
