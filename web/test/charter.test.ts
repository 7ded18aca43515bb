import { afterEach, describe, expect, it } from 'vitest';
import {
  ApproveCharterAmendmentDocument,
  CharterDocument,
  CharterProposalsDocument,
  EnterprisesDocument,
  ProposeCharterAmendmentDocument,
  type CharterFieldsFragment,
} from '@/api/generated/graphql';
import { charterProblems, hostableKinds, hostingGap, normalizedTerms, termsChanges } from '@/domain/charter';
import EnterprisesPage from '@/pages/admin/EnterprisesPage.vue';
import { CHARTER, PROPOSAL } from './support/charter-fixtures';
import { applied, fakeApi, loggedIn } from './support/fake-api';
import { mountPage, resetPortal, settle } from './support/mount';

const NO_ENTERPRISES = {
  enterprises: {
    totalCount: 0,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    edges: [],
  },
};

function node(document: unknown, charter: CharterFieldsFragment | null = CHARTER): unknown {
  if (document === CharterDocument) return { charter };
  if (document === CharterProposalsDocument) return { charterProposals: [PROPOSAL] };
  if (document === EnterprisesDocument) return NO_ENTERPRISES;
  if (document === ApproveCharterAmendmentDocument)
    return {
      approveCharterAmendment: applied({ proposal: { ...PROPOSAL, approvals: ['BankAMSP', 'CoreOrgMSP'] } }),
    };
  if (document === ProposeCharterAmendmentDocument)
    return { proposeCharterAmendment: applied({ proposal: PROPOSAL }) };
  throw new Error('unexpected operation');
}

const coreAdmin = loggedIn({ enterpriseKind: 'CORE', role: 'ADMIN' }, { org: 'core', mspId: 'CoreOrgMSP' });

const mountAs = (plugin = coreAdmin) => mountPage(EnterprisesPage, plugin);

afterEach(resetPortal);

describe('EnterprisesPage: the charter', () => {
  it('shows the charter in force, the viewer’s org marked, with its ledger proof', async () => {
    fakeApi((document) => node(document));
    const wrapper = await mountAs();
    const card = wrapper.find('[data-testid="charter-card"]');
    expect(card.find('[data-testid="charter-version"]').text()).toContain('version 2');
    expect(card.findAll('[data-testid="charter-member"]').map((cell) => cell.text())).toEqual([
      'BankAMSP',
      'BankBMSP',
      'CoreOrgMSP',
      'LogisticsMSP',
    ]);
    const own = card.find('.own-org');
    expect(own.text()).toContain('CoreOrgMSP');
    expect(own.find('[data-testid="charter-own-org"]').text()).toBe('Your org');
    expect(own.find('[data-testid="charter-kinds"]').text()).toBe('Core enterpriseSupplier');
    expect(card.find('[data-testid="charter-publishers"]').text()).toBe('BankAMSPBankBMSP');
    expect(card.find('[data-testid="charter-quorum"]').text()).toBe(
      '2 of 2 publishers attest the same value',
    );
    expect(card.find('[data-testid="charter-majority"]').text()).toBe('3 of 4 member orgs');
    expect(card.find('[data-testid="proof-block"]').text()).toBe('17');
  });

  it('offers only the kinds the charter lets the viewer’s org register', async () => {
    fakeApi((document) => node(document));
    const wrapper = await mountAs();
    await wrapper.find('[data-testid="enterprise-register-open"]').trigger('click');
    await settle();
    const offered = [...document.body.querySelectorAll('[data-testid^="enterprise-kind-"]')]
      .map((option) => option.getAttribute('data-testid'))
      .filter((testid) => testid !== 'enterprise-kind-filter' && testid !== 'enterprise-kind-problem');
    expect(offered).toEqual(['enterprise-kind-CORE', 'enterprise-kind-SUPPLIER']);
    expect(document.body.querySelector('[data-testid="enterprise-kind-problem"]')).toBeNull();
  });

  it('offers no kind, and says why, without a charter', async () => {
    fakeApi((document) => node(document, null));
    const wrapper = await mountAs();
    expect(wrapper.find('[data-testid="charter-card"]').text()).toContain(
      'no consortium charter on the ledger',
    );
    await wrapper.find('[data-testid="enterprise-register-open"]').trigger('click');
    await settle();
    expect(document.body.querySelector('[data-testid="enterprise-kind-CORE"]')).toBeNull();
    expect(document.body.querySelector('[data-testid="enterprise-kind-problem"]')?.textContent).toContain(
      'no consortium charter on the ledger yet',
    );
    expect(
      document.body.querySelector('[data-testid="enterprise-register-submit"]')?.hasAttribute('disabled'),
    ).toBe(true);
  });

  it('says so when the charter gives the viewer’s org no kind', async () => {
    fakeApi((document) => node(document));
    const outsider = loggedIn({ enterpriseKind: 'CORE', role: 'ADMIN' }, { org: 'x', mspId: 'OtherMSP' });
    const wrapper = await mountAs(outsider);
    await wrapper.find('[data-testid="enterprise-register-open"]').trigger('click');
    await settle();
    expect(document.body.querySelector('[data-testid="enterprise-kind-problem"]')?.textContent).toContain(
      'lets your org (OtherMSP) register no kind',
    );
  });
});

