import type { RegistryEntry, RegistryReceivable } from '@scf/ledger-contract';
import type { Registrant, RegistryAdapter, RegistrySearch } from './registry-adapter.ts';
import { RegistryConflictError, RegistryUnavailableError } from './registry-errors.ts';

/** One registration as the test registry's HTTP API answers it (registry/src/registration.ts). */
interface WireRegistration {
  registrationNumber: string;
  registeredAt: string;
  receivable: RegistryReceivable;
  registrant: Registrant;
}

/** A registration as the ledger keeps it: its number, time and registrant. */
export const entryOf = (registration: WireRegistration): RegistryEntry => ({
  registrationNumber: registration.registrationNumber,
  registeredAt: registration.registeredAt,
  registrantId: registration.registrant.id,
});

function isWireRegistration(value: unknown): value is WireRegistration {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<WireRegistration>;
  return (
    typeof r.registrationNumber === 'string' &&
    typeof r.registeredAt === 'string' &&
    typeof r.registrant === 'object' &&
    typeof r.registrant.id === 'string'
  );
}

/**
 * The adapter for the project's test registry (registry/, `npm start` runs one): its HTTP API, each
 * call with a deadline. What the registry says is checked for shape, not trusted blindly; the ledger
 * checks the rest (financing:Disburse).
 */
export class HttpRegistryAdapter implements RegistryAdapter {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
  }

  async search(receivable: RegistryReceivable): Promise<RegistrySearch> {
    const query = new URLSearchParams({ voucherId: receivable.voucherId, debtorId: receivable.debtorId });
    const { status, body } = await this.call(`/registrations?${query.toString()}`, { method: 'GET' });
    const answer = body as { searchedAt?: unknown; registrations?: unknown };
    if (
      status !== 200 ||
      typeof answer.searchedAt !== 'string' ||
      !Array.isArray(answer.registrations) ||
      !answer.registrations.every(isWireRegistration)
    ) {
      throw this.unusable('search', status, body);
    }
    return { searchedAt: answer.searchedAt, entries: answer.registrations.map(entryOf) };
  }

  async register(receivable: RegistryReceivable, registrant: Registrant): Promise<RegistryEntry> {
    const { status, body } = await this.call('/registrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receivable, registrant }),
    });
    const registration = (body as { registration?: unknown }).registration;
    if (status === 409 && isWireRegistration(registration)) {
      throw new RegistryConflictError(entryOf(registration));
    }
    if ((status === 200 || status === 201) && isWireRegistration(registration)) return entryOf(registration);
    throw this.unusable('registration', status, body);
  }

  /** One request within the deadline; no answer, or no JSON, is an unavailable registry. */
  private async call(path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    const url = `${this.baseUrl}${path}`;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.text();
      return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as unknown) };
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : error instanceof SyntaxError
            ? 'an answer that is not JSON'
            : 'no connection';
      throw new RegistryUnavailableError(`the registry at ${this.baseUrl} gave ${reason}`, { cause: error });
    }
  }

  private unusable(what: string, status: number, body: unknown): RegistryUnavailableError {
    const answer = body as { code?: unknown; message?: unknown };
    const said =
      typeof answer.code === 'string' ? `${answer.code}: ${String(answer.message)}` : 'no usable answer';
    return new RegistryUnavailableError(`the registry refused the ${what} (HTTP ${status}, ${said})`);
  }
}
