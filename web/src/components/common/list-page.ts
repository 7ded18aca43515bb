/** How a list page declares its table, filters and row actions (rendered by ListPage.vue). */

/** One table column; a `#cell-<key>` slot draws the cell instead when a page provides one. */
export interface ListColumn<TRow> {
  key: string;
  /** i18n key of the header. */
  labelKey: string;
  /** What the cell shows (default: the row's field named `key`). */
  value?: (row: TRow) => string | number | null | undefined;
  /** `money`: fen as yuan; `status`: a status tag; `datetime`: an instant in CST; default: text. */
  as?: 'text' | 'money' | 'status' | 'datetime';
  width?: number;
  minWidth?: number;
  align?: 'left' | 'center' | 'right';
  mono?: boolean;
}

/** A button on each row. */
export interface ListAction<TRow> {
  key: string;
  /** i18n key of the button's text. */
  labelKey: string;
  /** Values the text names, from the row. */
  labelArgs?: (row: TRow) => Record<string, string | number>;
  testid?: string;
  type?: 'primary' | 'success' | 'warning' | 'danger' | 'info';
  /** Left out of a row where this says false. */
  visible?: (row: TRow) => boolean;
  disabled?: (row: TRow) => boolean;
  /** Spins while this row's write runs. */
  loading?: (row: TRow) => boolean;
  /** i18n key of the tooltip where the button is disabled. */
  disabledHintKey?: string;
  run: (row: TRow) => unknown;
}

/** The page's one "new …" button, at the end of the toolbar; a page leaves it out where the user may not. */
export interface ListCreate {
  /** i18n key of the button's text. */
  labelKey: string;
  testid: string;
  run: () => unknown;
}

export interface ListFilterOption {
  value: string;
  /** i18n key of the option. */
  labelKey: string;
  /** Left out where false. */
  visible?: boolean;
}

/**
 * One control of the toolbar, bound to `filters[key]`: `segments` picks one of a few options,
 * `multi` any of many (none: all), `search` is free text.
 */
export interface ListFilter<TFilters> {
  key: keyof TFilters & string;
  as: 'segments' | 'multi' | 'search';
  options?: readonly ListFilterOption[];
  /** i18n key of the placeholder. */
  placeholderKey?: string;
  testid: string;
  width?: number;
}
