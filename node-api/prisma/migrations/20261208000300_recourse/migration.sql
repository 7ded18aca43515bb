-- Issue 13 item 3, recourse and buy-back: whether an offer is with recourse (private terms), the bank's
-- demand that the applicant buy an overdue voucher back, and the buy-back the bank recorded.
ALTER TABLE "offer_terms" ADD COLUMN "recourse" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "financings" ADD COLUMN "recourse_demanded_at" TIMESTAMP(3),
ADD COLUMN "recourse_demanded_by" TEXT,
ADD COLUMN "recourse_amount" BIGINT,
ADD COLUMN "bought_back_at" TIMESTAMP(3),
ADD COLUMN "bought_back_by" TEXT,
ADD COLUMN "buy_back_reference" TEXT;
