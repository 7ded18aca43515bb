import type { Ref } from 'vue';
import { useApi } from '@/api/connection';
import {
  ApproveActionDocument,
  PrepareActionDocument,
  RejectActionDocument,
  WithdrawActionDocument,
  type ApprovalFieldsFragment,
  type PrepareActionInput,
} from '@/api/generated/graphql';
import { useAction } from './useAction';

/** What an approval write returns: the approval as the node now shows it, or null (failed, or not shown yet). */
export interface ApprovalOutcome {
  done: boolean;
  approval: ApprovalFieldsFragment | null;
}

/**
 * Four eyes: preparing a money-moving action, and approving (which runs it), rejecting or withdrawing
 * it, each told to the user as it went (useAction).
 */
export function useApprovals(): {
  busy: Ref<boolean>;
  prepare: (input: PrepareActionInput) => Promise<ApprovalOutcome>;
  approve: (id: string) => Promise<ApprovalOutcome>;
  reject: (id: string, reason: string) => Promise<ApprovalOutcome>;
  withdraw: (id: string) => Promise<ApprovalOutcome>;
} {
  const { busy, run } = useAction();
  const outcome = (payload: { approval?: ApprovalFieldsFragment | null } | null): ApprovalOutcome => ({
    done: payload !== null,
    approval: payload?.approval ?? null,
  });
  const graphql = () => useApi().graphql;
  return {
    busy,
    prepare: async (input) =>
      outcome(
        await run(
          async () => (await graphql().request(PrepareActionDocument, { input })).prepareAction,
          'approval.prepared',
        ),
      ),
    approve: async (id) =>
      outcome(
        await run(
          async () => (await graphql().request(ApproveActionDocument, { id })).approveAction,
          'approval.approved',
        ),
      ),
    reject: async (id, reason) =>
      outcome(
        await run(
          async () => (await graphql().request(RejectActionDocument, { id, reason })).rejectAction,
          'approval.rejected',
        ),
      ),
    withdraw: async (id) =>
      outcome(
        await run(
          async () => (await graphql().request(WithdrawActionDocument, { id })).withdrawAction,
          'approval.withdrawn',
        ),
      ),
  };
}
