import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';

export const SUPPORTED = ['ko', 'en'] as const;
export type AppLanguage = (typeof SUPPORTED)[number];
const STORAGE_KEY = 'interview.lang';

/** The user's saved choice, else Korean when the browser prefers it, else English. */
export function detectLanguage(saved: string | null, browserLanguages: readonly string[]): AppLanguage {
  if (saved === 'ko' || saved === 'en') return saved;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setLanguage(language: AppLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  void i18n.changeLanguage(language);
}

export function initI18n(language?: AppLanguage) {
  const browser = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  const lng = language ?? detectLanguage(savedLanguage(), browser);
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { en: { translation: en }, ko: { translation: ko } },
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    i18n.on('languageChanged', (current) => {
      if (typeof document !== 'undefined') document.documentElement.lang = current;
    });
  } else if (i18n.language !== lng) {
    void i18n.changeLanguage(lng);
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18n;
}

export default i18n;
