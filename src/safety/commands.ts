import { z } from 'zod';
import { commandsWith, optionalText, score, type FormRead } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { charCount, MAX_TEXT, parseScore } from '../commands/tokens.js';
import type { Scope } from '../kernel/scope.js';
import { safetyChart } from './chart.js';
import { recordScore, scoreForm } from './service.js';

// The /veiligheid commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;

export const commands = [
  command({
    name: 'veiligheid.score',
    topic: 'veiligheid',
    schema: z.object({ name: z.literal('veiligheid.score'), actueel: score, blijvend: score, note: optionalText }),
    usage: '/veiligheid actueel <0-10> blijvend <0-10> [toelichting…]',
    example: '/veiligheid actueel 6 blijvend 4 Afspraken worden nagekomen',
    help: {
      nl: 'Leg de scores voor actuele en blijvende veiligheid vast.',
      en: 'Record the current and lasting safety scores.',
    },
    who: { nl: 'gezinsmanager', en: 'family manager' },
    access: gm,
    mode: 'write',
    form: { id: 'veiligheid', read: readScoreForm },
    handler: (s, c) => recordScore(s, c),
  }),
  command({
    name: 'veiligheid.grafiek',
    topic: 'veiligheid',
    schema: z.object({ name: z.literal('veiligheid.grafiek') }),
    usage: '/veiligheid grafiek',
    example: '/veiligheid grafiek',
    help: {
      nl: 'Toon het verloop van de veiligheidsscores.',
      en: 'Show the safety scores over time.',
    },
    who: { nl: 'leden van de casus', en: 'members' },
    access: 'member',
    mode: 'post',
    handler: (s) => safetyChart(s),
  }),
  command({
    name: 'veiligheid.formulier',
    topic: 'veiligheid',
    schema: z.object({ name: z.literal('veiligheid.formulier') }),
    usage: '/veiligheid',
    example: '/veiligheid',
    help: {
      nl: 'Open het formulier voor de veiligheidsscores.',
      en: 'Open the form for the safety scores.',
    },
    who: { nl: 'gezinsmanager', en: 'family manager' },
    access: gm,
    mode: 'read',
    handler: async () => ({ form: scoreForm() }),
  }),
] as const;

/** The score form's fields, with the typed command's checks and texts. */
function readScoreForm(values: Record<string, string>): FormRead {
  const scores: { actueel?: number; blijvend?: number } = {};
  for (const which of ['actueel', 'blijvend'] as const) {
    const label = which === 'actueel' ? say().current : say().lasting;
    const value = (values[which] ?? '').trim();
    if (!value) return { ok: false, error: say().missingScore(label), field: which };
    const n = parseScore(value);
    if (n === null) return { ok: false, error: say().badScore(label, value), field: which };
    scores[which] = n;
  }
  const note = (values.toelichting ?? '').trim();
  if (charCount(note) > MAX_TEXT) return { ok: false, error: say().tooLong(charCount(note), MAX_TEXT), field: 'toelichting' };
  return { ok: true, fields: { ...scores, ...(note ? { note } : {}) } };
}
