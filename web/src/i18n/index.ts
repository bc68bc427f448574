import { computed, signal } from '@preact/signals';
import { en } from './en.ts';
import { fi } from './fi.ts';

export type Lang = 'fi' | 'en';
const KEY = 'kassi.lang';

/** Finnish unless the user chose English on this device (remembered). */
export const lang = signal<Lang>(localStorage.getItem(KEY) === 'en' ? 'en' : 'fi');
export const t = computed(() => (lang.value === 'en' ? en : fi));

export function setLang(next: Lang) {
  lang.value = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
}
document.documentElement.lang = lang.value;
