import { CreditLineContract } from './contracts/credit-line-contract';
import { EnterpriseContract } from './contracts/enterprise-contract';
import { FinancingContract } from './contracts/financing-contract';
import { InvoiceContract } from './contracts/invoice-contract';
import { LedgerContract } from './contracts/ledger-contract';
import { RateContract } from './contracts/rate-contract';
import { SettlementContract } from './contracts/settlement-contract';
import { ShipmentContract } from './contracts/shipment-contract';
import { SmokeContract } from './contracts/smoke-contract';
import { VoucherContract } from './contracts/voucher-contract';

/** Every contract of the chaincode; each is addressed as `<namespace>:<Transaction>`. */
export const contracts: (new () => object)[] = [
  EnterpriseContract,
  InvoiceContract,
  ShipmentContract,
  VoucherContract,
  CreditLineContract,
  RateContract,
  FinancingContract,
  SettlementContract,
  LedgerContract,
  SmokeContract,
];
