import type { Component } from 'vue';
import type { Permission } from '@/domain/access';

/** Where a page appears in the side menu, if it does. */
export interface MenuEntry {
  icon: Component;
  /** Smaller first. */
  order: number;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without logging in. */
    public?: boolean;
    /** Who may open it (absent: anyone logged in). */
    access?: Permission;
    /** i18n key of the page title. */
    titleKey?: string;
    menu?: MenuEntry;
  }
}

export {};
