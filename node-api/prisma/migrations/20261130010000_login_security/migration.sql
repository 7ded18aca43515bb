-- Login security: every failed login, and the lockout state of each account and client address.
CREATE TABLE "login_failures" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_failures_username_at_idx" ON "login_failures"("username", "at");
CREATE INDEX "login_failures_address_at_idx" ON "login_failures"("address", "at");

CREATE TABLE "login_throttles" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "window_started_at" TIMESTAMP(3) NOT NULL,
    "locked_until" TIMESTAMP(3),
    "lockouts" INTEGER NOT NULL,
    "last_failure_at" TIMESTAMP(3),
    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("scope", "key")
);
