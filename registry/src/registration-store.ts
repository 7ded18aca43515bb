import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sameReceivable, type RegisterRequest, type Registration, type SearchQuery } from './registration.ts';
import { RegistryError, RegistryErrorCodes } from './registry-error.ts';

/** The file in the data folder that holds every registration, and its format tag. */
export const STORE_FILE = 'registrations.json';
const FORMAT = 'scf-test-registry/1';
/** China Standard Time: registration numbers start with the registry's local date. */
const CST_OFFSET_MS = 8 * 3_600_000;

interface StoreFile {
  format: typeof FORMAT;
  registrations: Registration[];
}

/** What a register call did: made a new registration, or found the caller's own for the receivable. */
export interface RegisterOutcome {
  registration: Registration;
  created: boolean;
}

/**
 * The registry's registrations, kept in one JSON file in its data folder and rewritten whole
 * (write, then rename) on every registration, so a restart or a crash mid-write loses nothing stored.
 * Node runs one request handler at a time and the writes are synchronous: no two registrations interleave.
 */
export class RegistrationStore {
  private readonly file: string;
  private readonly registrations: Registration[];

  private constructor(file: string, registrations: Registration[]) {
    this.file = file;
    this.registrations = registrations;
  }

  /** Opens (creating if needed) the store in `dataDir`; refuses a file it cannot read as its own. */
  static open(dataDir: string): RegistrationStore {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, STORE_FILE);
    if (!existsSync(file)) return new RegistrationStore(file, []);
    let parsed: Partial<StoreFile>;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile>;
    } catch (error) {
      throw new Error(`${file} is not valid JSON; move it away to start empty`, { cause: error });
    }
    if (parsed.format !== FORMAT || !Array.isArray(parsed.registrations)) {
      throw new Error(`${file} is not a ${FORMAT} file; move it away to start empty`);
    }
    return new RegistrationStore(file, parsed.registrations);
  }

  get size(): number {
    return this.registrations.length;
  }

  /**
   * Registers a receivable for its registrant at `now`. The voucher id identifies the receivable: a
   * second registration of it by anyone else is refused (ALREADY_REGISTERED, with the first one), so
   * is the same registrant describing it differently; the same request again gets the first answer.
   */
  register(request: RegisterRequest, now: Date): RegisterOutcome {
    const earlier = this.registrations.find((r) => r.receivable.voucherId === request.receivable.voucherId);
    if (earlier) {
      const own =
        earlier.registrant.id === request.registrant.id &&
        sameReceivable(earlier.receivable, request.receivable);
      if (own) return { registration: earlier, created: false };
      throw new RegistryError(
        RegistryErrorCodes.AlreadyRegistered,
        `voucher ${earlier.receivable.voucherId} was registered by ${earlier.registrant.id} ` +
          `(${earlier.registrationNumber}) at ${earlier.registeredAt}`,
        { registration: earlier },
      );
    }
    const registration: Registration = {
      registrationNumber: this.nextNumber(now),
      registeredAt: now.toISOString(),
      receivable: { ...request.receivable },
      registrant: { ...request.registrant },
    };
    this.save([...this.registrations, registration]);
    this.registrations.push(registration);
    return { registration, created: true };
  }

  /** Every registration of the receivable, oldest first. */
  search(query: SearchQuery): Registration[] {
    return this.registrations
      .filter(
        (r) =>
          r.receivable.voucherId === query.voucherId &&
          (query.debtorId === undefined || r.receivable.debtorId === query.debtorId),
      )
      .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  }

  /** The registry's local date, then a running number: unique and increasing, as 中登's numbers are. */
  private nextNumber(now: Date): string {
    const date = new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
    return `${date}${String(this.registrations.length + 1).padStart(8, '0')}`;
  }

  private save(registrations: Registration[]): void {
    const content: StoreFile = { format: FORMAT, registrations };
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
