import type { Day } from '../clock.js';

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
export const consents = ['ja', 'nee', 'deels'] as const;
export type Consent = (typeof consents)[number];
/** Where an escalation goes beyond the team (seed 000). */
export const escalationBodies = ['escalatietafel', 'zorgbemiddeling', 'deskundige', 'anders'] as const;
export type EscalationBody = (typeof escalationBodies)[number];
export const referralRoles = ['ha', 'oa'] as const;
export type ReferralRole = (typeof referralRoles)[number];
/** Help beyond youth care the family waits for (a parent's mental-health or addiction care, debt help): no SPIC. */
export const helpKinds = ['volwassenenzorg', 'schuldhulp', 'lokaal-team', 'overig'] as const;
export type HelpKind = (typeof helpKinds)[number];
/** What a referral is: youth care (ha, oa) or help beyond it. */
export type ReferralKind = ReferralRole | HelpKind;

/** A calendar day, 'yyyy-mm-dd': the time module's (src/clock.ts). */
export type { Day };

/** The top-level words: `/casus`, `/signaal`, … */
export const topics = ['casus', 'signaal', 'veiligheid', 'inzet', 'overleg', 'resultaat', 'afspraak', 'escalatie', 'team', 'digest', 'help'] as const;
export type Topic = (typeof topics)[number];
