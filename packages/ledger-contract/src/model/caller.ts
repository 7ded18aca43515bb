/** Who submitted a transaction, as the chaincode sees it (clients import this type; keep it free of imports). */
export interface Caller {
  mspId: string;
  id: string;
  enterpriseId: string | null;
  role: string | null;
}
