-- Issue 12, the 2025 rules: term caps (银发〔2025〕77号), the SME payment term (decree 802 Art. 9) and
-- the recipient's consent to a transferred voucher piece (Art. 11).

-- An invoice's first delivery date, and whether a core buyer owes a supplier more than 60 days after it.
ALTER TABLE "invoices" ADD COLUMN "delivered_on" DATE,
ADD COLUMN "payment_term_exceeded" BOOLEAN NOT NULL DEFAULT false;

-- The dashboard counts a core enterprise's flagged invoices.
CREATE INDEX "invoices_buyer_id_payment_term_exceeded_idx" ON "invoices"("buyer_id", "payment_term_exceeded");

-- A voucher maturing more than 6 months after confirmation; a transferred piece's sender and consent.
ALTER TABLE "vouchers" ADD COLUMN "long_term" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "transferred_from" TEXT,
ADD COLUMN "consent_status" TEXT,
ADD COLUMN "consent_decided_at" TIMESTAMP(3),
ADD COLUMN "decline_reason" TEXT,
ADD COLUMN "returned_as" TEXT,
ADD COLUMN "return_of" TEXT;

-- The sender sees the pieces it transferred (visibility) and what waits for its recipients.
CREATE INDEX "vouchers_transferred_from_status_idx" ON "vouchers"("transferred_from", "status");
