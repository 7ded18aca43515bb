import {
  Bell,
  Box,
  Coin,
  CreditCard,
  DataAnalysis,
  Discount,
  Document,
  DocumentChecked,
  House,
  OfficeBuilding,
  Promotion,
  Search,
  Stamp,
  Tickets,
  TrendCharts,
  User,
  Van,
  Warning,
} from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '@/stores/session';
import { homeFor } from './menu';
import './meta';

const SME = ['SUPPLIER'] as const;
const CORE = ['CORE'] as const;
const BANK = ['BANK'] as const;
const LOGISTICS = ['LOGISTICS'] as const;
const TRADERS = ['SUPPLIER', 'CORE'] as const;

/** Every page, lazily loaded, with who may open it and where it sits in the menu. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/LoginPage.vue'),
    meta: { public: true, titleKey: 'page.login' },
  },
  {
    path: '/',
    component: () => import('@/components/layout/AppShell.vue'),
    children: [
      { path: '', name: 'home', redirect: () => ({ name: homeFor(routes, useSessionStore().user) }) },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/pages/DashboardPage.vue'),
        meta: {
          titleKey: 'page.dashboard',
          access: { kinds: ['SUPPLIER', 'CORE', 'LOGISTICS', 'AUDITOR'] },
          menu: { icon: House, order: 10 },
        },
      },
      {
        path: 'portfolio',
        name: 'portfolio',
        component: () => import('@/pages/bank/PortfolioPage.vue'),
        meta: {
          titleKey: 'page.portfolio',
          access: { kinds: BANK },
          menu: { icon: DataAnalysis, order: 11 },
        },
      },
      {
        path: 'confirmations',
        name: 'confirmations',
        component: () => import('@/pages/core/ConfirmationInboxPage.vue'),
        meta: {
          titleKey: 'page.confirmations',
          access: { kinds: CORE },
          menu: { icon: DocumentChecked, order: 20 },
        },
      },
      {
        path: 'invoices',
        name: 'invoices',
        component: () => import('@/pages/invoices/InvoicesPage.vue'),
        meta: { titleKey: 'page.invoices', access: { kinds: TRADERS }, menu: { icon: Document, order: 21 } },
      },
      {
        path: 'invoices/:id',
        name: 'invoice',
        component: () => import('@/pages/invoices/InvoiceDetailPage.vue'),
        props: true,
        meta: { titleKey: 'page.invoice', access: { kinds: TRADERS } },
      },
      {
        path: 'payables',
        name: 'payables',
        component: () => import('@/pages/core/PayablesPage.vue'),
        meta: { titleKey: 'page.payables', access: { kinds: CORE }, menu: { icon: Coin, order: 30 } },
      },
      {
        path: 'early-payment',
        name: 'early-payment',
        component: () => import('@/pages/core/EarlyPaymentOfferPage.vue'),
        meta: {
          titleKey: 'page.earlyPayment',
          access: { kinds: CORE },
          menu: { icon: Discount, order: 30.5 },
        },
      },
      {
        path: 'vouchers',
        name: 'vouchers',
        component: () => import('@/pages/vouchers/VouchersPage.vue'),
        meta: {
          titleKey: 'page.vouchers',
          access: { kinds: [...TRADERS, 'BANK'] },
          menu: { icon: Tickets, order: 31 },
        },
      },
      {
        path: 'acceptances',
        name: 'acceptances',
        component: () => import('@/pages/vouchers/TransferAcceptancesPage.vue'),
        meta: { titleKey: 'page.acceptances', access: { kinds: SME }, menu: { icon: Stamp, order: 32 } },
      },
      {
        path: 'approvals',
        name: 'approvals',
        component: () => import('@/pages/ApprovalsPage.vue'),
        meta: {
          titleKey: 'page.approvals',
          access: { kinds: [...TRADERS, 'BANK'], roles: ['CLERK', 'APPROVER'] },
          menu: { icon: DocumentChecked, order: 33 },
        },
      },
      {
        path: 'vouchers/:id',
        name: 'voucher',
        component: () => import('@/pages/vouchers/VoucherDetailPage.vue'),
        props: true,
        meta: { titleKey: 'page.voucher', access: { kinds: [...TRADERS, 'BANK'] } },
      },
      {
        path: 'financings',
        name: 'financings',
        component: () => import('@/pages/financing/FinancingsPage.vue'),
        meta: {
          titleKey: 'page.financings',
          access: { kinds: [...SME, ...BANK] },
          menu: { icon: Promotion, order: 40 },
        },
      },
      {
        path: 'financings/:id',
        name: 'financing',
        component: () => import('@/pages/financing/FinancingDetailPage.vue'),
        props: true,
        meta: { titleKey: 'page.financing', access: { kinds: [...SME, ...BANK] } },
      },
      {
        path: 'credit-lines',
        name: 'creditLines',
        component: () => import('@/pages/bank/CreditLinesPage.vue'),
        meta: {
          titleKey: 'page.creditLines',
          access: { kinds: BANK },
          menu: { icon: CreditCard, order: 41 },
        },
      },
      {
        path: 'risk',
        name: 'risk',
        component: () => import('@/pages/bank/RiskPage.vue'),
        meta: { titleKey: 'page.risk', access: { kinds: BANK }, menu: { icon: Warning, order: 42 } },
      },
      {
        path: 'rates',
        name: 'rates',
        component: () => import('@/pages/bank/RatesPage.vue'),
        meta: { titleKey: 'page.rates', access: { kinds: BANK }, menu: { icon: TrendCharts, order: 43 } },
      },
      {
        path: 'shipments',
        name: 'shipments',
        component: () => import('@/pages/logistics/ShipmentsPage.vue'),
        meta: { titleKey: 'page.shipments', access: { kinds: LOGISTICS }, menu: { icon: Van, order: 50 } },
      },
      {
        path: 'warehouse-receipts',
        name: 'warehouseReceipts',
        component: () => import('@/pages/warehouse/WarehouseReceiptsPage.vue'),
        meta: {
          titleKey: 'page.warehouseReceipts',
          access: { kinds: [...LOGISTICS, ...TRADERS, ...BANK] },
          menu: { icon: Box, order: 51 },
        },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/pages/NotificationsPage.vue'),
        meta: { titleKey: 'page.notifications', menu: { icon: Bell, order: 80 } },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/pages/AuditPage.vue'),
        meta: { titleKey: 'page.audit', menu: { icon: Search, order: 81 } },
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('@/pages/admin/EnterprisesPage.vue'),
        meta: { titleKey: 'page.enterprises', menu: { icon: OfficeBuilding, order: 90 } },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/pages/admin/UsersPage.vue'),
        meta: { titleKey: 'page.users', access: { roles: ['ADMIN'] }, menu: { icon: User, order: 91 } },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/pages/ForbiddenPage.vue'),
        meta: { titleKey: 'page.forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'notFound',
        component: () => import('@/pages/NotFoundPage.vue'),
        meta: { titleKey: 'page.notFound' },
      },
    ],
  },
];
