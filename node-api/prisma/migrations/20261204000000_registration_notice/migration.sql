-- Issue 12, registration and notice (银发〔2025〕77号, 民法典 Art. 768): a financing's registration at the
-- movable-property financing registry, made by its bank before it disbursed, and the notice of
-- assignment to the debtor recorded with the disbursement.

ALTER TABLE "financings" ADD COLUMN "registration_number" TEXT,
ADD COLUMN "registered_at" TIMESTAMP(3),
ADD COLUMN "registrant_id" TEXT,
ADD COLUMN "registrant_msp" TEXT,
ADD COLUMN "registry_searched_at" TIMESTAMP(3),
ADD COLUMN "registry_search_result" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN "noticed_at" TIMESTAMP(3);

-- A core enterprise lists the notices of assignment it received (debtor_id, noticed).
CREATE INDEX "financings_debtor_id_noticed_at_idx" ON "financings"("debtor_id", "noticed_at");
