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
    tooLong: `Een toelichting, een afspraak of de besluiten zijn te lang (meer dan ${MAX_TEXT} tekens).`,
    agreementIncomplete: (i: string) => `Afspraak ${i} is niet compleet: vul wie, uiterlijk wanneer en wat in, of laat alle drie leeg.`,
    agreementDate: (i: string, v: string) => `"${v}" is geen geldige datum voor afspraak ${i}. Schrijf een datum als dd-mm-jjjj, vandaag of morgen.`,
  },
  en: {
    date: (v: string) => `"${v}" is not a valid date. Write a date as dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen.`,
    decisions: 'Fill in the decisions of the meeting.',
    status: (n: string, v: string) => `"${v}" is not a status for R-${n}. Choose op-koers, achter, behaald or vervallen.`,
    tooLong: `A note, an agreement or the decisions are too long (more than ${MAX_TEXT} characters).`,
    agreementIncomplete: (i: string) => `Agreement ${i} is incomplete: fill in who, by when and what, or leave all three empty.`,
    agreementDate: (i: string, v: string) => `"${v}" is not a valid date for agreement ${i}. Write a date as dd-mm-jjjj, vandaag or morgen.`,
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

/** An agreement made at the table (the form's `a<i>-wie`, `a<i>-datum`, `a<i>-tekst`). */
export interface FormAgreement {
  ownerId: string;
  dueOn: Day;
  text: string;
}

/** How many agreements the review form offers; more are made with /afspraak. */
export const FORM_AGREEMENTS = 3;

export type MeetingFormResult =
  | { ok: true; date: Day; decisions: string; reviews: ResultReview[]; agreements?: FormAgreement[] }
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
  const agreements: FormAgreement[] = [];
  for (let i = 1; i <= FORM_AGREEMENTS; i++) {
    const [who, when, what] = ['wie', 'datum', 'tekst'].map((f) => (values[`a${i}-${f}`] ?? '').trim());
    if (!who && !when && !what) continue;
    if (!who || !when || !what) return { ok: false, field: !who ? `a${i}-wie` : !when ? `a${i}-datum` : `a${i}-tekst`, error: t.agreementIncomplete(String(i)) };
    const dueOn = parseDay(when, today);
    if (!dueOn) return { ok: false, field: `a${i}-datum`, error: t.agreementDate(String(i), when) };
    if (what.length > MAX_TEXT) return { ok: false, field: `a${i}-tekst`, error: t.tooLong };
    agreements.push({ ownerId: who, dueOn, text: what });
  }
  const read = { ok: true as const, date, decisions, reviews: [...reviews.values()].sort((a, b) => a.number - b.number) };
  return agreements.length ? { ...read, agreements } : read;
}
