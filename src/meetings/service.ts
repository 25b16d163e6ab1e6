import { eq } from 'drizzle-orm';
import { meetings } from '../../db/schema.js';
import { addDays, formatDay, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import { answer, refusal } from '../core/replies.js';
import type { Scope } from '../core/scope.js';
import type { Reply } from '../message.js';
import { buildAgenda } from './agenda.js';
import { texts } from './messages.js';
import { pendingPlanned } from './model.js';

export function planMeeting(s: Scope, date: Day, time?: string): Reply {
  const t = texts();
  if (date < s.today) return refusal(t.pastPlanned, t.pastPlanned);
  const plannedAt = zonedTime(date, time ?? '00:00');
  const existing = pendingPlanned(s.tx, s.kase.id);
  // One pending plan per case: planning again moves it.
  if (existing) s.tx.update(meetings).set({ plannedAt }).where(eq(meetings.id, existing.id)).run();
  else s.tx.insert(meetings).values({ caseId: s.kase.id, plannedAt, byId: s.ctx.actor.userId, createdAt: s.now }).run();
  const when = time ? t.at(plannedAt) : formatDay(date);
  s.post({ title: t.planned(when), tone: 'info' });
  s.audit('overleg.gepland', `${date}${time ? ` ${time}` : ''}`);
  return answer({ title: t.plannedDone, tone: 'success' });
}

export function recordMeeting(s: Scope, decisions: string, date?: Day): Reply {
  const t = texts();
  const heldOn = date ?? s.today;
  if (heldOn > s.today) return refusal(t.futureHeld, t.futureHeld);
  const planned = pendingPlanned(s.tx, s.kase.id);
  if (planned) s.tx.update(meetings).set({ heldOn, decisions }).where(eq(meetings.id, planned.id)).run();
  else s.tx.insert(meetings).values({ caseId: s.kase.id, heldOn, decisions, byId: s.ctx.actor.userId, createdAt: s.now }).run();
  s.post({
    title: t.held(formatDay(heldOn)),
    fields: [{ label: t.decisions, value: decisions }],
    context: t.next(formatDay(addDays(heldOn, s.settings.OVERLEG_INTERVAL_DAYS))),
    tone: 'success',
  });
  s.audit('overleg.gehouden', heldOn);
  return answer({ title: t.heldDone, tone: 'success' });
}

export function agenda(s: Scope): Reply {
  return answer(buildAgenda(s.tx, s.kase, s.today, s.settings.OVERLEG_INTERVAL_DAYS));
}
