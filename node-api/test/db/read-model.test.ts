import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeBasePort } from '@scf/network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.ts';
import { migrate, MigrationError, readMigrations } from '../../src/db/migrate.ts';

const proof = (n: number) => ({
  createdAt: new Date('2026-01-05T02:00:00.000Z'),
  updatedAt: new Date(`2026-01-05T02:00:0${n}.000Z`),
  updatedBy: 'E/approver@SupplierMSP',
  txId: `tx${n}`.padEnd(64, '0'),
  blockNumber: BigInt(100 + n),
});
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const BIG = 9_000_000_000_000_000n; // beyond 2^53: must survive as BIGINT

describe('read model on a freshly migrated PostgreSQL', () => {
  let server: EmbeddedDatabase;
  let db: Database;

  beforeAll(async () => {
    const port = await findFreeBasePort(1);
    const dir = mkdtempSync(join(tmpdir(), 'scf-db-'));
    chmodSync(dir, 0o755); // as root, the server runs as `postgres`, which must reach its data folder
    server = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port,
      database: 'readmodel',
      ephemeral: true,
    });
    await migrate(server.url);
    db = createDatabase(server.url);
  });

  afterAll(async () => {
    await db.$disconnect();
    await server.stop();
  });

  it('applies each migration once and refuses an edited one', async () => {
    await expect(migrate(server.url)).resolves.toEqual([]);
    const [first] = readMigrations();
    if (!first) throw new Error('no migration');
    const dir = mkdtempSync(join(tmpdir(), 'scf-mig-'));
    mkdirSync(join(dir, first.name));
    writeFileSync(join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited`);
    await expect(migrate(server.url, readMigrations(dir))).rejects.toBeInstanceOf(MigrationError);
  });

  it('round-trips every model through Prisma Client', async () => {
    const rows = {
      checkpoint: {
        id: 'scf/scf',
        blockNumber: BIG,
        transactionId: 't'.repeat(64),
        updatedAt: new Date('2026-01-05T02:00:00.000Z'),
      },
      enterprise: {
        id: '91350100M000100Y43',
        name: '测试企业',
        kind: 'CORE',
        hostMsp: 'CoreFirmMSP',
        status: 'ACTIVE',
        fourEyes: true,
        ...proof(1),
      },
      invoice: {
        id: 'a'.repeat(64),
        number: 'INV-1',
        sellerId: 'S',
        buyerId: 'B',
        amount: BIG,
        paidAmount: 0n,
        currency: 'CNY',
        issueDate: day('2026-01-02'),
        dueDate: day('2026-04-02'),
        documentHash: 'b'.repeat(64),
        purchaseOrderNumber: null,
        status: 'REGISTERED',
        deliveryWaived: false,
        rejectionReason: null,
        voucherId: null,
        deliveredOn: day('2026-01-04'),
        paymentTermExceeded: true,
        creditedAmount: 45n,
        ...proof(2),
      },
      shipment: {
        id: 'c'.repeat(64),
        invoiceId: 'a'.repeat(64),
        logisticsId: 'L',
        waybillNumber: 'WB-1',
        origin: '宁波',
        destination: '青岛',
        documentHash: 'd'.repeat(64),
        status: 'DELIVERED',
        pickedUpAt: new Date('2026-01-03T01:00:00.000Z'),
        deliveredAt: new Date('2026-01-04T01:00:00.000Z'),
        deliveryDocumentHash: 'e'.repeat(64),
        ...proof(3),
      },
      voucher: {
        id: `${'a'.repeat(64)}.1`,
        number: 'H1K0-20260105-7K3Q9A',
        debtorId: 'B',
        holderId: 'S',
        amount: 123n,
        currency: 'CNY',
        maturityDate: day('2026-04-02'),
        rootId: 'a'.repeat(64),
        parentId: 'a'.repeat(64),
        tier: 1,
        status: 'SETTLED',
        invoiceId: 'f'.repeat(64),
        financingId: null,
        quoteRequestId: null,
        paidTo: 'S',
        paymentReference: 'PAY-1',
        paidAt: new Date('2026-04-02T03:00:00.000Z'),
        longTerm: true,
        transferredFrom: 'T',
        consentStatus: 'DECLINED',
        consentDecidedAt: new Date('2026-01-06T03:00:00.000Z'),
        declineReason: '不接受凭证\n请付现金',
        returnedAs: `${'a'.repeat(64)}.3`,
        returnOf: null,
        lateRateBasis: 'AGREED',
        lateRateBps: 310,
        lateAgreedBps: 300,
        lateFloorBps: 310,
        paidLateInterest: 106_310n,
        paidLateDays: 10,
        paidTotal: 106_433n,
        disputeStatus: 'WITHDRAWN',
        disputedAmount: 123n,
        disputeReason: '质量争议\n见质检报告',
        disputedBy: 'B',
        disputedAt: new Date('2026-03-01T03:00:00.000Z'),
        undisputedId: `${'a'.repeat(64)}.4`,
        disputeEndedBy: 'S',
        disputeEndedAt: new Date('2026-03-20T03:00:00.000Z'),
        earlyOfferId: 'B:0123456789abcdef',
        earlyRateBps: 600,
        earlyDays: 90,
        earlyDiscount: BIG,
        dilutionNoteId: `${'a'.repeat(64)}:0123456789abcdef`,
        dilutedAmount: 23n,
        ...proof(4),
      },
      creditLine: {
        id: 'BANK:B',
        bankId: 'BANK',
        debtorId: 'B',
        limit: BIG,
        used: 5n,
        expiryDate: day('2027-01-01'),
        status: 'ACTIVE',
        ...proof(5),
      },
      benchmarkRate: {
        id: '1Y:2026-01-01',
        tenor: '1Y',
        rateBps: 310,
        effectiveDate: day('2026-01-01'),
        publishedBy: 'BANK',
        status: 'PUBLISHED',
        attestations: [
          { mspId: 'BankAMSP', enterpriseId: 'BANK', rateBps: 310 },
          { mspId: 'BankBMSP', enterpriseId: 'BANK2', rateBps: 310 },
        ],
        ...proof(6),
      },
      charter: {
        id: 'consortium',
        version: 2,
        members: [{ mspId: 'BankAMSP', kinds: ['BANK'] }],
        ratePublishers: ['BankAMSP'],
        rateQuorum: 1,
        exposureCaps: { '91350100M000100Y43': '80000000' },
        ...proof(6),
      },
      exposureDelta: {
        debtorId: '91350100M000100Y43',
        measure: 'financed',
        txId: 'e'.repeat(64),
        amount: -BIG,
        blockNumber: BIG,
      },
      charterProposal: {
        id: 'c'.repeat(64),
        baseVersion: 1,
        terms: {
          members: [{ mspId: 'BankAMSP', kinds: ['BANK'] }],
          ratePublishers: ['BankAMSP'],
          rateQuorum: 1,
        },
        approvals: ['BankAMSP', 'CoreFirmMSP'],
        status: 'ADOPTED',
        proposedBy: 'BankAMSP',
        ...proof(6),
      },
      approval: {
        id: 'd'.repeat(64),
        enterpriseId: '91350100M000100Y43',
        action: 'invoice:Confirm',
        args: { invoiceId: 'a'.repeat(64), waiveDelivery: 'true', lateInterestBps: '' },
        preparedByMsp: 'CoreFirmMSP',
        preparedBy: 'x509::/OU=client/CN=wang.fang.0a1b2c3d::/CN=ca',
        preparedAt: new Date('2026-01-05T02:00:00.000Z'),
        status: 'REJECTED',
        decidedByMsp: 'CoreFirmMSP',
        decidedBy: 'x509::/OU=client/CN=li.lei.4e5f6a7b::/CN=ca',
        decidedAt: new Date('2026-01-05T03:00:00.000Z'),
        reason: '金额不符',
        resultId: null,
        ...proof(7),
      },
      earlyPaymentOffer: {
        id: 'B:0123456789abcdef',
        debtorId: 'B',
        annualDiscountBps: 600,
        tierDiscountBps: { '1': 900, '2': 1200 },
        budget: BIG,
        consumed: 98_500_000n,
        taken: 1,
        status: 'CLOSED',
        validUntil: day('2026-03-31'),
        closedAt: new Date('2026-01-06T03:00:00.000Z'),
        ...proof(8),
      },
      creditNote: {
        id: `${'a'.repeat(64)}:0123456789abcdef`,
        invoiceId: 'a'.repeat(64),
        sellerId: 'S',
        buyerId: 'B',
        amount: 45n,
        reasonKind: 'RETURN',
        reason: '退货 15 台\n见退货单',
        documentHash: 'c'.repeat(64),
        status: 'ACCEPTED',
        declineReason: null,
        decidedAt: new Date('2026-01-07T03:00:00.000Z'),
        reductions: [{ voucherId: `${'a'.repeat(64)}.1`, from: '123', to: '100' }],
        claimIds: [`${'a'.repeat(64)}:0123456789abcdef:1`],
        ...proof(9),
      },
      dilutionClaim: {
        id: `${'a'.repeat(64)}:0123456789abcdef:1`,
        creditNoteId: `${'a'.repeat(64)}:0123456789abcdef`,
        invoiceId: 'a'.repeat(64),
        kind: 'BANK',
        creditorId: 'BANK',
        debtorId: 'S',
        amount: 23n,
        voucherId: `${'a'.repeat(64)}.1`,
        financingId: 'v:f',
        status: 'OPEN',
        ...proof(9),
      },
      warehouseReceipt: {
        id: 'e'.repeat(64),
        number: 'WR-2026-001',
        keeperId: 'L',
        ownerId: 'S',
        goods: '电解铜',
        quantity: 2_000_000_000,
        unit: 't',
        location: '青岛保税港区3号库',
        inspectionDocHash: 'c'.repeat(64),
        status: 'RELEASED',
        issuedAt: new Date('2026-01-05T02:00:00.000Z'),
        financingId: null,
        releaseConsentBy: 'BANK',
        releaseConsentAt: new Date('2026-01-06T02:00:00.000Z'),
        releaseRequestedAt: new Date('2026-01-06T03:00:00.000Z'),
        releasedAt: new Date('2026-01-06T04:00:00.000Z'),
        ...proof(9),
      },
      financing: {
        id: 'v:f',
        voucherId: 'v',
        receiptId: null,
        applicantId: 'S',
        bankId: 'BANK',
        debtorId: 'B',
        amount: 100n,
        maturityDate: day('2026-04-02'),
        status: 'OFFERED',
        termsHash: '0'.repeat(64),
        offerValidUntil: day('2026-01-10'),
        paymentReference: null,
        rejectionReason: null,
        repaymentReference: null,
        repaidAt: null,
        registrationNumber: '2026010500000001',
        registeredAt: new Date('2026-01-05T01:59:30.000Z'),
        registrantId: 'BANK',
        registrantMsp: 'BankAMSP',
        registrySearchedAt: new Date('2026-01-05T01:59:00.000Z'),
        registrySearchResult: [
          {
            registrationNumber: '2026010500000001',
            registeredAt: '2026-01-05T01:59:30.000Z',
            registrantId: 'BANK',
          },
        ],
        noticedAt: new Date('2026-01-05T02:00:00.000Z'),
        recourseDemandedAt: new Date('2026-04-10T02:00:00.000Z'),
        recourseDemandedBy: 'x509::/CN=bank-approver::/CN=ca',
        recourseAmount: 100n,
        boughtBackAt: new Date('2026-04-12T02:00:00.000Z'),
        boughtBackBy: 'x509::/CN=bank-approver::/CN=ca',
        buyBackReference: 'BUYBACK-1',
        quoteRequestId: 'v:q',
        ...proof(7),
      },
      quoteRequest: {
        id: 'v:q',
        voucherId: 'v',
        applicantId: 'S',
        debtorId: 'B',
        amount: 100n,
        maturityDate: day('2026-04-02'),
        bankIds: ['BANK', 'BANK2'],
        financingIds: ['v:q:1', 'v:q:2'],
        validUntil: day('2026-01-10'),
        status: 'ACCEPTED',
        acceptedFinancingId: 'v:q:1',
        ...proof(7),
      },
      offerTerms: {
        financingId: 'v:f',
        faceAmount: 100n,
        advanceRateBps: 9000,
        financedAmount: 90n,
        lprTenor: '1Y',
        lprBps: 310,
        spreadBps: -20,
        annualRateBps: 290,
        days: 87,
        discountInterest: 1n,
        fees: 0n,
        netProceeds: 89n,
        validUntil: day('2026-01-10'),
        recourse: true,
        termsHash: '0'.repeat(64),
        fetchedAt: new Date('2026-01-05T02:00:09.000Z'),
      },
      user: {
        id: '0b7f8d0e-5c1a-4e57-9c51-1d0f6d2a7e01',
        username: 'wang.fang',
        displayName: '王芳',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        role: 'approver',
        enterpriseId: '91350100M000100Y43',
        enterpriseKind: 'CORE',
        mspId: 'CoreFirmMSP',
        certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        encryptedKey: Buffer.alloc(60, 7).toString('base64'),
        status: 'ACTIVE',
        createdAt: new Date('2026-01-05T02:00:10.000Z'),
        updatedAt: new Date('2026-01-05T02:00:11.000Z'),
      },
      session: {
        tokenHash: '1'.repeat(64),
        userId: '0b7f8d0e-5c1a-4e57-9c51-1d0f6d2a7e01',
        expiresAt: new Date('2026-01-05T14:00:10.000Z'),
        createdAt: new Date('2026-01-05T02:00:12.000Z'),
      },
      document: {
        sha256: 'b'.repeat(64),
        fileName: '发票-INV-1.pdf',
        contentType: 'application/pdf',
        size: 123_456,
        uploadedBy: '0b7f8d0e-5c1a-4e57-9c51-1d0f6d2a7e01',
        uploadedAt: new Date('2026-01-05T02:00:13.000Z'),
      },
      clientRequest: {
        id: BIG,
        userId: '0b7f8d0e-5c1a-4e57-9c51-1d0f6d2a7e01',
        key: 'erp-7f3c:confirm',
        operation: 'confirmInvoice',
        argsHash: '2'.repeat(64),
        state: 'VALID',
        attempt: '5d1c6b9e-3f52-4a0e-8a77-0c7e1b2d3f40',
        transactionId: '3'.repeat(64),
        reason: null,
        blockNumber: BIG,
        result: '{"id":"发票"}',
        envelope: new Uint8Array([10, 0, 255, 7]),
        sentAt: new Date('2026-01-05T02:00:14.500Z'),
        resends: 2,
        createdAt: new Date('2026-01-05T02:00:14.000Z'),
        updatedAt: new Date('2026-01-05T02:00:15.000Z'),
      },
    };
    await db.checkpoint.create({ data: rows.checkpoint });
    await db.enterprise.create({ data: rows.enterprise });
    await db.invoice.create({ data: rows.invoice });
    await db.shipment.create({ data: rows.shipment });
    await db.voucher.create({ data: rows.voucher });
    await db.creditLine.create({ data: rows.creditLine });
    await db.benchmarkRate.create({ data: rows.benchmarkRate });
    await db.charter.create({ data: rows.charter });
    await db.charterProposal.create({ data: rows.charterProposal });
    await db.approval.create({ data: rows.approval });
    await db.earlyPaymentOffer.create({ data: rows.earlyPaymentOffer });
    await db.creditNote.create({ data: rows.creditNote });
    await db.dilutionClaim.create({ data: rows.dilutionClaim });
    await db.warehouseReceipt.create({ data: rows.warehouseReceipt });
    await db.exposureDelta.create({ data: rows.exposureDelta });
    await db.financing.create({ data: rows.financing });
    await db.quoteRequest.create({ data: rows.quoteRequest });
    await db.offerTerms.create({ data: rows.offerTerms });
    await db.user.create({ data: rows.user });
    await db.session.create({ data: rows.session });
    await db.document.create({ data: rows.document });
    await db.clientRequest.create({ data: rows.clientRequest });

    expect(await db.checkpoint.findUnique({ where: { id: rows.checkpoint.id } })).toEqual(rows.checkpoint);
    expect(await db.enterprise.findUnique({ where: { id: rows.enterprise.id } })).toEqual(rows.enterprise);
    expect(await db.invoice.findUnique({ where: { id: rows.invoice.id } })).toEqual(rows.invoice);
    expect(await db.shipment.findUnique({ where: { id: rows.shipment.id } })).toEqual(rows.shipment);
    expect(await db.voucher.findUnique({ where: { id: rows.voucher.id } })).toEqual(rows.voucher);
    expect(await db.creditLine.findUnique({ where: { id: rows.creditLine.id } })).toEqual(rows.creditLine);
    expect(await db.benchmarkRate.findUnique({ where: { id: rows.benchmarkRate.id } })).toEqual(
      rows.benchmarkRate,
    );
    expect(await db.charter.findUnique({ where: { id: rows.charter.id } })).toEqual(rows.charter);
    expect(await db.charterProposal.findUnique({ where: { id: rows.charterProposal.id } })).toEqual(
      rows.charterProposal,
    );
    expect(await db.approval.findUnique({ where: { id: rows.approval.id } })).toEqual(rows.approval);
    expect(await db.earlyPaymentOffer.findUnique({ where: { id: rows.earlyPaymentOffer.id } })).toEqual(
      rows.earlyPaymentOffer,
    );
    expect(await db.creditNote.findUnique({ where: { id: rows.creditNote.id } })).toEqual(rows.creditNote);
    expect(await db.dilutionClaim.findUnique({ where: { id: rows.dilutionClaim.id } })).toEqual(
      rows.dilutionClaim,
    );
    expect(await db.warehouseReceipt.findUnique({ where: { id: rows.warehouseReceipt.id } })).toEqual(
      rows.warehouseReceipt,
    );
    const { debtorId, measure, txId } = rows.exposureDelta;
    expect(
      await db.exposureDelta.findUnique({ where: { debtorId_measure_txId: { debtorId, measure, txId } } }),
    ).toEqual(rows.exposureDelta);
    expect(await db.financing.findUnique({ where: { id: rows.financing.id } })).toEqual(rows.financing);
    expect(await db.quoteRequest.findUnique({ where: { id: rows.quoteRequest.id } })).toEqual(
      rows.quoteRequest,
    );
    expect(await db.offerTerms.findUnique({ where: { financingId: rows.offerTerms.financingId } })).toEqual(
      rows.offerTerms,
    );
    expect(await db.user.findUnique({ where: { username: rows.user.username } })).toEqual(rows.user);
    expect(await db.session.findUnique({ where: { tokenHash: rows.session.tokenHash } })).toEqual(
      rows.session,
    );
    expect(await db.document.findUnique({ where: { sha256: rows.document.sha256 } })).toEqual(rows.document);
    expect(await db.clientRequest.findUnique({ where: { id: BIG } })).toEqual(rows.clientRequest);
  });

  it('drops a user’s sessions with the user, and keeps usernames unique', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: 'wang.fang' } });
    await expect(db.user.create({ data: { ...user, id: 'another-id' } })).rejects.toMatchObject({
      code: 'P2002',
    });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