describe('EnterprisesPage: charter amendments', () => {
  it('lists open amendments with what they change and who approved, and approves for the viewer’s org', async () => {
    const calls = fakeApi((document) => node(document));
    const wrapper = await mountAs();
    const proposal = wrapper.find('[data-testid="charter-proposal"]');
    expect(proposal.text()).toContain('Proposed by BankAMSP, amends version 2');
    expect(proposal.find('[data-testid="charter-approval-count"]').text()).toBe('Approved 1 / 3');
    expect(proposal.find('[data-testid="charter-quorum"]').text()).toContain('1 of 2 publishers');
    expect(proposal.find('[data-testid="charter-quorum"]').element.parentElement?.textContent).toContain(
      'Changed',
    );
    expect(calls.find((call) => call.document === CharterProposalsDocument)?.variables).toEqual({
      status: 'OPEN',
    });

    const approve = proposal.find('[data-testid="charter-approve"]');
    expect(approve.attributes('disabled')).toBeUndefined();
    await approve.trigger('click');
    await settle();
    expect(calls.find((call) => call.document === ApproveCharterAmendmentDocument)?.variables).toEqual({
      id: 'P-1',
    });
  });

  it('will not let an org approve twice', async () => {
    fakeApi((document) => node(document));
    const bankAdmin = loggedIn(
      { enterpriseKind: 'BANK', role: 'ADMIN' },
      { org: 'bank-a', mspId: 'BankAMSP' },
    );
    const wrapper = await mountAs(bankAdmin);
    const approve = wrapper.find('[data-testid="charter-approve"]');
    expect(approve.attributes('disabled')).toBeDefined();
    expect(approve.text()).toBe('Your org approved');
  });

  it('shows amendments only to org admins', async () => {
    const calls = fakeApi((document) => node(document));
    const clerk = loggedIn({ enterpriseKind: 'CORE', role: 'CLERK' }, { org: 'core', mspId: 'CoreOrgMSP' });
    const wrapper = await mountAs(clerk);
    expect(wrapper.find('[data-testid="charter-card"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="charter-proposals"]').exists()).toBe(false);
    expect(calls.some((call) => call.document === CharterProposalsDocument)).toBe(false);
  });

  it('proposes new terms for the current members, and refuses the charter already in force', async () => {
    const calls = fakeApi((document) => node(document));
    const wrapper = await mountAs();
    await wrapper.find('[data-testid="charter-propose-open"]').trigger('click');
    await settle();
    const problems = (): string[] =>
      [...document.body.querySelectorAll('[data-testid="charter-propose-problem"]')].map(
        (alert) => alert.textContent,
      );
    expect(problems().join()).toContain('This is the charter in force');
    const submit = document.body.querySelector<HTMLButtonElement>('[data-testid="charter-propose-submit"]');
    expect(submit?.disabled).toBe(true);

    const quorum = document.body.querySelector<HTMLInputElement>(
      '[data-testid="charter-propose-quorum"] input',
    );
    if (!quorum) throw new Error('no quorum input');
    quorum.value = '1';
    quorum.dispatchEvent(new Event('input'));
    quorum.dispatchEvent(new Event('change'));
    await settle();
    expect(problems()).toEqual([]);
    submit?.click();
    await settle();
    expect(calls.find((call) => call.document === ProposeCharterAmendmentDocument)?.variables).toEqual({
      terms: {
        members: [
          { mspId: 'BankAMSP', kinds: ['BANK'] },
          { mspId: 'BankBMSP', kinds: ['BANK'] },
          { mspId: 'CoreOrgMSP', kinds: ['CORE', 'SUPPLIER'] },
          { mspId: 'LogisticsMSP', kinds: ['AUDITOR', 'LOGISTICS'] },
        ],
        ratePublishers: ['BankAMSP', 'BankBMSP'],
        rateQuorum: 1,
        // The caps in force travel with the change: leaving them out would lift them.
        exposureCaps: [{ debtorId: 'CORE1', cap: '80000000' }],
      },
    });
  });
});

