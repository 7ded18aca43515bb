-- Issue 14 item 6c, the dashboard after a write: totals the database keeps as vouchers and invoices
-- change, so that the first dashboard after a write sums a few thousand kept totals instead of every
-- voucher. Each keeps the columns that say who may see a row (schema/visibility.ts), so the same
-- conditions select them; `count` and `amount` may fall to zero and stay.

-- Vouchers by what a maturity ladder, an exposure and "vouchers to pay" need.
CREATE TABLE "voucher_maturity_totals" (
    "holder_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "transferred_from" TEXT,
    "status" TEXT NOT NULL,
    "maturity_date" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amount" NUMERIC NOT NULL,
    CONSTRAINT "voucher_maturity_totals_key" UNIQUE NULLS NOT DISTINCT
        ("holder_id", "debtor_id", "transferred_from", "status", "maturity_date")
);

-- Root vouchers (tier 0) by the day (CST) they were issued: the volumes' "vouchers issued".
CREATE TABLE "voucher_issue_totals" (
    "holder_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "transferred_from" TEXT,
    "status" TEXT NOT NULL,
    "created_day" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amount" NUMERIC NOT NULL,
    CONSTRAINT "voucher_issue_totals_key" UNIQUE NULLS NOT DISTINCT
        ("holder_id", "debtor_id", "transferred_from", "status", "created_day")
);

-- Invoices by the day (CST) they were registered: the volumes' "invoices registered".
CREATE TABLE "invoice_issue_totals" (
    "seller_id" TEXT NOT NULL,
    "buyer_id" TEXT NOT NULL,
    "created_day" DATE NOT NULL,
    "count" BIGINT NOT NULL,
    "amount" NUMERIC NOT NULL,
    CONSTRAINT "invoice_issue_totals_key" UNIQUE ("seller_id", "buyer_id", "created_day")
);

-- Adds one voucher's row (sign 1) or takes it away (sign -1).
CREATE FUNCTION "voucher_totals_add"(v "vouchers", sign INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "voucher_maturity_totals" AS t
    VALUES (v."holder_id", v."debtor_id", v."transferred_from", v."status", v."maturity_date", sign, sign * v."amount")
    ON CONFLICT ON CONSTRAINT "voucher_maturity_totals_key"
    DO UPDATE SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
  IF v."tier" = 0 THEN
    INSERT INTO "voucher_issue_totals" AS t
      VALUES (v."holder_id", v."debtor_id", v."transferred_from", v."status",
        (v."created_at" + interval '8 hours')::date, sign, sign * v."amount")
      ON CONFLICT ON CONSTRAINT "voucher_issue_totals_key"
      DO UPDATE SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
  END IF;
END $$;

CREATE FUNCTION "invoice_totals_add"(i "invoices", sign INTEGER) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "invoice_issue_totals" AS t
    VALUES (i."seller_id", i."buyer_id", (i."created_at" + interval '8 hours')::date, sign, sign * i."amount")
    ON CONFLICT ON CONSTRAINT "invoice_issue_totals_key"
    DO UPDATE SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
END $$;

-- A trigger's row taken away (OLD, when updated or deleted) and added (NEW, when inserted or updated),
-- by the add function its argument names.
CREATE FUNCTION "totals_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN EXECUTE format('SELECT %I($1, -1)', TG_ARGV[0]) USING OLD; END IF;
  IF TG_OP <> 'DELETE' THEN EXECUTE format('SELECT %I($1, 1)', TG_ARGV[0]) USING NEW; END IF;
  RETURN NULL;
END $$;

-- An update that changes nothing a total keeps (most do: a timestamp, a paid amount) does nothing.
CREATE TRIGGER "vouchers_totals" AFTER INSERT OR DELETE ON "vouchers"
  FOR EACH ROW EXECUTE FUNCTION "totals_change"('voucher_totals_add');
CREATE TRIGGER "vouchers_totals_update" AFTER UPDATE ON "vouchers" FOR EACH ROW
  WHEN ((OLD."holder_id", OLD."debtor_id", OLD."transferred_from", OLD."status", OLD."maturity_date",
    OLD."tier", OLD."created_at", OLD."amount") IS DISTINCT FROM (NEW."holder_id", NEW."debtor_id",
    NEW."transferred_from", NEW."status", NEW."maturity_date", NEW."tier", NEW."created_at", NEW."amount"))
  EXECUTE FUNCTION "totals_change"('voucher_totals_add');
CREATE TRIGGER "invoices_totals" AFTER INSERT OR DELETE ON "invoices"
  FOR EACH ROW EXECUTE FUNCTION "totals_change"('invoice_totals_add');
CREATE TRIGGER "invoices_totals_update" AFTER UPDATE ON "invoices" FOR EACH ROW
  WHEN ((OLD."seller_id", OLD."buyer_id", OLD."created_at", OLD."amount") IS DISTINCT FROM
    (NEW."seller_id", NEW."buyer_id", NEW."created_at", NEW."amount"))
  EXECUTE FUNCTION "totals_change"('invoice_totals_add');

-- What a node already holds.
INSERT INTO "voucher_maturity_totals"
  SELECT "holder_id", "debtor_id", "transferred_from", "status", "maturity_date", count(*), sum("amount")
  FROM "vouchers" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "voucher_issue_totals"
  SELECT "holder_id", "debtor_id", "transferred_from", "status", ("created_at" + interval '8 hours')::date,
    count(*), sum("amount")
  FROM "vouchers" WHERE "tier" = 0 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "invoice_issue_totals"
  SELECT "seller_id", "buyer_id", ("created_at" + interval '8 hours')::date, count(*), sum("amount")
  FROM "invoices" GROUP BY 1, 2, 3;
