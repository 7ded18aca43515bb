/**
 * The ledger contract: what the chaincode, the node API and the portal share. Record models and
 * their statuses, error codes, event names, the transaction table, and the pure rules (money, dates,
 * credit codes, text, limits, pricing, term caps). No Fabric or Node-only imports: it runs in the browser too.
 */
export * from './charter-terms.ts';
export * from './credit-code.ts';
export * from './credit-note.ts';
export * from './dates.ts';
export * from './dilution.ts';
export * from './early-payment.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './exposure-cap.ts';
export * from './json.ts';
export * from './late-interest.ts';
export * from './limits.ts';
export * from './money.ts';
export * from './pricing.ts';
export * from './quote-request.ts';
export * from './registration.ts';
export * from './sme-payment-term.ts';
export * from './transactions.ts';
export * from './validation.ts';
export * from './voucher-term.ts';
export * from './warehouse-receipt.ts';
export * from './write-down.ts';
export * from './model/approval.ts';
export * from './model/benchmark-rate.ts';
export * from './model/caller.ts';
export * from './model/charter.ts';
export * from './model/credit-line.ts';
export * from './model/credit-note.ts';
export * from './model/early-payment-offer.ts';
export * from './model/enterprise.ts';
export * from './model/exposure.ts';
export * from './model/financing.ts';
export * from './model/invoice.ts';
export * from './model/note.ts';
export * from './model/quote-request.ts';
export * from './model/record.ts';
export * from './model/shipment.ts';
export * from './model/voucher.ts';
export * from './model/warehouse-receipt.ts';
export * from './model/write-off-book.ts';
