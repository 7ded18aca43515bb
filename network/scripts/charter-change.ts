import { ENTERPRISE_KINDS, MSP_ID, type EnterpriseKind } from './config.ts';
import type { CharterTerms } from './charter.ts';

/** An amendment of the charter's membership, as `charter propose` states it. */
export type CharterChange =
  { kind: 'add-member'; mspId: string; kinds: EnterpriseKind[] } | { kind: 'remove-member'; mspId: string };

/** A change that does not apply to the charter in force (or is not well formed). */
export class CharterChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = CharterChangeError.name;
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reads `--add-member MSP --kinds A,B` or `--remove-member MSP` (exactly one of them). */
export function charterChangeFrom(options: {
  'add-member'?: string | undefined;
  'remove-member'?: string | undefined;
  kinds?: string | undefined;
}): CharterChange {
  const add = options['add-member'];
  const remove = options['remove-member'];
  if ((add === undefined) === (remove === undefined)) {
    throw new CharterChangeError(
      'charter propose needs --add-member MSP --kinds K[,K…] or --remove-member MSP',
    );
  }
  const mspId = add ?? remove ?? '';
  if (!MSP_ID.test(mspId)) throw new CharterChangeError(`"${mspId}" is not an MSP id (${MSP_ID.source})`);
  if (remove !== undefined) return { kind: 'remove-member', mspId };
  const kinds = (options.kinds ?? '').split(',').filter((kind) => kind !== '');
  const unknown = kinds.find((kind) => !(ENTERPRISE_KINDS as readonly string[]).includes(kind));
  if (kinds.length === 0 || unknown !== undefined) {
    throw new CharterChangeError(`--add-member needs --kinds: one or more of ${ENTERPRISE_KINDS.join(', ')}`);
  }
  return { kind: 'add-member', mspId, kinds: [...new Set(kinds as EnterpriseKind[])].sort(byText) };
}

/**
 * The exposure caps in force, carried into the amended terms: a proposal states the whole charter,
 * so a membership change that left them out would lift every cap.
 */
function capsOf(current: CharterTerms): Pick<CharterTerms, 'exposureCaps'> {
  return current.exposureCaps === undefined ? {} : { exposureCaps: current.exposureCaps };
}

/**
 * The charter's terms after the change (only the terms: what `charter:Propose` takes), members
 * sorted by MSP id. Removing a member also removes it from
 * the rate publishers and lowers the quorum to the publishers left; the last publisher or the last
 * member cannot be removed (amend the publishers first).
 */
export function amendTerms(current: CharterTerms, change: CharterChange): CharterTerms {
  const isMember = current.members.some((member) => member.mspId === change.mspId);
  if (change.kind === 'add-member') {
    if (isMember) throw new CharterChangeError(`${change.mspId} is already a member of the charter`);
    return {
      members: [...current.members, { mspId: change.mspId, kinds: change.kinds }].sort((a, b) =>
        byText(a.mspId, b.mspId),
      ),
      ratePublishers: current.ratePublishers,
      rateQuorum: current.rateQuorum,
      ...capsOf(current),
    };
  }
  if (!isMember) throw new CharterChangeError(`${change.mspId} is not a member of the charter`);
  const members = current.members.filter((member) => member.mspId !== change.mspId);
  const ratePublishers = current.ratePublishers.filter((mspId) => mspId !== change.mspId);
  if (members.length === 0 || ratePublishers.length === 0) {
    throw new CharterChangeError(
      `${change.mspId} is the charter's last ${members.length === 0 ? 'member' : 'rate publisher'}`,
    );
  }
  return {
    members,
    ratePublishers,
    rateQuorum: Math.min(current.rateQuorum, ratePublishers.length),
    ...capsOf(current),
  };
}

/** "add BankCMSP (may host BANK)", for messages. */
export function describeCharterChange(change: CharterChange): string {
  return change.kind === 'add-member'
    ? `add ${change.mspId} as a member that may host ${change.kinds.join(', ')} enterprises`
    : `remove ${change.mspId} from the members (its enterprises can no longer write)`;
}
