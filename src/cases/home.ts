import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { cases, members, referrals, signals } from '../../db/schema.js';
import type { Context } from '../actors.js';
import { dayOf, daysBetween } from '../clock.js';
import type { Settings } from '../config.js';
import { words } from '../commands/words.js';
import { catalog } from '../i18n/index.js';
import type { Message } from '../kernel/message.js';

const texts = catalog({
  nl: {
    title: 'Jouw casussen',
    none: 'Je bent nog geen lid van een casus. Maak er een met /casus nieuw <code>, of vraag een gezinsmanager om je toe te voegen.',
    card: (code: string, role: string) => `Casus ${code} · jij bent ${role}`,
    unacked: (n: number) => (n === 1 ? '1 signaal niet bevestigd' : `${n} signalen niet bevestigd`),
    open: (n: number) => (n === 1 ? '1 open signaal' : `${n} open signalen`),
    overdue: (p: string, d: number) => `start ${p} te laat: ${d} dagen gewacht`,
    quiet: 'niets open',
  },
  en: {
    title: 'Your cases',
    none: 'You are not a member of any case yet. Create one with /casus nieuw <code>, or ask a family manager to add you.',
    card: (code: string, role: string) => `Case ${code} · you are ${role}`,
    unacked: (n: number) => (n === 1 ? '1 signal not acknowledged' : `${n} signals not acknowledged`),
    open: (n: number) => (n === 1 ? '1 open signal' : `${n} open signals`),
    overdue: (p: string, d: number) => `start of ${p} overdue: waited ${d} days`,
    quiet: 'nothing open',
  },
});

/** One message per open case the person is a member of, with what is open or overdue. */
export async function homeFor(tx: Tx, ctx: Context, _settings: Settings): Promise<Message[]> {
  const t = texts();
  const w = words();
  const today = dayOf(ctx.now);
  const mine = await tx
    .select({ id: cases.id, code: cases.code, phase: cases.phase, role: members.role })
    .from(members)
    .innerJoin(cases, eq(cases.id, members.caseId))
    .where(and(eq(members.platform, ctx.actor.platform), eq(members.userId, ctx.actor.userId), eq(members.active, true), eq(cases.status, 'open')))
    .orderBy(cases.code);
  if (!mine.length) return [{ title: t.title, text: t.none }];
  const ids = mine.map((c) => c.id);
  const open = await tx
    .select({ caseId: signals.caseId, ackAt: signals.ackAt })
    .from(signals)
    .where(and(inArray(signals.caseId, ids), isNull(signals.closedAt), isNull(signals.withdrawnAt)));
  const waiting = await tx
    .select()
    .from(referrals)
    .where(and(inArray(referrals.caseId, ids), isNull(referrals.startedOn), isNull(referrals.stoppedOn)));
  return mine.map((c) => {
    const lines: string[] = [];
    const mineOpen = open.filter((s) => s.caseId === c.id);
    const unacked = mineOpen.filter((s) => !s.ackAt).length;
    if (unacked) lines.push(t.unacked(unacked));
    if (mineOpen.length) lines.push(t.open(mineOpen.length));
    for (const r of waiting.filter((x) => x.caseId === c.id && today > x.startDue)) lines.push(t.overdue(r.provider, daysBetween(r.referredOn, today)));
    return {
      title: t.card(c.code, w.role[c.role]),
      text: w.phase[c.phase],
      lines: lines.length ? lines : [t.quiet],
      tone: unacked || lines.some((l) => l.includes('te laat') || l.includes('overdue')) ? 'warning' : 'info',
    } satisfies Message;
  });
}
