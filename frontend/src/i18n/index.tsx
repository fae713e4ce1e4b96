import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

export type Locale = "nb" | "nn" | "en";
export const LOCALES: Locale[] = ["nb", "nn", "en"];
const TAGS: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
export const TIME_ZONE = "Europe/Oslo";
const STORAGE_KEY = "samskap.locale";

type Messages = Record<string, string>;

// Shared strings live in src/i18n/<locale>.json, each feature's in
// src/features/<feature>/i18n/<locale>.json; ./locales/<locale>.ts merges them into one chunk
// per language, and only the chosen language's chunk is fetched (loadLocale).
const LOADERS: Record<Locale, () => Promise<{ default: Messages }>> = {
  nb: () => import("./locales/nb"),
  nn: () => import("./locales/nn"),
  en: () => import("./locales/en"),
};

export const MESSAGES: Record<Locale, Messages> = { nb: {}, nn: {}, en: {} };
const loading = new Map<Locale, Promise<void>>();
const loaded = new Set<Locale>();

export function isLocaleLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

/** Fetches a language's strings once; main.tsx awaits the chosen one before the first render. */
export function loadLocale(locale: Locale): Promise<void> {
  let promise = loading.get(locale);
  if (!promise) {
    promise = LOADERS[locale]().then(
      (module) => {
        // A page's own strings (addMessages) may have arrived first: they stay.
        MESSAGES[locale] = { ...module.default, ...MESSAGES[locale] };
        loaded.add(locale);
      },
      (error: unknown) => {
        loading.delete(locale); // a dropped connection may be retried
        throw error;
      },
    );
    loading.set(locale, promise);
  }
  return promise;
}

/**
 * Strings a lazily loaded page brings in its own chunk (`import.meta.glob` of its
 * i18n/page/<locale>.json, eager), merged when the page's module is first loaded, so that
 * the first page does not carry them.
 */
export function addMessages(loaded: Record<string, { default: Messages }>) {
  for (const [path, module] of Object.entries(loaded)) {
    const locale = path.split("/").pop()!.replace(".json", "") as Locale;
    Object.assign(MESSAGES[locale], module.default);
  }
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: string, vars?: Record<string, string | number>) {
  const template = MESSAGES[locale][key] ?? MESSAGES.nb[key] ?? key;
  return vars ? template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`)) : template;
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  formatDate: (value: string | Date | null | undefined) => string;
  formatDateTime: (value: string | Date | null | undefined) => string;
  formatNumber: (value: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function initialLocale(): Locale {
  const stored = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return LOCALES.includes(stored as Locale) ? (stored as Locale) : "nb";
}

function asDate(value: string | Date): Date {
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: read it at noon UTC so
  // that it shows as the same day in Oslo.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T12:00:00Z`);
  }
  return new Date(value);
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);
  const [ready, setReady] = useState(() => isLocaleLoaded(locale));
  const setLocale = useCallback((next: Locale) => {
    // The choice is kept at once, so that a page opened straight after starts in it; the
    // other language's strings are fetched before it is shown, so the page never shows keys.
    localStorage.setItem(STORAGE_KEY, next);
    const apply = () => setLocaleState(next);
    if (isLocaleLoaded(next)) apply();
    else loadLocale(next).then(apply, () => undefined);
  }, []);
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadLocale(locale).then(
      () => live && setReady(true),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locale, ready]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const tag = TAGS[locale];
    const date = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: TIME_ZONE });
    const dateTime = new Intl.DateTimeFormat(tag, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: TIME_ZONE,
    });
    const number = new Intl.NumberFormat(tag);
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      formatDate: (v) => (v ? date.format(asDate(v)) : ""),
      formatDateTime: (v) => (v ? dateTime.format(asDate(v)) : ""),
      formatNumber: (v) => number.format(v),
    };
  }, [locale, setLocale]);
  // main.tsx loads the strings before the first render; this only waits when it did not.
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
