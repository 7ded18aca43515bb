import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import type { Caller, Note } from '@scf/ledger-contract';
import { evaluate, submit } from './submit.ts';

export type { Caller, Note };

const decoder = new TextDecoder();
const parse = <T>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;

/**
 * Typed client of the chaincode's `smoke:WhoAmI` (who the chaincode sees) and of the test-only
 * contract's note write and read (`test:PutNote`, `test:GetNote`: the benchmark's one-write
 * baseline), which only test networks serve.
 */
export class SmokeLedger {
  private readonly smoke: Contract;
  private readonly test: Contract;

  constructor(gateway: Gateway, channel: string, chaincode: string) {
    const network = gateway.getNetwork(channel);
    this.smoke = network.getContract(chaincode, 'smoke');
    this.test = network.getContract(chaincode, 'test');
  }

  async putNote(key: string, text: string): Promise<Note & { blockNumber: bigint }> {
    const submitted = await submit(this.test, 'PutNote', [key, text]);
    return { ...parse<Note>(submitted.result), blockNumber: submitted.blockNumber };
  }

  async getNote(key: string): Promise<Note> {
    return parse<Note>(await evaluate(this.test, 'GetNote', [key]));
  }

  async whoAmI(): Promise<Caller> {
    return parse<Caller>(await evaluate(this.smoke, 'WhoAmI', []));
  }
}
