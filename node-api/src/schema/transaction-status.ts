import { SHA256_HEX } from '@scf/ledger-contract';
import { ClientRequests } from '../requests/client-requests.ts';
import {
  refreshed,
  statusOf,
  type RequestStatus,
  type TransactionState,
} from '../requests/request-status.ts';
import { builder } from './builder.ts';
import { NodeErrorCodes, userError } from './errors.ts';
import { CLIENT_REQUEST_ID_ARG } from './ledger-write-plugin.ts';
import { signedIn } from './mutations/submit.ts';

const TransactionStateEnum = builder.enumType('TransactionState', {
  description: 'Where one of your writes stands, as this node knows it.',
  values: {
    UNKNOWN: { description: 'No write of yours with this transaction id or key (another user’s too).' },
    PENDING: {
      description:
        'Sent for endorsement or ordering, and not seen committed on this org’s peer yet: it may still ' +
        'commit, or never. Ask again later; do not send it again under a new key.',
    },
    VALID: { description: 'Committed: the write took effect in `blockNumber`.' },
    INVALID: {
      description:
        'It changed nothing, and never will: invalidated at commit (`reason`: Fabric’s validation code, ' +
        'such as MVCC_READ_CONFLICT or ENDORSEMENT_POLICY_FAILURE, with its `blockNumber`), refused ' +
        'before ordering (`reason`: the error code the mutation answered), or given up by the node ' +
        'after sending it again found it still not on the ledger (`reason`: ORDERING_UNAVAILABLE). Its ' +
        'key may be used again.',
    },
  } satisfies Record<TransactionState, { description: string }>,
});

const TransactionStatus = builder.objectRef<RequestStatus>('TransactionStatus').implement({
  description: 'The outcome of one write you sent through this node (see `transactionStatus`).',
  fields: (t) => ({
    state: t.field({ type: TransactionStateEnum, resolve: (status) => status.state }),
    transactionId: t.string({
      nullable: true,
      description: 'The transaction of the latest attempt (a retry after a read conflict is a new one).',
      resolve: (status) => status.transactionId,
    }),
    blockNumber: t.string({
      nullable: true,
      description: 'The block that holds it, once committed (valid or not).',
      resolve: (status) => status.blockNumber?.toString() ?? null,
    }),
    reason: t.string({
      nullable: true,
      description: 'Why it is INVALID: a Fabric validation code name, or the error code of the refusal.',
      resolve: (status) => status.reason,
    }),
    clientRequestId: t.string({ nullable: true, resolve: (status) => status.clientRequestId }),
  }),
});

builder.queryField('transactionStatus', (t) =>
  t.field({
    type: TransactionStatus,
    description:
      'The outcome of one of your own writes, by its transaction id or by the `clientRequestId` ' +
      '(`Idempotency-Key`) it was sent with: exactly one of the two. A write still PENDING is looked up ' +
      "on this org's peer first; anyone else's transaction is UNKNOWN. A mutation sent again with the " +
      'same key and arguments answers as its first attempt did while that one is VALID or PENDING (the ' +
      'same transactionId and result), and is sent afresh once it is INVALID; other arguments under ' +
      'the key are IDEMPOTENCY_KEY_REUSED.',
    authScopes: { loggedIn: true },
    args: {
      transactionId: t.arg.id({ validate: { regex: SHA256_HEX } }),
      clientRequestId: t.arg.string({ validate: CLIENT_REQUEST_ID_ARG }),
    },
    resolve: async (_root, args, ctx) => {
      const user = signedIn(ctx);
      const transactionId = args.transactionId ?? null;
      const key = args.clientRequestId ?? null;
      if ((transactionId === null) === (key === null)) {
        throw userError(
          NodeErrorCodes.InvalidArgument,
          'give exactly one of transactionId and clientRequestId',
        );
      }
      const requests = new ClientRequests(ctx.db);
      const row =
        transactionId === null
          ? await requests.byKey(user.id, key ?? '')
          : await requests.byTransaction(user.id, transactionId);
      if (!row) return { ...statusOf(null), transactionId, clientRequestId: key };
      const peer = { outcomeOf: (id: string) => ctx.services.blocks.outcomeOf(id) };
      return statusOf(await refreshed(requests, row, peer, ctx.services.log));
    },
  }),
);
