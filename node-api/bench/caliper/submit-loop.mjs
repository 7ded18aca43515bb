// @ts-check
/**
 * A Caliper workload module (Caliper 0.6 loads it with require(), which Node ≥ 22.12 allows for ES
 * modules): each call submits one transaction of `contractFunction` with the arguments
 * `args(worker, sequence)` returns, through the fabric-gateway connector as `invokerIdentity`.
 * The contract id, channel and identity come from the round's `arguments` in the bench config.
 *
 * @param {(worker: number, sequence: number, roundArguments: Record<string, string>) => string[]} args
 */
export function submitLoop(args) {
  return {
    worker: 0,
    sequence: 0,
    /** @type {Record<string, string>} */
    roundArguments: {},
    /** @type {{ sendRequests: (request: object) => Promise<unknown> } | undefined} */
    adapter: undefined,
    /**
     * @param {number} workerIndex
     * @param {number} _totalWorkers
     * @param {number} _roundIndex
     * @param {Record<string, string>} roundArguments
     * @param {{ sendRequests: (request: object) => Promise<unknown> }} sutAdapter
     */
    async initializeWorkloadModule(workerIndex, _totalWorkers, _roundIndex, roundArguments, sutAdapter) {
      this.worker = workerIndex;
      this.roundArguments = roundArguments;
      this.adapter = sutAdapter;
      return Promise.resolve();
    },
    async submitTransaction() {
      this.sequence += 1;
      const { contractId, channel, invokerIdentity, invokerMspId, contractFunction } = this.roundArguments;
      if (!this.adapter) throw new Error('workload module used before initializeWorkloadModule');
      return this.adapter.sendRequests({
        contractId,
        channel,
        invokerIdentity,
        invokerMspId,
        contractFunction,
        contractArguments: args(this.worker, this.sequence, this.roundArguments),
        readOnly: false,
      });
    },
    async cleanupWorkloadModule() {
      return Promise.resolve();
    },
  };
}
