import { describe, expect, it } from 'vitest';
import { samplesOf, sampleValue } from '../scripts/prometheus-text.ts';
import { knowsLeader, raftViewOf } from '../scripts/raft-view.ts';

const ORDERER = `# HELP consensus_etcdraft_is_leader The leadership status of the current node.
# TYPE consensus_etcdraft_is_leader gauge
consensus_etcdraft_active_nodes{channel="scf"} 3
consensus_etcdraft_cluster_size{channel="scf"} 3
consensus_etcdraft_committed_block_number{channel="scf"} 7
consensus_etcdraft_data_persist_duration_sum{channel="scf"} 0.0071
consensus_etcdraft_data_persist_duration_count{channel="scf"} 46
consensus_etcdraft_is_leader{channel="scf"} 0
consensus_etcdraft_leader_changes{channel="scf"} 1
consensus_etcdraft_is_leader{channel="other"} 1
ledger_blockchain_height{channel="scf"} 8
cluster_comm_egress_queue_length{channel="scf",host="127.0.0.1:29058",msg_type="consensus"} 0
`;

describe('Prometheus text', () => {
  it('reads a sample by name and labels, ignoring comments and other labels', () => {
    expect(sampleValue(ORDERER, 'ledger_blockchain_height', { channel: 'scf' })).toBe(8);
    expect(sampleValue(ORDERER, 'consensus_etcdraft_is_leader', { channel: 'other' })).toBe(1);
    expect(sampleValue(ORDERER, 'cluster_comm_egress_queue_length', { msg_type: 'consensus' })).toBe(0);
    expect(sampleValue(ORDERER, 'consensus_etcdraft_data_persist_duration')).toBeUndefined();
    expect(sampleValue(ORDERER, 'ledger_blockchain_height', { channel: 'none' })).toBeUndefined();
  });

  it('reads samples without labels and escaped label values', () => {
    const text = 'scf_projector_lag_blocks 4\nweird{path="a\\"b\\\\c"} 2.5\nbad NaN\n';
    expect(sampleValue(text, 'scf_projector_lag_blocks')).toBe(4);
    expect(sampleValue(text, 'weird', { path: 'a"b\\c' })).toBe(2.5);
    expect(sampleValue(text, 'bad')).toBeUndefined();
  });

  it('lists every sample of a metric with its labels, skipping other metrics and values that are not numbers', () => {
    const text = [
      '# TYPE chaincode_shim_requests_received counter',
      'chaincode_shim_requests_received{chaincode="scf:1.0",channel="scf",type="GET_STATE"} 12',
      'chaincode_shim_requests_received{chaincode="scf:1.0",channel="scf",type="PUT_STATE"} 5',
      'chaincode_shim_requests_received_total 99',
      'chaincode_shim_requests_received{type="BAD"} NaN',
    ].join('\n');
    expect(samplesOf(text, 'chaincode_shim_requests_received')).toEqual([
      {
        labels: new Map([
          ['chaincode', 'scf:1.0'],
          ['channel', 'scf'],
          ['type', 'GET_STATE'],
        ]),
        value: 12,
      },
      {
        labels: new Map([
          ['chaincode', 'scf:1.0'],
          ['channel', 'scf'],
          ['type', 'PUT_STATE'],
        ]),
        value: 5,
      },
    ]);
    expect(samplesOf(text, 'absent')).toEqual([]);
  });

  it("makes an orderer's Raft view of a channel, or none when it does not serve the channel", () => {
    const view = raftViewOf(ORDERER, 'scf');
    expect(view).toEqual({
      isLeader: false,
      activeNodes: 3,
      clusterSize: 3,
      leaderChanges: 1,
      steps: 46,
      height: 8,
    });
    expect(view && knowsLeader(view)).toBe(true);
    expect(raftViewOf(ORDERER, 'absent')).toBeUndefined();
    const lost = raftViewOf(
      ORDERER.replace('active_nodes{channel="scf"} 3', 'active_nodes{channel="scf"} 0'),
      'scf',
    );
    expect(lost && knowsLeader(lost)).toBe(false);
  });
});
