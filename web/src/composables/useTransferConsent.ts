import type { Ref } from 'vue';
import { useApi } from '@/api/connection';
import {
  AcceptTransferDocument,
  DeclineTransferDocument,
  WithdrawTransferDocument,
  type VoucherFieldsFragment,
} from '@/api/generated/graphql';
import { useAction } from './useAction';

/** What a consent write returns: the piece as the node now shows it, or null (failed, or not shown yet). */
export interface ConsentOutcome {
  done: boolean;
  voucher: VoucherFieldsFragment | null;
}

/**
 * The recipient's answer to a transferred piece (accept, or decline with a reason) and the sender's
 * withdrawal, each told to the user as it went (useAction).
 */
export function useTransferConsent(): {
  busy: Ref<boolean>;
  accept: (voucherId: string) => Promise<ConsentOutcome>;
  decline: (voucherId: string, reason: string) => Promise<ConsentOutcome>;
  withdraw: (voucherId: string) => Promise<ConsentOutcome>;
} {
  const { busy, run } = useAction();
  const outcome = (payload: { voucher?: VoucherFieldsFragment | null } | null): ConsentOutcome => ({
    done: payload !== null,
    voucher: payload?.voucher ?? null,
  });
  return {
    busy,
    accept: async (voucherId) =>
      outcome(
        await run(
          async () => (await useApi().graphql.request(AcceptTransferDocument, { voucherId })).acceptTransfer,
          'consent.accepted',
        ),
      ),
    decline: async (voucherId, reason) =>
      outcome(
        await run(
          async () =>
            (await useApi().graphql.request(DeclineTransferDocument, { voucherId, reason })).declineTransfer,
          'consent.declined',
        ),
      ),
    withdraw: async (voucherId) =>
      outcome(
        await run(
          async () =>
            (await useApi().graphql.request(WithdrawTransferDocument, { voucherId })).withdrawTransfer,
          'consent.withdrawn',
        ),
      ),
  };
}
