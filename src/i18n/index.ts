// Dutch is the default; English the second locale. Each domain folder keeps its
// own texts in a `catalog({ nl, en })`, so the words live beside the rules that
// use them, and the type checker insists that both languages say everything.

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

let current: Locale = 'nl';

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

export function catalog<T>(texts: { nl: T; en: NoInfer<T> }): () => T {
  return () => texts[current];
}

/** 'dag' / 'dagen' and the like. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
