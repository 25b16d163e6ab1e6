import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { formatMoment } from '../clock.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { catalog } from '../i18n/index.js';
import type { Message, Reply } from '../kernel/message.js';
import type { CaseRow } from './model.js';

// "Vinger aan de pols": three months after closure the gezinsmanager (or the
// team) is asked whether the family is still doing well; the answer is kept.

export const texts = catalog({
  nl: {
    question: (code: string) => `Vinger aan de pols: casus ${code}`,
    text: 'Drie maanden geleden is deze casus afgesloten. Gaat het nog goed met het gezin?',
    good: 'Gaat goed',
    worried: 'Zorgen',
    recorded: (code: string, answer: string) => `Antwoord vastgelegd voor casus ${code}: ${answer}.`,
    already: (code: string, answer: string, at: string) => `Voor casus ${code} is al geantwoord (${answer}, ${at}). Er is niets veranderd.`,
    worriedNext: 'Zorgen? Overleg met de teamleider of een nieuwe casus of melding bij Veilig Thuis nodig is.',
    answers: { goed: 'gaat goed', zorgen: 'zorgen' },
  },
  en: {
    question: (code: string) => `Keeping a finger on the pulse: case ${code}`,
    text: 'This case was closed three months ago. Is the family still doing well?',
    good: 'Doing well',
    worried: 'Worried',
    recorded: (code: string, answer: string) => `Answer recorded for case ${code}: ${answer}.`,
    already: (code: string, answer: string, at: string) => `Case ${code} was already answered (${answer}, ${at}). Nothing changed.`,
    worriedNext: 'Worried? Discuss with the team leader whether a new case or a report to Veilig Thuis is needed.',
    answers: { goed: 'doing well', zorgen: 'worried' },
  },
});

export function followUpQuestion(kase: Pick<CaseRow, 'id' | 'code'>): Message {
  const t = texts();
  return {
    title: t.question(kase.code),
    text: t.text,
    tone: 'info',
    actions: [
      { id: 'followup.goed', label: t.good, value: String(kase.id), style: 'primary' },
      { id: 'followup.zorgen', label: t.worried, value: String(kase.id), style: 'danger' },
    ],
  };
}

export async function recordFollowUp(s: Scope, value: 'goed' | 'zorgen'): Promise<Reply> {
  const t = texts();
  if (s.kase.followUpAnswer && s.kase.followUpAt) {
    return answer({ title: t.already(s.kase.code, t.answers[s.kase.followUpAnswer], formatMoment(s.kase.followUpAt)), tone: 'info' });
  }
  await s.tx.update(cases).set({ followUpAnswer: value, followUpAt: s.now }).where(eq(cases.id, s.kase.id));
  await s.audit('casus.nazorg', value);
  const reply = answer({ title: t.recorded(s.kase.code, t.answers[value]), tone: value === 'goed' ? 'success' : 'warning' });
  if (value === 'zorgen') reply.message!.text = t.worriedNext;
  return reply;
}
