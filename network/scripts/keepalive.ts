/**
 * The shortest interval between a client's keepalive pings that a peer or an orderer puts up with
 * before it closes the connection (Fabric's default: 60 s, as long as its own clients' interval).
 *
 * A peer's gateway dials the other orgs' peers (to endorse) and the orderers (to submit) with no
 * keepalive options of its own (internal/pkg/gateway/endpoint.go in this Fabric build), which gRPC
 * raises to its floor: a ping after every 10 s of silence. Against a 60 s minimum, the third such
 * ping closes the connection (GOAWAY "too_many_pings"), and an endorsement sent on it at that moment
 * fails: "failed to collect enough transaction endorsements … received prior goaway: code:
 * ENHANCE_YOUR_CALM", seen in a fresh-clone npm test. Half the gateway's interval leaves room for a
 * ping that arrives late after one that arrived early; a ping every 5 s costs nothing.
 */
export const CLIENT_PING_MIN_INTERVAL = '5s';
