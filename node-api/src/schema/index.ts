import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.ts';
import './approval.ts';
import './benchmark-rate.ts';
import './changes.ts';
import './charter.ts';
import './consortium-exposure.ts';
import './credit-line.ts';
import './credit-note.ts';
import './dashboard.ts';
import './document.ts';
import './early-payment.ts';
import './enterprise.ts';
import './error-code.ts';
import './financing.ts';
import './history.ts';
import './late-interest.ts';
import './invoice.ts';
import './mutations/index.ts';
import './node-info.ts';
import './payment-dispute.ts';
import './prepared-offer.ts';
import './proof.ts';
import './quote-request.ts';
import './shipment.ts';
import './transaction-status.ts';
import './transfer-consent.ts';
import './user.ts';
import './voucher.ts';
import './voucher-lineage.ts';
import './warehouse-receipt.ts';
import './write-off.ts';

/** The whole GraphQL schema: every schema/<entity>.ts registers its types on the builder on import. */
export function buildSchema(): GraphQLSchema {
  return builder.toSchema({ sortSchema: true });
}
