import type { EscalationTopic } from '../commands/types.js';
import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    topic: { spic: 'de SPIC', hulp: 'de geboden hulp', afsluiting: 'de afsluiting', anders: 'anders' } satisfies Record<EscalationTopic, string>,
    filed: (n: number, topic: string) => `Escalatie E-${n} over ${topic}`,
    filedReply: (n: number) => `Escalatie E-${n} is vastgelegd; de teamleider is op de hoogte gebracht.`,
    filedNoLeader: (n: number) =>
      `Escalatie E-${n} is vastgelegd. Deze casus heeft nog geen teamleider: voeg die toe met /casus lid <@gebruiker> teamleider, of koppel de casus aan een team.`,
    directTitle: (code: string, n: number) => `Escalatie E-${n} in casus ${code}`,
    directText: 'Er ligt een meningsverschil ter beslissing. Lees het in het casuskanaal en leg je besluit vast met /escalatie besluit.',
    by: 'Ingediend door',
    decided: (n: number) => `Besluit teamleider over E-${n}`,
    decision: 'Besluit',
    decidedReply: (n: number) => `Het besluit over E-${n} is vastgelegd en in het casuskanaal geplaatst.`,
    alreadyDecided: (n: number) => `Over E-${n} is al besloten. Er is niets veranderd.`,
    notFound: (n: number) => `Escalatie E-${n} bestaat niet in deze casus. Bekijk ze met /escalatie lijst.`,
    listTitle: (code: string) => `Escalaties van casus ${code}`,
    listEmpty: 'Geen escalaties.',
    open: (days: number) => (days === 0 ? 'open sinds vandaag' : `open sinds ${days === 1 ? '1 dag' : `${days} dagen`}`),
    decidedLine: (d: string) => `besloten: ${d}`,
  },
  en: {
    topic: { spic: 'the SPIC', hulp: 'the help given', afsluiting: 'closure', anders: 'other' },
    filed: (n: number, topic: string) => `Escalation E-${n} about ${topic}`,
    filedReply: (n: number) => `Escalation E-${n} is recorded; the team leader has been told.`,
    filedNoLeader: (n: number) =>
      `Escalation E-${n} is recorded. This case has no team leader yet: add one with /casus lid <@gebruiker> teamleider, or link the case to a team.`,
    directTitle: (code: string, n: number) => `Escalation E-${n} in case ${code}`,
    directText: 'A disagreement awaits your decision. Read it in the case channel and record your decision with /escalatie besluit.',
    by: 'Filed by',
    decided: (n: number) => `Team leader's decision on E-${n}`,
    decision: 'Decision',
    decidedReply: (n: number) => `The decision on E-${n} is recorded and posted in the case channel.`,
    alreadyDecided: (n: number) => `E-${n} has already been decided. Nothing changed.`,
    notFound: (n: number) => `Escalation E-${n} does not exist in this case. See them with /escalatie lijst.`,
    listTitle: (code: string) => `Escalations of case ${code}`,
    listEmpty: 'No escalations.',
    open: (days: number) => (days === 0 ? 'open since today' : `open for ${days === 1 ? '1 day' : `${days} days`}`),
    decidedLine: (d: string) => `decided: ${d}`,
  },
});
