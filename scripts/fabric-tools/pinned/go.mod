// Fabric v3.1.5 (commit 86c1172bec37e6590c6b1ae6f847833df48d65fc), the version DESIGN.md pins.
// No go.sum is committed: the checksum database verifies the module where the proxy serves it.
module scf/fabric-tools-pinned

go 1.24

tool (
	github.com/hyperledger/fabric/cmd/configtxgen
	github.com/hyperledger/fabric/cmd/configtxlator
	github.com/hyperledger/fabric/cmd/orderer
	github.com/hyperledger/fabric/cmd/osnadmin
	github.com/hyperledger/fabric/cmd/peer
)

require github.com/hyperledger/fabric v1.4.0-rc1.0.20260618074816-86c1172bec37
