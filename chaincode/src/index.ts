import { ApprovalContract } from './contracts/approval-contract';
import { CharterContract } from './contracts/charter-contract';
import { CreditLineContract } from './contracts/credit-line-contract';
import { CreditNoteContract } from './contracts/credit-note-contract';
import { EarlyPaymentContract } from './contracts/early-payment-contract';
import { EnterpriseContract } from './contracts/enterprise-contract';
import { ExposureContract } from './contracts/exposure-contract';
import { FinancingContract } from './contracts/financing-contract';
import { InvoiceContract } from './contracts/invoice-contract';
import { LedgerContract } from './contracts/ledger-contract';
import { QuoteRequestContract } from './contracts/quote-request-contract';
import { RateContract } from './contracts/rate-contract';
import { RecourseContract } from './contracts/recourse-contract';
import { SettlementContract } from './contracts/settlement-contract';
import { ShipmentContract } from './contracts/shipment-contract';
import { SmokeContract } from './contracts/smoke-contract';
import { TestContract } from './contracts/test-contract';
import { VoucherContract } from './contracts/voucher-contract';
import { WarehouseContract } from './contracts/warehouse-contract';
import { WriteOffContract } from './contracts/write-off-contract';
import { reuseParsedCertificates } from './lib/creator-certificates';
import { skipDisabledLogLevels } from './lib/shim-log-levels';

skipDisabledLogLevels();
reuseParsedCertificates();

/** Read once, when the chaincode server loads: `1` also serves the test-only contract (`test:*`). */
const withTestContracts = process.env.SCF_CHAINCODE_TEST_CONTRACTS === '1';

/** Every contract of the chaincode; each is addressed as `<namespace>:<Transaction>`. */
export const contracts: (new () => object)[] = [
  CharterContract,
  EnterpriseContract,
  InvoiceContract,
  ShipmentContract,
  VoucherContract,
  CreditLineContract,
  RateContract,
  FinancingContract,
  QuoteRequestContract,
  SettlementContract,
  RecourseContract,
  EarlyPaymentContract,
  CreditNoteContract,
  ExposureContract,
  WriteOffContract,
  WarehouseContract,
  ApprovalContract,
  LedgerContract,
  SmokeContract,
  ...(withTestContracts ? [TestContract] : []),
];
