import type { Contract } from '@hyperledger/fabric-gateway';

/** One call that reached a fake contract, as fabric-gateway would have sent it. */
export interface ContractCall {
  /** `<namespace>.<transaction>` */
  call: string;
  /** `submit` for a proposal endorsed and committed, `evaluate` for a query. */
  via: 'submit' | 'evaluate';
  args: string[];
  transient: Record<string, string>;
  endorsingOrganizations: string[] | undefined;
}

export interface FakeContracts {
  /** A contract of one namespace, recording into `calls` and answering with `answer`. */
  contractOf: (namespace: string) => Contract;
  calls: ContractCall[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (value: Uint8Array | string): string =>
  typeof value === 'string' ? value : decoder.decode(value);

/**
 * Stand-ins for fabric-gateway contracts that reach no peer: every evaluation and every endorsed
 * proposal is recorded, a proposal commits at once in a block of its own, and each call answers
 * `answer(call)` as the chaincode's JSON result.
 */
export function fakeContracts(answer: (call: ContractCall) => unknown): FakeContracts {
  const calls: ContractCall[] = [];
  let block = 0n;
  const respond = (call: ContractCall): Uint8Array => encoder.encode(JSON.stringify(answer(call)));
  const contractOf = (namespace: string): Contract =>
    ({
      evaluateTransaction: (name: string, ...args: string[]) => {
        const call: ContractCall = {
          call: `${namespace}.${name}`,
          via: 'evaluate',
          args,
          transient: {},
          endorsingOrganizations: undefined,
        };
        calls.push(call);
        return Promise.resolve(respond(call));
      },
      newProposal: (
        name: string,
        options: {
          arguments?: string[];
          transientData?: Record<string, Uint8Array | string>;
          endorsingOrganizations?: string[];
        } = {},
      ) => {
        block += 1n;
        const blockNumber = block;
        const transactionId = blockNumber.toString(16).padStart(64, '0');
        return {
          getTransactionId: () => transactionId,
          endorse: () => {
            const call: ContractCall = {
              call: `${namespace}.${name}`,
              via: 'submit',
              args: options.arguments ?? [],
              transient: Object.fromEntries(
                Object.entries(options.transientData ?? {}).map(([key, value]) => [key, text(value)]),
              ),
              endorsingOrganizations: options.endorsingOrganizations,
            };
            calls.push(call);
            const status = { successful: true, code: 0, transactionId, blockNumber };
            const result = respond(call);
            return Promise.resolve({
              getResult: () => result,
              getTransactionId: () => transactionId,
              submit: () =>
                Promise.resolve({
                  getTransactionId: () => transactionId,
                  getStatus: () => Promise.resolve(status),
                }),
            });
          },
        };
      },
    }) as unknown as Contract;
  return { contractOf, calls };
}
