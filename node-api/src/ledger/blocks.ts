import { GatewayError, type Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { toLedgerError } from './errors.ts';

/** A transaction as this peer's ledger holds it: its validation code (0 is VALID) and block. */
export interface TransactionOutcome {
  validationCode: number;
  blockNumber: bigint;
}

/** The ledger's words for an id it does not hold (Fabric common/ledger/blkstorage/blockindex.go). */
const NOT_IN_LEDGER = 'no such transaction ID';

function isNotInLedger(error: unknown): boolean {
  if (!(error instanceof GatewayError)) return false;
  return [error.message, ...error.details.map((d) => d.message)].some((text) => text.includes(NOT_IN_LEDGER));
}

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

  /**
   * How transaction `txId` ended on this peer's ledger, valid or not; undefined while the peer holds no
   * such transaction (not yet committed here, or never ordered).
   */
  async outcomeOf(txId: string): Promise<TransactionOutcome | undefined> {
    let processed: Uint8Array;
    try {
      processed = await this.network
        .getContract('qscc')
        .evaluateTransaction('GetTransactionByID', this.channel, txId);
    } catch (error) {
      if (isNotInLedger(error)) return undefined;
      throw toLedgerError(error);
    }
    const validationCode = peer.ProcessedTransaction.deserializeBinary(processed).getValidationcode();
    return { validationCode, blockNumber: await this.blockOf(txId) };
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
