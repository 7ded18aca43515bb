import 'dayjs/locale/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import type { Language } from 'element-plus/es/locale';
import type { Locale } from './index';

/** Element Plus's own texts (pagination, date pickers, dialogs) in the portal's language. */
export function elementLocale(locale: Locale): Language {
  return locale === 'en' ? elementEn : elementZhCn;
}
