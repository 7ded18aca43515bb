import { StatusCode } from '@hyperledger/fabric-gateway';

const VALIDATION_NAMES = new Map<number, string>(
  Object.entries(StatusCode).map(([name, code]) => [code, name]),
);

/** The name of a TxValidationCode (`VALIDATION_<n>` for one fabric-gateway does not know). */
export function validationName(code: number): string {
  return VALIDATION_NAMES.get(code) ?? `VALIDATION_${String(code)}`;
}
