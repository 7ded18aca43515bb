/** Every chaincode write as a mutation; each file registers its fields on the builder. */
import './approval.ts';
import './charter.ts';
import './credit-line.ts';
import './credit-note.ts';
import './early-payment.ts';
import './enterprise.ts';
import './financing.ts';
import './invoice.ts';
import './rate.ts';
import './quote-request.ts';
import './recourse.ts';
import './payment-dispute.ts';
import './settlement.ts';
import './shipment.ts';
import './transfer-consent.ts';
import './voucher.ts';
import './write-off.ts';
