import { Context, Contract } from 'fabric-contract-api';
import { requireCleanString } from '@scf/ledger-contract';

/** What a contract tells the base class about its transactions. */
export interface ContractOptions {
  /**
   * Queries whose last argument is a paging bookmark: the state key a peer returned, which holds
   * the composite-key separator U+0000 and is only handed back to the peer.
   */
  pagedQueries?: readonly string[];
}

/**
 * The base of every contract: before any transaction runs, each raw argument must be free of
 * control characters (line feeds and tabs aside, which multi-line text may hold) and of unpaired
 * surrogates. Each transaction then checks its own fields, stricter where they are not multi-line.
 */
export abstract class BaseContract extends Contract {
  private readonly pagedQueries: ReadonlySet<string>;

  protected constructor(namespace: string, options: ContractOptions = {}) {
    super(namespace);
    this.pagedQueries = new Set(options.pagedQueries);
  }

  /** Refuses the invocation (INVALID_ARGUMENT) if any argument but a paging bookmark is unfit. */
  override async beforeTransaction(ctx: Context): Promise<void> {
    const { fcn, params } = ctx.stub.getFunctionAndParameters();
    const transaction = fcn.slice(fcn.indexOf(':') + 1);
    const checked = this.pagedQueries.has(transaction) ? params.slice(0, -1) : params;
    for (const [index, value] of checked.entries()) {
      requireCleanString(value, `argument ${index + 1} of ${fcn}`, { multiline: true });
    }
    await super.beforeTransaction(ctx);
  }
}
