import { agreementRuleWith } from './agreements/scheduled.js';
import { archiveRule, followUpRule, silenceRule } from './casefile/scheduled.js';
import { eraseExpiredCases } from './cases/retention.js';
import { redrawCard } from './casefile/service.js';
import { digestRule } from './digests/scheduled.js';
import { escalationRule } from './escalations/scheduled.js';
import { overlegRule } from './meetings/scheduled.js';
import { spic11Rule, spic11StartRule, startRule } from './referrals/scheduled.js';
import { planRule } from './results/scheduled.js';
import type { Rule } from './scheduler/sweep.js';
import type { TimedWork } from './scheduler/tick.js';
import { signalRule } from './signals/scheduled.js';

// Every timed rule lives beside its concept (<concept>/scheduled.ts); this
// list is where they meet, so that src/scheduler/ (tick, sweep, ledger)
// imports none of them. Adding a rule: write it in its concept, add it here.

/** Agreements redraw the case card when one passes its date; the card lives in src/cases/, which imports agreements. */
const agreementRule = agreementRuleWith(redrawCard);

/** Every kind of timed work, most urgent first. */
export const rules: readonly Rule[] = [
  signalRule,
  spic11StartRule,
  startRule,
  overlegRule,
  spic11Rule,
  silenceRule,
  planRule,
  agreementRule,
  escalationRule,
  followUpRule,
  digestRule,
  archiveRule,
];

export const timedWork: TimedWork = {
  rules,
  // Retention is timed work too: closed cases past RETENTION_DAYS lose their free text,
  // and their messages on the platforms are queued for deletion. Before the rules, so
  // that when both fall due in one sweep the deletions go out before the channel is archived.
  async beforeRules({ db, settings, log }, now) {
    const erased = await eraseExpiredCases(db, now, settings.RETENTION_DAYS);
    if (erased.length) log.info({ caseCodes: erased }, 'retention erased case text');
    return erased.length > 0;
  },
};
