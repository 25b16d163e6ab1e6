import { and, asc, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { teams } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import type { TeamRow } from '../basisteams/service.js';
import { addDays, dayOf, isoWeek, mondayOf, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Settings } from '../config.js';
import { enqueue } from '../kernel/outbox.js';
import { ledgerKeys } from '../scheduler/ledger.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { digestWithChart } from './chart.js';

// The weekly digest: for every team with a team channel, once per ISO week,
// at DIGEST_DAY DIGEST_TIME local time (Monday 08:30 Europe/Amsterdam: the
// same wall-clock time in summer and winter). Catch-up: a digest missed
// during an outage goes out at the first sweep of the same week; an earlier
// week's missed digest is not sent (this week's one has the current state).
// A team created after this week's moment gets its first digest next week.

const digestDays: Record<Settings['DIGEST_DAY'], number> = {
  maandag: 1,
  dinsdag: 2,
  woensdag: 3,
  donderdag: 4,
  vrijdag: 5,
  zaterdag: 6,
  zondag: 7,
};

export interface DigestMoment {
  /** The digest day of the current ISO week. */
  day: Day;
  at: Date;
  week: string;
}

/** This week's digest moment (DIGEST_DAY at DIGEST_TIME, local time), whether past or not. */
export function digestMomentOf(now: Date, settings: Pick<Settings, 'DIGEST_DAY' | 'DIGEST_TIME'>): DigestMoment {
  const day = addDays(mondayOf(dayOf(now)), digestDays[settings.DIGEST_DAY] - 1);
  return { day, at: zonedTime(day, settings.DIGEST_TIME), week: isoWeek(day) };
}

function prepare(tx: Tx) {
  return tx
    .select()
    .from(teams)
    .where(and(isNotNull(teams.platform), isNotNull(teams.conversationId)))
    .orderBy(asc(teams.id))
    .prepare();
}

async function teamsWithChannel(tx: Tx, teamId?: number): Promise<TeamRow[]> {
  const all = await prepared(tx, 'digestTeams', prepare).execute();
  return teamId === undefined ? all : all.filter((t) => t.id === teamId);
}

export async function deliverDigest(tx: Tx, team: TeamRow, now: Date, settings: Settings): Promise<number | undefined> {
  if (!team.platform || !team.conversationId) return undefined;
  return enqueue(tx, { kind: 'post', platform: team.platform as Platform, conversationId: team.conversationId }, await digestWithChart(tx, team, now, settings), now);
}

export const digestRule: Rule = {
  name: 'digest',
  async due(tx, now, settings, filter) {
    if (filter.caseId !== undefined) return [];
    const moment = digestMomentOf(now, settings);
    if (now < moment.at) return [];
    const items: DueItem[] = [];
    for (const team of await teamsWithChannel(tx, filter.teamId)) {
      if (team.createdAt > moment.at) continue;
      items.push({
        key: ledgerKeys.digest(team.id, moment.week),
        scope: { teamId: team.id },
        recordId: team.id,
        deliver: async (t, at) => void (await deliverDigest(t, team, at, settings)),
      });
    }
    return items;
  },
};
