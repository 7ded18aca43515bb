import { invalidRequest } from './registry-error.ts';

/** The receivable a registration is about: the voucher (its identity here), its debtor and its amount. */
export interface Receivable {
  voucherId: string;
  debtorId: string;
  /** Face amount in fen, as digits. */
  amount: string;
}

/** Who registers: the financing party's enterprise id (unified social credit code) and name. */
export interface Registrant {
  id: string;
  name: string;
}

/** One registration as the registry keeps and answers it. */
export interface Registration {
  registrationNumber: string;
  /** ISO-8601 instant, the registry's clock. */
  registeredAt: string;
  receivable: Receivable;
  registrant: Registrant;
}

export interface RegisterRequest {
  receivable: Receivable;
  registrant: Registrant;
}

/** A search by receivable: its voucher id, optionally narrowed to one debtor. */
export interface SearchQuery {
  voucherId: string;
  debtorId?: string;
}

const MAX_TEXT = 300;
const AMOUNT = /^[1-9]\d{0,16}$/;
// Control characters make no sense in an identifier or a name and would corrupt logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function record(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(`${field} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidRequest(`${field} is required`);
  if (value.length > MAX_TEXT) throw invalidRequest(`${field} must be at most ${MAX_TEXT} characters`);
  if (CONTROL.test(value)) throw invalidRequest(`${field} contains a control character`);
  return value;
}

function receivableOf(value: unknown): Receivable {
  const body = record(value, 'receivable');
  const amount = body.amount;
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) {
    throw invalidRequest('receivable.amount must be a positive amount in fen, as digits');
  }
  return {
    voucherId: text(body.voucherId, 'receivable.voucherId'),
    debtorId: text(body.debtorId, 'receivable.debtorId'),
    amount,
  };
}

/** Reads a register request's body; throws INVALID_REQUEST naming the first bad field. */
export function parseRegisterRequest(body: unknown): RegisterRequest {
  const request = record(body, 'the body');
  const registrant = record(request.registrant, 'registrant');
  return {
    receivable: receivableOf(request.receivable),
    registrant: { id: text(registrant.id, 'registrant.id'), name: text(registrant.name, 'registrant.name') },
  };
}

/** Reads a search's query string (`voucherId`, optional `debtorId`). */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const voucherId = text(params.get('voucherId') ?? '', 'voucherId');
  const debtorId = params.get('debtorId');
  return debtorId === null ? { voucherId } : { voucherId, debtorId: text(debtorId, 'debtorId') };
}

/** Whether two descriptions name the same receivable in every field. */
export function sameReceivable(a: Receivable, b: Receivable): boolean {
  return a.voucherId === b.voucherId && a.debtorId === b.debtorId && a.amount === b.amount;
}
