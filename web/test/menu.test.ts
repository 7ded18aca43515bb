import { describe, expect, it } from 'vitest';
import type { EnterpriseKind, UserRole } from '@/api/generated/graphql';
import { can, type Action } from '@/domain/access';
import { homeFor, menuFor } from '@/router/menu';
import { routes } from '@/router/routes';

const actor = (enterpriseKind: EnterpriseKind, role: UserRole) => ({ enterpriseKind, role });
const menu = (kind: EnterpriseKind, role: UserRole): string[] =>
  menuFor(routes, actor(kind, role)).map((item) => item.name);

describe('menus by enterprise kind and role', () => {
  it('gives an SME its dashboard, invoices, vouchers, transfers to accept, approvals and financing', () => {
    expect(menu('SUPPLIER', 'CLERK')).toEqual([
      'dashboard',
      'invoices',
      'vouchers',
      'acceptances',
      'approvals',
      'financings',
      'warehouseReceipts',
      'notifications',
      'audit',
      'enterprises',
    ]);
  });

  it('gives a core enterprise its confirmation inbox and payables, and no financing', () => {
    const items = menu('CORE', 'APPROVER');
    expect(items).toEqual(
      expect.arrayContaining(['confirmations', 'payables', 'vouchers', 'invoices', 'approvals']),
    );
    expect(items).not.toContain('financings');
    expect(items).not.toContain('portfolio');
  });

  it('gives a bank its portfolio, applications, credit lines, risk and rates, and lands it on the portfolio', () => {
    expect(menu('BANK', 'APPROVER')).toEqual([
      'portfolio',
      'vouchers',
      'approvals',
      'financings',
      'creditLines',
      'risk',
      'rates',
      'warehouseReceipts',
      'notifications',
      'audit',
      'enterprises',
    ]);
    expect(homeFor(routes, actor('BANK', 'CLERK'))).toBe('portfolio');
    expect(homeFor(routes, actor('SUPPLIER', 'CLERK'))).toBe('dashboard');
  });

  it('gives logistics only its shipments and warehouse receipts among the business pages', () => {
    expect(menu('LOGISTICS', 'CLERK')).toEqual([
      'dashboard',
      'shipments',
      'warehouseReceipts',
      'notifications',
      'audit',
      'enterprises',
    ]);
  });

  it('shows user management to admins only', () => {
    expect(menu('SUPPLIER', 'ADMIN')).toContain('users');
    expect(menu('SUPPLIER', 'APPROVER')).not.toContain('users');
    expect(menu('BANK', 'CLERK')).not.toContain('users');
  });

  it('shows nothing before login', () => {
    expect(menuFor(routes, null)).toEqual([]);
  });
});

describe('actions by role: a clerk sees no approver actions', () => {
  const approverActions: [Action, EnterpriseKind][] = [
    ['confirmInvoice', 'CORE'],
    ['splitTransfer', 'SUPPLIER'],
    ['splitTransfer', 'CORE'],
    ['acceptOffer', 'SUPPLIER'],
    ['offerFinancing', 'BANK'],
    ['disburseFinancing', 'BANK'],
    ['payVoucher', 'CORE'],
    ['manageCreditLines', 'BANK'],
    ['requestReceiptRelease', 'SUPPLIER'],
    ['consentReceiptRelease', 'BANK'],
    ['recordReceiptRepayment', 'BANK'],
  ];

  it('keeps money-moving actions from clerks', () => {
    for (const [action, kind] of approverActions) {
      expect(can(actor(kind, 'CLERK'), action), action).toBe(false);
      expect(can(actor(kind, 'APPROVER'), action), action).toBe(true);
      expect(can(actor(kind, 'ADMIN'), action), action).toBe(true);
    }
  });

  it('lets clerks prepare: register invoices, apply for financing, record pickups', () => {
    expect(can(actor('SUPPLIER', 'CLERK'), 'registerInvoice')).toBe(true);
    expect(can(actor('SUPPLIER', 'CLERK'), 'applyFinancing')).toBe(true);
    expect(can(actor('LOGISTICS', 'CLERK'), 'recordPickup')).toBe(true);
  });

  it('follows the API where it is stricter: an SME admin does not register invoices, only a bank admin publishes rates', () => {
    expect(can(actor('SUPPLIER', 'ADMIN'), 'registerInvoice')).toBe(false);
    expect(can(actor('BANK', 'APPROVER'), 'publishRate')).toBe(false);
    expect(can(actor('BANK', 'ADMIN'), 'publishRate')).toBe(true);
  });

  it('keeps other kinds’ actions away', () => {
    expect(can(actor('BANK', 'ADMIN'), 'confirmInvoice')).toBe(false);
    expect(can(actor('CORE', 'ADMIN'), 'offerFinancing')).toBe(false);
    expect(can(null, 'sweepOverdue')).toBe(false);
  });
});
