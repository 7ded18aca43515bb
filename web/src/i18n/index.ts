import { createI18n } from 'vue-i18n';
import { en } from './messages/en';
import { zhCN, type MessageSchema } from './messages/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'scf.locale';

/** Times are shown in China Standard Time, the consortium's business time zone, in both languages. */
const DATETIME_FORMATS = {
  short: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' },
  long: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  },
} as const;

function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

/**
 * The portal's language for a tag the browser prefers: any Chinese (`zh`, `zh-TW`, `zh-Hans-CN`) reads
 * the Chinese portal, any English the English one; other languages say nothing.
 */
function localeForTag(tag: string): Locale | null {
  const language = tag.toLowerCase().split('-')[0];
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en';
  return null;
}

/**
 * The user's own choice when they made one in this browser; on a first visit, the first language the
 * browser prefers that the portal speaks (navigator.languages, in the user's order); else Chinese,
 * the consortium's language. Only a choice is remembered, so until then the portal keeps following
 * the browser.
 */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> = localStorage,
  preferred: readonly string[] = navigator.languages,
): Locale {
  const saved = storage.getItem(STORAGE_KEY);
  if (isLocale(saved)) return saved;
  for (const tag of preferred) {
    const locale = localeForTag(tag);
    if (locale) return locale;
  }
  return 'zh-CN';
}

function buildI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale>({
    // Composition mode; the option itself goes away in vue-i18n 12, where it is the only mode.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    datetimeFormats: { 'zh-CN': DATETIME_FORMATS, en: DATETIME_FORMATS },
    missingWarn: false,
    fallbackWarn: false,
  });
}

/** The portal's i18n: composition API, Chinese and English messages, CST date-times. */
export type PortalI18n = ReturnType<typeof buildI18n>;

export function createPortalI18n(locale: Locale = initialLocale()): PortalI18n {
  return buildI18n(locale);
}

/** Switches the language (pass the i18n instance's `locale` ref) and remembers it. */
export function setLocale(current: { value: string }, locale: Locale): void {
  current.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
