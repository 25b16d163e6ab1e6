import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { cases, outbox } from '../../db/schema.js';
import type { Message } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from '../core/harness.js';

// The plan checks, the three-month "vinger aan de pols" and retention, as the
// clock drives them. Codes and texts are invented.

describe('plan checks, follow-up and retention on the clock', () => {
  let h: CoreHarness;
  const posted = async () =>
    (await h.app.db.q.select().from(outbox).orderBy(asc(outbox.id))).map((r) => ({ kind: r.kind, userId: r.userId, message: r.payload as Message }));
  const checks = async () => (await posted()).filter((p) => p.message.title === 'Controle gezinsplan').map((p) => p.message.text ?? '');
  const sweepAt = async (iso: string) => {
    h.clock.set(new Date(iso));
    await h.app.scheduler.sweep();
  };

  beforeAll(async () => {
    h = await coreHarness({ start: new Date('2026-01-05T09:00:00Z'), env: { RETENTION_DAYS: '100' } });
    await h.say('U-GM', '/casus nieuw PLN-001 plan');
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    await h.say('U-GM', '/casus fase ondersteunen');
  });
  afterAll(async () => {
    await h.close();
  });

  it('asks for results PLAN_DUE_DAYS (30) after the case was created, once', async () => {
    await sweepAt('2026-02-03T10:00:00Z');
    expect(await checks()).toEqual([]);
    await sweepAt('2026-02-04T10:00:00Z');
    await sweepAt('2026-02-04T11:00:00Z');
    expect(await checks()).toHaveLength(1);
    expect((await checks())[0]).toContain('het gezinsplan heeft nog geen resultaten, 30 dagen nadat de casus op 05-01-2026 begon');
    expect((await checks())[0]).toContain('<@U-GM>');
  });

  it('flags a result without progress across two overleggen, and one behind twice in a row', async () => {
    h.clock.set(new Date('2026-02-04T12:00:00Z'));
    await h.say('U-GM', '/resultaat nieuw kinderen gaan naar school');
    await h.say('U-GM', '/resultaat nieuw vader volgt een cursus');
    h.clock.set(new Date('2026-02-16T10:00:00Z'));
    await h.say('U-GM', '/overleg gehouden vandaag eerste ronde');
    await h.say('U-HA', '/resultaat voortgang R-2 achter nog geen plek');
    h.clock.set(new Date('2026-03-30T10:00:00Z'));
    await h.say('U-GM', '/overleg gehouden vandaag tweede ronde');
    await h.say('U-HA', '/resultaat voortgang R-2 achter wachtlijst');
    await sweepAt('2026-03-31T10:00:00Z');
    await sweepAt('2026-04-01T10:00:00Z');
    const found = (await checks()).slice(1);
    expect(found).toHaveLength(2);
    expect(found.find((t) => t.includes('R-1'))).toContain('twee overleggen lang geen voortgang');
    expect(found.find((t) => t.includes('R-2'))).toContain('twee keer achter elkaar op "achter"');
  });

  it('puts the plan checks and open escalations in the digest', async () => {
    await h.say('U-HA', '/escalatie hulp cursus past niet bij vader');
    await h.say('U-GM', '/team koppel Noord', 'C-TEAM');
    await h.say('U-GM', '/casus team Noord');
    h.clock.set(new Date('2026-04-03T10:00:00Z'));
    const digest = await h.say('U-GM', '/digest', 'C-TEAM');
    const line = digest.message?.lines?.find((l) => l.startsWith('PLN-001'));
    expect(line).toContain('R-1 zonder voortgang');
    expect(line).toContain('R-2 twee keer achter');
    expect(line).toContain('escalatie E-1 open sinds 2 dagen');
  });

  it('asks the gezinsmanager three months after closure whether the family is doing well, once, and records the answer', async () => {
    h.clock.set(new Date('2026-04-10T10:00:00Z'));
    await h.say('U-GM', '/casus afsluiten bevestig doelen behaald');
    await sweepAt('2026-07-09T10:00:00Z');
    expect((await posted()).filter((p) => p.message.title.startsWith('Vinger aan de pols'))).toEqual([]);
    await sweepAt('2026-07-10T10:00:00Z');
    await sweepAt('2026-07-11T10:00:00Z');
    const asked = (await posted()).filter((p) => p.message.title.startsWith('Vinger aan de pols'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.kind).toBe('direct');
    expect(asked[0]!.userId).toBe('U-GM');
    const button = asked[0]!.message.actions!.find((a) => a.id === 'followup.goed')!;
    expect((await h.app.core.handleAction(h.ctx('U-HA'), button.id, button.value)).error).toBe(true);
    const answered = await h.app.core.handleAction(h.ctx('U-GM'), button.id, button.value);
    expect(answered.message?.title).toContain('gaat goed');
    expect((await first(h.app.db.q.select().from(cases).where(eq(cases.code, 'PLN-001'))))?.followUpAnswer).toBe('goed');
  });

  it('erases the free text RETENTION_DAYS after closure, on the clock', async () => {
    await sweepAt('2026-07-18T10:00:00Z');
    expect((await first(h.app.db.q.select().from(cases).where(eq(cases.code, 'PLN-001'))))?.erasedAt).toBeNull();
    await sweepAt('2026-07-20T10:00:00Z');
    const kase = (await first(h.app.db.q.select().from(cases).where(eq(cases.code, 'PLN-001'))))!;
    expect(kase.erasedAt).not.toBeNull();
    expect(kase.title).toBeNull();
  });
});
