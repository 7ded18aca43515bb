import type { RouteRecordRaw } from 'vue-router';
import { allows, type Actor } from '@/domain/access';
import type { MenuEntry } from './meta';

export interface MenuItem extends MenuEntry {
  name: string;
  titleKey: string;
}

function flatten(records: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return records.flatMap((record) => [record, ...flatten(record.children ?? [])]);
}

/** The side menu for one user: the pages that have a menu entry and that its kind and role may open. */
export function menuFor(records: readonly RouteRecordRaw[], actor: Actor | null): MenuItem[] {
  return flatten(records)
    .filter(
      (record) => record.meta?.menu && typeof record.name === 'string' && allows(record.meta.access, actor),
    )
    .map((record) => ({
      name: String(record.name),
      titleKey: record.meta?.titleKey ?? String(record.name),
      icon: record.meta?.menu?.icon ?? {},
      order: record.meta?.menu?.order ?? 0,
    }))
    .sort((a, b) => a.order - b.order);
}

/** Where a user lands after login: the first page of its menu. */
export function homeFor(records: readonly RouteRecordRaw[], actor: Actor | null): string {
  return menuFor(records, actor)[0]?.name ?? 'audit';
}
