/** Input bounds the node checks before anything reaches the ledger (the chaincode checks them again). */
export const TEXT = {
  id: { minLength: 1, maxLength: 128 },
  name: { minLength: 1, maxLength: 200 },
  number: { minLength: 1, maxLength: 64 },
  reason: { minLength: 1, maxLength: 500 },
  reference: { minLength: 1, maxLength: 128 },
  place: { minLength: 1, maxLength: 200 },
  sha256: { regex: /^[0-9a-f]{64}$/ },
} as const;
