import { formatMoment } from '../clock.js';
import { catalog } from '../i18n/index.js';
import type { Message } from '../kernel/message.js';
import { flagsOf, trendArrow, type ScoreRow } from './model.js';

export const texts = catalog({
  nl: {
    title: 'Veiligheid gescoord',
    actueel: 'Actuele veiligheid',
    blijvend: 'Blijvende veiligheid',
    note: 'Toelichting',
    low: (n: number) => `Let op: actuele veiligheid ${n} ligt onder de 6 die het veiligheidsplan moet houden.`,
    drop: 'Let op: de score is 2 of meer punten gedaald sinds de vorige meting.',
    done: 'De scores zijn vastgelegd en in het casuskanaal geplaatst.',
    formTitle: 'Veiligheid scoren',
    formSubmit: 'Vastleggen',
    scoreOf: (label: string) => `${label} (0-10)`,
    latest: (a: number, ta: string, b: number, tb: string) => `actueel ${a}${ta} · blijvend ${b}${tb}`,
    nothingToWithdraw: 'Er is geen veiligheidsscore om in te trekken.',
    withdrawnPost: (a: number, b: number, at: string) => `Veiligheidsscore ingetrokken: actueel ${a}, blijvend ${b} van ${at}`,
    withdrawnDone: (a: number, b: number) => `De laatste score (actueel ${a}, blijvend ${b}) is ingetrokken.`,
    nowStands: (a: number, b: number) => `Nu geldt weer de score daarvoor: actueel ${a}, blijvend ${b}.`,
    noneLeft: 'Er staat nu geen score meer; leg een nieuwe vast met /veiligheid actueel <0-10> blijvend <0-10>.',
    reason: 'Reden',
  },
  en: {
    title: 'Safety scored',
    actueel: 'Current safety',
    blijvend: 'Lasting safety',
    note: 'Note',
    low: (n: number) => `Note: current safety ${n} is below the 6 the safety plan must hold.`,
    drop: 'Note: the score dropped 2 or more points since the previous one.',
    done: 'The scores are recorded and posted in the case channel.',
    formTitle: 'Score safety',
    formSubmit: 'Record',
    scoreOf: (label: string) => `${label} (0-10)`,
    latest: (a: number, ta: string, b: number, tb: string) => `current ${a}${ta} · lasting ${b}${tb}`,
    nothingToWithdraw: 'There is no safety score to withdraw.',
    withdrawnPost: (a: number, b: number, at: string) => `Safety score withdrawn: current ${a}, lasting ${b} of ${at}`,
    withdrawnDone: (a: number, b: number) => `The latest score (current ${a}, lasting ${b}) is withdrawn.`,
    nowStands: (a: number, b: number) => `The score before it stands again: current ${a}, lasting ${b}.`,
    noneLeft: 'No score stands now; record a new one with /veiligheid actueel <0-10> blijvend <0-10>.',
    reason: 'Reason',
  },
});

export function scoreMessage(latest: ScoreRow, previous?: ScoreRow): Message {
  const t = texts();
  const flags = flagsOf(latest, previous);
  const lines: string[] = [];
  if (flags.low) lines.push(t.low(latest.actueel));
  if (flags.drop) lines.push(t.drop);
  const message: Message = {
    title: t.title,
    fields: [
      { label: t.actueel, value: `${latest.actueel}${previous ? ` ${trendArrow(latest.actueel, previous.actueel)} (${previous.actueel})` : ''}` },
      { label: t.blijvend, value: `${latest.blijvend}${previous ? ` ${trendArrow(latest.blijvend, previous.blijvend)} (${previous.blijvend})` : ''}` },
    ],
    tone: flags.low || flags.drop ? 'warning' : 'info',
    context: `<@${latest.byId}> · ${formatMoment(latest.at)}`,
  };
  if (latest.note) message.text = `${t.note}: ${latest.note}`;
  if (lines.length) message.lines = lines;
  return message;
}

/** One line for the case card. */
export function scoreSummary(latest: ScoreRow, previous?: ScoreRow): string {
  return texts().latest(
    latest.actueel,
    trendArrow(latest.actueel, previous?.actueel),
    latest.blijvend,
    trendArrow(latest.blijvend, previous?.blijvend),
  );
}
