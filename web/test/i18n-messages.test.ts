// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '@/i18n/messages/en';
import { zhCN } from '@/i18n/messages/zh-CN';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|vue)$/.test(name) ? [path] : [];
  });
}

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/**
 * Literal keys passed to t/$t/te, route titles, list-page labels, empty-state keys and success keys
 * of writes.
 */
function usedKeys(): string[] {
  const patterns = [
    /\$?\bte?\(\s*'([a-zA-Z][\w.]*)'/g,
    /titleKey: '([\w.]+)'/g,
    // List pages declare their labels as data (labelKey, placeholderKey, disabledHintKey).
    /[a-z]\w*Key: '([a-z]\w*(?:\.\w+)+)'/g,
    /(?<!:)empty-key="([\w.]+)"/g,
    /,\s*'([a-z]\w*\.[a-z]\w*)',?\s*\)/g,
  ];
  const keys = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern)) if (match[1]) keys.add(match[1]);
  }
  return [...keys].sort();
}

describe('messages', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect(keysOf(en)).toEqual(keysOf(zhCN));
    for (const messages of [zhCN, en]) {
      for (const key of keysOf(messages)) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        expect(value, key).not.toBe('');
      }
    }
  });

  it('has a message for every literal key the portal uses', () => {
    const known = new Set(keysOf(zhCN));
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });

  it('has a message for every status, kind, role, error code and problem the portal names dynamically', () => {
    const statuses = [
      'REGISTERED',
      'CONFIRMED',
      'REJECTED',
      'CANCELLED',
      'ACTIVE',
      'SPLIT',
      'FINANCING',
      'FINANCED',
      'SETTLED',
      'OVERDUE',
      'APPLIED',
      'OFFERED',
      'ACCEPTED',
      'DISBURSED',
      'WITHDRAWN',
      'EXPIRED',
      'PICKED_UP',
      'DELIVERED',
      'FROZEN',
      'SUSPENDED',
      'PROPOSED',
      'PUBLISHED',
    ];
    const known = new Set(keysOf(zhCN));
    const expected = [
      ...statuses.map((status) => `status.${status}`),
      ...['CORE', 'SUPPLIER', 'BANK', 'LOGISTICS', 'AUDITOR'].map((kind) => `kind.${kind}`),
      ...['CLERK', 'APPROVER', 'ADMIN'].map((role) => `role.${role}`),
      ...[
        'enterprise',
        'invoice',
        'shipment',
        'voucher',
        'creditline',
        'rate',
        'financing',
        'charter',
        'charterproposal',
      ].map((type) => `objectType.${type}`),
      ...['noCharter', 'noKinds'].map((gap) => `enterprise.hosting.${gap}`),
      ...['memberKinds', 'publishers', 'quorum', 'unchanged'].map((p) => `charter.problem.${p}`),
      ...['INVALID_STATE', 'CREDIT_LIMIT_EXCEEDED', 'DELIVERY_NOT_CONFIRMED', 'NETWORK', 'UNKNOWN'].map(
        (code) => `error.code.${code}`,
      ),
      ...[
        'advanceRate',
        'spread',
        'annualRate',
        'fees',
        'validUntilPast',
        'validUntilAfterMaturity',
        'noRate',
        'noNetProceeds',
      ].map((p) => `offer.problem.${p}`),
      ...['amount', 'recipient', 'invoice', 'overInvoice', 'tooFew', 'tooMany', 'sumMismatch'].map(
        (p) => `split.problem.${p}`,
      ),
      ...['overdue', 'lineExhausted', 'lineNearLimit', 'lineExpiring', 'concentration'].flatMap((k) => [
        `risk.kind.${k}`,
        `risk.message.${k}`,
      ]),
    ];
    expect(expected.filter((key) => !known.has(key))).toEqual([]);
  });
});
