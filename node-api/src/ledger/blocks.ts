import type { Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { toLedgerError } from './errors.ts';

/**
 * Questions about blocks, answered by the peer's query system chaincode (qscc): where a transaction
 * was committed, and how tall the chain is. Any member of the channel may ask.
 */
export class BlockLocator {
  private readonly network: Network;
  private readonly channel: string;

  constructor(network: Network, channel: string) {
    this.network = network;
    this.channel = channel;
  }

  /** The number of the block holding transaction `txId`. */
  async blockOf(txId: string): Promise<bigint> {
    const bytes = await this.query('GetBlockByTxID', txId);
    const header = common.Block.deserializeBinary(bytes).getHeader();
    if (!header) throw new Error(`block of ${txId} has no header`);
    return BigInt(header.getNumber());
  }

  /** The number of blocks the peer has committed. */
  async height(): Promise<bigint> {
    const info = common.BlockchainInfo.deserializeBinary(await this.query('GetChainInfo'));
    return BigInt(info.getHeight());
  }

  private async query(name: string, ...args: string[]): Promise<Uint8Array> {
    try {
      return await this.network.getContract('qscc').evaluateTransaction(name, this.channel, ...args);
    } catch (error) {
      throw toLedgerError(error);
    }
  }
}
