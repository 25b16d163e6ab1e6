import type { Tx } from '../../../db/connection.js';
import { latestReferralDays, runningSpic11 } from '../../cases/attention.js';
import { addDays, formatDay } from '../../clock.js';
import type { Day } from '../../commands/types.js';
import type { Message } from '../../kernel/message.js';
import type { ReferralRow } from '../../referrals/model.js';
import { ledgerKeys } from '../ledger.js';
import { texts } from '../messages.js';
import { morningOf } from '../moments.js';
import type { DueItem, Rule } from '../sweep.js';
import { caseTarget, directAbout, holder, postToCase, reachableCases } from '../target.js';

// SPIC 11, the crisis profile: a window of SPIC11_WEEKS (6) weeks from the
// recorded start of the SPIC 11 referral. At the start of the second-last
// week (week five of six: start + 28 days) the gezinsmanager is reminded in
// the case channel to decide what follows; at the end (start + 42 days) an
// alert goes to the channel, mentioning the gezinsmanager and the
// teamleider, and to the teamleider directly. Both stop once the SPIC 11
// referral is stopped or a later referral (referred after its start) records
// the follow-up. Catch-up: the end alert replaces an unsent week-five reminder.

export function spic11Window(startedOn: Day, weeks: number): { decideOn: Day; endOn: Day } {
  return { decideOn: addDays(startedOn, Math.max(0, weeks - 2) * 7), endOn: addDays(startedOn, weeks * 7) };
}

export const spic11Rule: Rule = {
  name: 'spic11',
  async due(tx, now, settings, filter, memo) {
    const reachableById = (await reachableCases(tx, filter, memo)).byId;
    const latest = await latestReferralDays(tx, filter);
    const items: DueItem[] = [];
    for (const r of await runningSpic11(tx, filter)) {
      const kase = reachableById.get(r.caseId);
      const start = r.startedOn;
      if (!kase || !start) continue;
      const followUp = latest.get(r.caseId);
      if (followUp && followUp > start) continue;
      const w = spic11Window(start, settings.SPIC11_WEEKS);
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: r.id };
      const week5 = ledgerKeys.spic11('week5', r.id, start);
      if (now >= morningOf(w.endOn)) {
        items.push({ ...base, key: ledgerKeys.spic11('end', r.id, start), supersedes: [week5], deliver: (t, at) => end(t, r, w.endOn, settings.SPIC11_WEEKS, at) });
      } else if (now >= morningOf(w.decideOn)) {
        items.push({ ...base, key: week5, deliver: (t, at) => decide(t, r, w.endOn, at) });
      }
    }
    return items;
  },
};

async function decide(tx: Tx, r: ReferralRow, endOn: Day, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target || !r.startedOn) return;
  const t = texts();
  const gm = holder(target, 'gezinsmanager');
  await postToCase(
    tx,
    target,
    { title: t.spicWeek5Title, text: t.spicWeek5(gm ? `<@${gm.userId}>` : '', r.provider, formatDay(r.startedOn), formatDay(endOn)).trim(), tone: 'warning' },
    now,
  );
}

async function end(tx: Tx, r: ReferralRow, endOn: Day, weeks: number, now: Date): Promise<void> {
  const target = await caseTarget(tx, r.caseId);
  if (!target) return;
  const t = texts();
  const gm = holder(target, 'gezinsmanager');
  const tl = holder(target, 'teamleider');
  const who = [gm, tl]
    .filter((m) => m !== undefined)
    .map((m) => `<@${m.userId}>`)
    .join(' ');
  const message: Message = { title: t.spicEndTitle, text: t.spicEnd(who, r.provider, t.weeks(weeks), formatDay(endOn)).trim(), tone: 'danger' };
  if (!tl) message.context = t.noTeamleider;
  const postId = await postToCase(tx, target, message, now);
  if (tl) await directAbout(tx, target, tl.userId, { title: t.spicEndDirect(target.kase.code), text: t.seeChannel, tone: 'danger' }, now, postId);
}
