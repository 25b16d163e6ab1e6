import { z } from 'zod';
import { parseDay } from '../commands/dates.js';
import { resultStatuses, type Day, type ResultStatus } from '../commands/types.js';
import { MAX_TEXT } from '../commands/tokens.js';
import { catalog } from '../i18n/index.js';

const texts = catalog({
  nl: {
    date: (v: string) => `"${v}" is geen geldige datum. Schrijf een datum als dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren of morgen.`,
    decisions: 'Vul de besluiten van het overleg in.',
    status: (n: string, v: string) => `"${v}" is geen status voor R-${n}. Kies op-koers, achter, behaald of vervallen.`,
    tooLong: `Een toelichting of de besluiten zijn te lang (meer dan ${MAX_TEXT} tekens).`,
  },
  en: {
    date: (v: string) => `"${v}" is not a valid date. Write a date as dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen.`,
    decisions: 'Fill in the decisions of the meeting.',
    status: (n: string, v: string) => `"${v}" is not a status for R-${n}. Choose op-koers, achter, behaald or vervallen.`,
    tooLong: `A note or the decisions are too long (more than ${MAX_TEXT} characters).`,
  },
});

const status = z.enum(resultStatuses);
/** The status choice that keeps a result's status as it is (a choice list cannot offer an empty value). */
export const unchangedValue = 'ongewijzigd';

/** One result as reviewed at the table. */
export interface ResultReview {
  number: number;
  status?: ResultStatus;
  note?: string;
}

export type MeetingFormResult =
  | { ok: true; date: Day; decisions: string; reviews: ResultReview[] }
  | { ok: false; error: string; field: string };

/** Reads the overleg review form: `datum`, `besluiten`, and per result `r<n>` (status) and `r<n>-toelichting`. */
export function meetingFormReviews(values: Record<string, string>, today: Day): MeetingFormResult {
  const t = texts();
  const rawDate = (values.datum ?? '').trim() || 'vandaag';
  const date = parseDay(rawDate, today);
  if (!date) return { ok: false, field: 'datum', error: t.date(rawDate) };
  const decisions = (values.besluiten ?? '').trim();
  if (!decisions) return { ok: false, field: 'besluiten', error: t.decisions };
  const reviews = new Map<number, ResultReview>();
  for (const [key, raw] of Object.entries(values)) {
    const m = /^r(\d{1,4})(-toelichting)?$/.exec(key);
    if (!m) continue;
    const value = raw.trim();
    if (!value || (!m[2] && value === unchangedValue)) continue;
    const number = Number(m[1]);
    const review = reviews.get(number) ?? { number };
    if (m[2]) review.note = value;
    else {
      const parsed = status.safeParse(value);
      if (!parsed.success) return { ok: false, field: key, error: t.status(m[1]!, value) };
      review.status = parsed.data;
    }
    reviews.set(number, review);
  }
  if (decisions.length > MAX_TEXT) return { ok: false, field: 'besluiten', error: t.tooLong };
  const long = [...reviews.values()].find((r) => (r.note?.length ?? 0) > MAX_TEXT);
  if (long) return { ok: false, field: `r${long.number}-toelichting`, error: t.tooLong };
  return { ok: true, date, decisions, reviews: [...reviews.values()].sort((a, b) => a.number - b.number) };
}