describe('charter rules', () => {
  const terms = CHARTER.terms;

  it('lets an org register the kinds the charter names for its MSP, nothing without one', () => {
    expect(hostableKinds(terms, 'CoreOrgMSP')).toEqual(['CORE', 'SUPPLIER']);
    expect(hostableKinds(terms, 'OtherMSP')).toEqual([]);
    expect(hostableKinds(null, 'CoreOrgMSP')).toEqual([]);
    expect(hostingGap(null, 'CoreOrgMSP')).toBe('noCharter');
    expect(hostingGap(terms, undefined)).toBe('noKinds');
    expect(hostingGap(terms, 'BankAMSP')).toBeNull();
  });

  it('checks a proposed charter as the ledger does', () => {
    const draft = normalizedTerms(terms);
    expect(charterProblems(draft, terms)).toEqual(['unchanged']);
    expect(charterProblems({ ...draft, rateQuorum: 1 }, terms)).toEqual([]);
    expect(charterProblems({ ...draft, rateQuorum: 3 }, terms)).toEqual(['quorum']);
    expect(charterProblems({ ...draft, ratePublishers: [], rateQuorum: 1 }, terms)).toEqual([
      'publishers',
      'quorum',
    ]);
    expect(charterProblems({ ...draft, ratePublishers: ['BankAMSP', 'NobodyMSP'] }, terms)).toEqual([
      'publishers',
    ]);
    const noKinds = draft.members.map((member) => ({
      ...member,
      kinds: member.mspId === 'BankBMSP' ? [] : member.kinds,
    }));
    expect(charterProblems({ ...draft, members: noKinds }, terms)).toEqual(['memberKinds']);
  });

  it('tells what an amendment changes, whatever order its lists are in', () => {
    const reordered = {
      ...terms,
      members: [...terms.members]
        .reverse()
        .map((member) => ({ ...member, kinds: [...member.kinds].reverse() })),
      ratePublishers: [...terms.ratePublishers].reverse(),
    };
    expect(termsChanges(terms, reordered)).toEqual({
      members: [],
      removed: [],
      ratePublishers: false,
      rateQuorum: false,
    });
    const amended = {
      members: [
        { mspId: 'BankAMSP', kinds: ['BANK' as const] },
        { mspId: 'CoreOrgMSP', kinds: ['CORE' as const] },
        { mspId: 'LogisticsMSP', kinds: ['LOGISTICS' as const, 'AUDITOR' as const] },
      ],
      ratePublishers: ['BankAMSP'],
      rateQuorum: 1,
    };
    expect(termsChanges(terms, amended)).toEqual({
      members: ['CoreOrgMSP'],
      removed: ['BankBMSP'],
      ratePublishers: true,
      rateQuorum: true,
    });
  });
});
