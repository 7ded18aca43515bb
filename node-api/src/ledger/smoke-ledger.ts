import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import type { Caller } from '../../../chaincode/src/model/caller.ts';
import type { Note } from '../../../chaincode/src/model/note.ts';
import { evaluate, submit } from './submit.ts';

export type { Caller, Note };

const decoder = new TextDecoder();
const parse = <T>(bytes: Uint8Array): T => JSON.parse(decoder.decode(bytes)) as T;

/** Typed client of the chaincode's smoke contract: a write, a read, and who the chaincode sees. */
export class SmokeLedger {
  private readonly contract: Contract;

  constructor(gateway: Gateway, channel: string, chaincode: string) {
    this.contract = gateway.getNetwork(channel).getContract(chaincode, 'smoke');
  }

  async putNote(key: string, text: string): Promise<Note & { blockNumber: bigint }> {
    const submitted = await submit(this.contract, 'PutNote', [key, text]);
    return { ...parse<Note>(submitted.result), blockNumber: submitted.blockNumber };
  }

  async getNote(key: string): Promise<Note> {
    return parse<Note>(await evaluate(this.contract, 'GetNote', [key]));
  }

  async whoAmI(): Promise<Caller> {
    return parse<Caller>(await evaluate(this.contract, 'WhoAmI', []));
  }
}
