import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { callerOf } from '../lib/caller';
import { marshal } from '@scf/ledger-contract';
import { BaseContract } from './base-contract';

/** What the chaincode sees of its caller: proves a client reaches it, with which identity. */
@Info({ title: 'SmokeContract', description: 'Network smoke test: the caller as the chaincode sees it' })
export class SmokeContract extends BaseContract {
  constructor() {
    super('smoke');
  }

  /** Returns the caller's MSP, certificate id and scf.enterpriseId / scf.role attributes. */
  @Transaction(false)
  @Returns('string')
  async WhoAmI(ctx: Context): Promise<string> {
    return Promise.resolve(marshal(callerOf(ctx)));
  }
}
