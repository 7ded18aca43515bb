export {
  chaincodeLabel,
  chaincodeProcessName,
  deployChaincode,
  waitForChaincode,
  type DeployResult,
} from './scripts/chaincode.ts';
export { BATCH } from './scripts/channel-config.ts';
export { loadConfig, portSpan, type ConsortiumConfig } from './scripts/config.ts';
export type { NetworkContext } from './scripts/context.ts';
export {
  connectGateway,
  type GatewayDeadlines,
  type LedgerConnection,
  type LedgerIdentity,
  type PeerEndpoint,
} from './scripts/gateway-connection.ts';
export { identityFiles, type IdentityFiles } from './scripts/identities.ts';
export { clean, down, openNetwork, up, type UpResult } from './scripts/network.ts';
export {
  DefinitionError,
  readOrgDefinition,
  writeOrgDefinition,
  type OrgDefinition,
} from './scripts/org-definition.ts';
export { exportOrgDefinition } from './scripts/org-export.ts';
export { findFreeBasePort } from './scripts/ports.ts';
export { validationName } from './scripts/validation-code.ts';
export { startFreshNetwork, type FreshNetworkOptions } from './scripts/fresh-network.ts';
export { peerProcessName } from './scripts/peer.ts';
export { peerMetricSamples } from './scripts/peer-metrics.ts';
export { fetchPeerProfile } from './scripts/peer-profile.ts';
export { ordererProcessName } from './scripts/orderer.ts';
export { caProcessName } from './scripts/ca.ts';
export {
  killAllSync,
  knownProcesses,
  logTail,
  runningPid,
  startProcess,
  stopProcess,
  stopRequested,
  type ProcessSpec,
} from './scripts/processes.ts';
export { httpGet, httpOk, TimeoutError, waitFor } from './scripts/health.ts';
export { fabricRestarters } from './scripts/fabric-restarters.ts';
export { fabricReports } from './scripts/fabric-status.ts';
export { fabricUnits } from './scripts/fabric-units.ts';
export {
  formatReports,
  statusExitCode,
  type ProcessKind,
  type ProcessReport,
  type ProcessState,
} from './scripts/process-report.ts';
export { sampleValue } from './scripts/prometheus-text.ts';
export {
  Supervisor,
  WATCH_INTERVAL_MS,
  type Restarter,
  type SupervisorOptions,
} from './scripts/supervisor.ts';
export { writeUnits, type UnitOptions, type UnitSpec } from './scripts/systemd-unit.ts';
export { watchInForeground } from './scripts/watch.ts';
export { fabricBin } from './scripts/fabric-tools.ts';
export { nodeStatuses, type NodeStatus } from './scripts/status.ts';
export { findMember, type MemberPlan, type Topology } from './scripts/topology.ts';
export { enrollUser, type EnrolledUser, type Role } from './scripts/users.ts';
export { groupMembers, isRunning } from './scripts/process-table.ts';
