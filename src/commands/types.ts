import type { Day } from '../clock.js';
import type { Role } from '../actors.js';

export const phases = ['verbinden', 'ondersteunen', 'borgen'] as const;
export type Phase = (typeof phases)[number];
export const signalKinds = ['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'] as const;
export type SignalKind = (typeof signalKinds)[number];
export const urgencies = ['acuut', 'hoog', 'normaal', 'laag'] as const;
export type Urgency = (typeof urgencies)[number];
export const causes = ['gezin', 'hulp', 'samenwerking'] as const;
export type Cause = (typeof causes)[number];
export const resultStatuses = ['op-koers', 'achter', 'behaald', 'vervallen'] as const;
export type ResultStatus = (typeof resultStatuses)[number];
export const escalationTopics = ['spic', 'hulp', 'afsluiting', 'anders'] as const;
export type EscalationTopic = (typeof escalationTopics)[number];
export const referralRoles = ['ha', 'oa'] as const;
export type ReferralRole = (typeof referralRoles)[number];

/** A calendar day, 'yyyy-mm-dd': the time module's (src/clock.ts). */
export type { Day };

/**
 * Every command of the command language (shared/COMMANDS.md), typed.
 * Adapters turn text into these through `parseCommand`; the core runs them.
 */
export type Command =
  | { name: 'casus.nieuw'; code: string; title?: string }
  | { name: 'casus.koppel'; code: string }
  | { name: 'casus.info' }
  | { name: 'casus.tijdlijn' }
  | { name: 'casus.lid'; userId: string; displayName?: string; role: Role }
  | { name: 'casus.fase'; phase: Phase }
  | { name: 'casus.team'; team: string }
  | { name: 'casus.verwijder'; userId: string; displayName?: string }
  /** Without `confirm` it shows the borging check; `/casus afsluiten bevestig [reden…]` closes. */
  | { name: 'casus.afsluiten'; reason?: string; confirm?: boolean }
  | { name: 'casus.export' }
  | { name: 'signaal.nieuw'; kind: SignalKind; urgency: Urgency; cause?: Cause; confidential?: boolean; text: string }
  | { name: 'signaal.bevestig'; number: number; response?: string }
  | { name: 'signaal.sluit'; number: number; outcome?: string }
  | { name: 'signaal.lijst' }
  | { name: 'signaal.formulier' }
  | { name: 'veiligheid.score'; actueel: number; blijvend: number; note?: string }
  | { name: 'veiligheid.grafiek' }
  | { name: 'veiligheid.formulier' }
  | { name: 'inzet.nieuw'; provider: string; role: ReferralRole; spic: string; referredOn: Day; startDue?: Day }
  | { name: 'inzet.gestart'; provider: string; date?: Day }
  /** A date in the future announces a planned end. */
  | { name: 'inzet.gestopt'; provider: string; date?: Day; reason?: string }
  | { name: 'inzet.afronden'; provider: string; date: Day; reason?: string }
  | { name: 'inzet.formulier' }
  | { name: 'overleg.gepland'; date: Day; time?: string }
  | { name: 'overleg.gehouden'; date?: Day; decisions: string }
  /** `/overleg gehouden [datum]` without decisions: the review form, result by result. */
  | { name: 'overleg.formulier'; date?: Day }
  | { name: 'overleg.agenda' }
  | { name: 'resultaat.nieuw'; text: string }
  | { name: 'resultaat.voortgang'; number: number; status: ResultStatus; note?: string }
  | { name: 'resultaat.lijst' }
  | { name: 'escalatie.nieuw'; topic: EscalationTopic; text: string }
  | { name: 'escalatie.besluit'; number: number; decision: string }
  | { name: 'escalatie.lijst' }
  | { name: 'team.koppel'; team: string }
  | { name: 'digest' }
  | { name: 'help'; topic?: string };

export type CommandName = Command['name'];

/** The top-level words: `/casus`, `/signaal`, … */
export const topics = ['casus', 'signaal', 'veiligheid', 'inzet', 'overleg', 'resultaat', 'escalatie', 'team', 'digest', 'help'] as const;
export type Topic = (typeof topics)[number];
