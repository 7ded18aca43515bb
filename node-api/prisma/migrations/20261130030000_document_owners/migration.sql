-- Documents belong to the enterprises whose users uploaded them to this node (one row per enterprise).

-- CreateTable
CREATE TABLE "document_owners" (
    "sha256" TEXT NOT NULL,
    "enterprise_id" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "document_owners_pkey" PRIMARY KEY ("sha256","enterprise_id")
);

-- CreateIndex
CREATE INDEX "document_owners_enterprise_id_idx" ON "document_owners"("enterprise_id");

-- Documents stored before ownership was kept belong to the enterprise of the user who uploaded them.
INSERT INTO "document_owners" ("sha256", "enterprise_id", "uploaded_by", "uploaded_at")
SELECT d."sha256", u."enterprise_id", d."uploaded_by", d."uploaded_at"
FROM "documents" d JOIN "users" u ON u."id" = d."uploaded_by"
ON CONFLICT DO NOTHING;
