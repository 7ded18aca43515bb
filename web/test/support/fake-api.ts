import type { Plugin } from 'vue';
import { setApiConnection, type ApiConnection } from '@/api/connection';
import type { NodeInfoQuery, UserFieldsFragment } from '@/api/generated/graphql';
import { useSessionStore } from '@/stores/session';

/** One request the page made: the typed document (compare with `===`) and its variables. */
export interface FakeCall {
  document: unknown;
  variables: unknown;
}

/**
 * Puts a fake node API in place: `answer` gives each operation's data (or throws to fail it). Returns
 * the list of requests, in order, for the test to inspect.
 */
export function fakeApi(answer: (document: unknown, variables: unknown) => unknown): FakeCall[] {
  const calls: FakeCall[] = [];
  const execute = (document: unknown, variables: unknown): Promise<unknown> => {
    calls.push({ document, variables });
    try {
      return Promise.resolve(answer(document, variables));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  setApiConnection({ graphql: { execute, request: execute } } as unknown as ApiConnection);
  return calls;
}

/** A Vue plugin (install after Pinia) that logs a user in at an org's node. */
export function loggedIn(
  user: Pick<UserFieldsFragment, 'enterpriseKind' | 'role'> & Partial<UserFieldsFragment>,
  node: NodeInfoQuery['nodeInfo'] | null,
): Plugin {
  return {
    install() {
      const session = useSessionStore();
      session.user = {
        id: 'u1',
        username: 'admin',
        displayName: 'Admin',
        enterpriseId: 'E1',
        ...user,
      };
      session.node = node;
    },
  };
}

/** A write's payload as the node answers it when the read model already shows the change. */
export function applied<T extends object>(
  fields: T,
): T & { projection: 'APPLIED'; transactionId: string; blockNumber: string } {
  return { projection: 'APPLIED', transactionId: 'tx1', blockNumber: '42', ...fields };
}
