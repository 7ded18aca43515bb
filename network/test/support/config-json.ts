import type { ChannelConfig, ConfigGroup, ConfigUpdate } from '../../scripts/config-tree.ts';

/** A group as configtxlator decodes one, with the given parts. */
export function group(parts: Partial<ConfigGroup> = {}): ConfigGroup {
  return { groups: {}, values: {}, policies: {}, mod_policy: 'Admins', version: '0', ...parts };
}

const implicit = (rule: string, sub: string): ConfigGroup['policies'][string] => ({
  mod_policy: 'Admins',
  policy: { type: 3, value: { rule, sub_policy: sub } },
  version: '0',
});

/** An org's `OR('<msp>.<role>')` policy, as channel-config.ts writes it and configtxlator decodes it. */
const oneOf = (mspId: string, role: string): ConfigGroup['policies'][string] => ({
  mod_policy: 'Admins',
  policy: {
    type: 1,
    value: {
      identities: [{ principal: { msp_identifier: mspId, role }, principal_classification: 'ROLE' }],
      rule: { n_out_of: { n: 1, rules: [{ signed_by: 0 }] } },
      version: 0,
    },
  },
  version: '0',
});

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/** An org group with NodeOUs, its root CA certificate and an `Admins` policy naming its admin. */
export function orgGroup(mspId: string, rootCertPem = 'not a certificate'): ConfigGroup {
  return group({
    policies: { Admins: oneOf(mspId, 'ADMIN'), Readers: oneOf(mspId, 'MEMBER') },
    values: {
      MSP: {
        mod_policy: 'Admins',
        value: {
          config: {
            name: mspId,
            root_certs: [base64(rootCertPem)],
            tls_root_certs: [base64(rootCertPem)],
            fabric_node_ous: {
              enable: true,
              admin_ou_identifier: { organizational_unit_identifier: 'admin' },
            },
          },
          type: 0,
        },
        version: '0',
      },
      AnchorPeers: {
        mod_policy: 'Admins',
        value: { anchor_peers: [{ host: `peer0.${mspId.toLowerCase()}`, port: 7051 }] },
        version: '0',
      },
    },
  });
}

/** A channel config like ours: members under Application, ordering orgs under Orderer, MAJORITY Admins. */
export function channelConfig(
  members: string[],
  orderers = ['OrdererMSP'],
  roots = new Map<string, string>(),
): ChannelConfig {
  const orgs = (ids: string[]): Record<string, ConfigGroup> =>
    Object.fromEntries(ids.map((id) => [id, orgGroup(id, roots.get(id))]));
  return {
    channel_group: group({
      policies: { Admins: implicit('MAJORITY', 'Admins') },
      groups: {
        Application: group({ groups: orgs(members), policies: { Admins: implicit('MAJORITY', 'Admins') } }),
        Orderer: group({
          groups: orgs(orderers),
          policies: { Admins: implicit('MAJORITY', 'Admins') },
          values: {
            BatchTimeout: { mod_policy: 'Admins', value: { timeout: '250ms' }, version: '0' },
            BatchSize: {
              mod_policy: 'Admins',
              value: { absolute_max_bytes: 10485760, max_message_count: 500, preferred_max_bytes: 2097152 },
              version: '0',
            },
            ConsensusType: {
              mod_policy: 'Admins',
              value: {
                metadata: { options: { snapshot_interval_size: 1048576 } },
                state: 'STATE_NORMAL',
                type: 'etcdraft',
              },
              version: '0',
            },
          },
        }),
      },
    }),
  };
}

/** An update as compute_update writes it: `read` and `write` are the sets' root groups. */
export function configUpdate(read: ConfigGroup, write: ConfigGroup, channel = 'scf'): ConfigUpdate {
  return { channel_id: channel, read_set: read, write_set: write, isolated_data: {} };
}

/** The read set compute_update writes above a change: each group on the path at its version, empty. */
export const bare = (groups: Record<string, ConfigGroup> = {}, version = '0'): ConfigGroup =>
  group({ groups, mod_policy: '', version });
