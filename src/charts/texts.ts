import { catalog } from '../i18n/index.js';

export const chartTexts = catalog({
  nl: {
    months: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    safetyTitle: (code: string) => `Veiligheid ${code}`,
    safetySubtitle: (from: string, to: string) => `Actuele en blijvende veiligheid (0-10), ${from} tot ${to}`,
    actueel: 'Actueel',
    blijvend: 'Blijvend',
    norm: 'Norm veiligheidsplan (6)',
    overleg: 'Overleg',
    signaal: 'Signaal veiligheid/incident',
    teamTitle: 'Open signalen en te late starts per week',
    openSignals: 'Open signalen',
    overdueStarts: 'Te late starts',
    week: (n: number) => `wk ${n}`,
    teamAlt: (weeks: number, fromWeek: number, from: string, toWeek: number, to: string) =>
      `Grafiek: open signalen en te late starts per week over ${weeks === 1 ? '1 week' : `${weeks} weken`}, van week ${fromWeek} (${from}) tot en met week ${toWeek} (${to}).`,
    seriesAlt: (label: string, first: number, last: number, peak: number, peakWeek: number) =>
      `${label}: van ${first} naar ${last}, het hoogst in week ${peakWeek} (${peak}).`,
    seriesFlat: (label: string, n: number) => `${label}: elke week ${n}.`,
  },
  en: {
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    safetyTitle: (code: string) => `Safety ${code}`,
    safetySubtitle: (from: string, to: string) => `Current and lasting safety (0-10), ${from} to ${to}`,
    actueel: 'Current',
    blijvend: 'Lasting',
    norm: 'Safety plan level (6)',
    overleg: 'Meeting',
    signaal: 'Signal safety/incident',
    teamTitle: 'Open signals and late starts per week',
    openSignals: 'Open signals',
    overdueStarts: 'Late starts',
    week: (n: number) => `wk ${n}`,
    teamAlt: (weeks: number, fromWeek: number, from: string, toWeek: number, to: string) =>
      `Chart: open signals and late starts per week over ${weeks === 1 ? '1 week' : `${weeks} weeks`}, from week ${fromWeek} (${from}) to week ${toWeek} (${to}).`,
    seriesAlt: (label: string, first: number, last: number, peak: number, peakWeek: number) =>
      `${label}: from ${first} to ${last}, highest in week ${peakWeek} (${peak}).`,
    seriesFlat: (label: string, n: number) => `${label}: ${n} every week.`,
  },
});
