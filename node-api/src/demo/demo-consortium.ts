import type { EnterpriseKind, Role } from '../auth/session-user.ts';

export interface DemoEnterprise {
  key: string;
  id: string;
  org: string;
  kind: EnterpriseKind;
  name: string;
  /** Short login prefix: `<login>.clerk`, `<login>.approver`. */
  login: string;
}

/**
 * The demo consortium `npm start` seeds: a core manufacturer, its tier-1 and tier-2 suppliers (all on
 * the SME alliance's node), two banks and a carrier. The first enterprise of each org is the one its
 * bootstrap admin acts for. Ids are unified social credit codes with valid GB 32100 check characters
 * (a unit test recomputes them).
 */
export const DEMO_ENTERPRISES = [
  {
    key: 'core',
    org: 'core',
    kind: 'CORE',
    login: 'haichuan',
    name: '青岛海川电器股份有限公司',
    id: '91370200MA3C8H1K0M',
  },
  {
    key: 'tier1',
    org: 'supplier',
    kind: 'SUPPLIER',
    login: 'jinggong',
    name: '苏州精工电机有限公司',
    id: '91320500MA1N2J3Q4K',
  },
  {
    key: 'tier1b',
    org: 'supplier',
    kind: 'SUPPLIER',
    login: 'minghui',
    name: '常州明辉线缆有限公司',
    id: '91320400MA1P5L6R72',
  },
  {
    key: 'tier2',
    org: 'supplier',
    kind: 'SUPPLIER',
    login: 'hengda',
    name: '宁波恒达铸件有限公司',
    id: '91330200MA2H7M8T9U',
  },
  {
    key: 'tier2b',
    org: 'supplier',
    kind: 'SUPPLIER',
    login: 'lixin',
    name: '温州立信五金制品厂',
    id: '91330300MA2J9N0U15',
  },
  {
    key: 'bankA',
    org: 'banka',
    kind: 'BANK',
    login: 'donghai',
    name: '东海商业银行青岛分行',
    id: '91370200MA3D1P2W3M',
  },
  {
    key: 'bankB',
    org: 'bankb',
    kind: 'BANK',
    login: 'beichen',
    name: '北辰银行山东分行',
    id: '91370100MA3E4Q5X6W',
  },
  {
    key: 'carrier',
    org: 'logistics',
    kind: 'LOGISTICS',
    login: 'shuntong',
    name: '顺通供应链物流有限公司',
    id: '91370200MA3F7R8Y9E',
  },
] as const satisfies readonly DemoEnterprise[];

export type DemoKey = (typeof DEMO_ENTERPRISES)[number]['key'];

/** Every demo login uses this password; printed by npm start. Never use the demo outside a laptop. */
export const DEMO_PASSWORD = 'scf-demo-password';

export const DEMO_ROLES: readonly Role[] = ['clerk', 'approver'];

export function demoEnterprise(key: DemoKey): DemoEnterprise {
  const found = DEMO_ENTERPRISES.find((enterprise) => enterprise.key === key);
  if (!found) throw new Error(`no demo enterprise ${key}`);
  return found;
}

/** The enterprise an org's bootstrap admin acts for: the org's first demo enterprise. */
export function adminEnterpriseOf(org: string): DemoEnterprise {
  const found = DEMO_ENTERPRISES.find((enterprise) => enterprise.org === org);
  if (!found) {
    throw new Error(
      `org ${org} hosts no enterprise yet: add its first one to node-api/src/demo/demo-consortium.ts ` +
        '(the org admin of its node API acts for it)',
    );
  }
  return found;
}
