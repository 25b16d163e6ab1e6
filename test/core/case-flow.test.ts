import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { outbox, signals } from '../../db/schema.js';
import { DAY, formatMoment } from '../../src/clock.js';
import type { Message } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from './harness.js';

function text(m: Message): string {
  return [m.title, m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(m.lines ?? []), m.context].join('\n');
}

describe('a case through the core', () => {
  let h: CoreHarness;
  const rows = async () => h.app.db.q.select().from(outbox).orderBy(asc(outbox.id));
  beforeAll(async () => {
    h = await coreHarness({ start: new Date('2026-03-02T09:00:00Z') });
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates the case with its creator as gezinsmanager and posts a pinned card', async () => {
    const reply = await h.say('U-GM', '/casus nieuw tst-042 gezin in Noord');
    expect(reply.error).toBeFalsy();
    expect(reply.message?.title).toContain('TST-042');
    const [card] = await rows();
    expect(card?.kind).toBe('post');
    const m = card!.payload as Message;
    expect(m.pin).toBe(true);
    expect(text(m)).toContain('Regie op veiligheid (gezinsmanager): <@U-GM>');
    expect(m.names?.['U-GM']).toBe('Sanne de Wit');
  });

  it('refuses a second case with the same code', async () => {
    const reply = await h.say('U-XX', '/casus nieuw TST-042', 'C-ELSE');
    expect(reply.error).toBe(true);
    expect(reply.message?.text).toContain('bestaat al');
  });

  it('adds members and shows both regies on the card', async () => {
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> trajectbegeleider');
    await h.say('U-GM', '/casus lid <@U-TL|Marloes Visser> teamleider');
    const info = await h.say('U-HA', '/casus info');
    expect(text(info.message!)).toContain('Regie op zorg (hoofdaannemer): <@U-HA>');
    expect(text(info.message!)).toContain('<@U-TL> (teamleider)');
  });

  it('each person added gets a short personal welcome naming the case, their role and /help, linked to the channel post', async () => {
    const all = await rows();
    const welcomes = all.filter((r) => r.kind === 'direct' && (r.payload as Message).title.startsWith('Welkom'));
    expect(welcomes.map((r) => [r.userId, (r.payload as Message).title])).toEqual([
      ['U-HA', 'Welkom in casus TST-042: je bent toegevoegd als hoofdaannemer'],
      ['U-TL', 'Welkom in casus TST-042: je bent toegevoegd als teamleider'],
    ]);
    for (const w of welcomes) {
      expect((w.payload as Message).text).toContain('/help');
      const post = all.find((r) => r.id === w.relatedId);
      expect((post?.payload as Message).title).toContain(`<@${w.userId}> is toegevoegd`);
    }
    // Adding someone who is in the case already: no second welcome.
    await h.say('U-GM', '/casus lid <@U-TL|Marloes Visser> teamleider');
    expect((await rows()).filter((r) => r.kind === 'direct')).toHaveLength(2);
  });

  it('files a signal with a Bevestigen button, and tells the gezinsmanager privately without the text', async () => {
    const reply = await h.say('U-HA', '/signaal veiligheid hoog vader dreigde bij overdracht');
    // One confirmation: the channel shows the signal, the reporter reads "Geplaatst" only.
    expect(reply.message).toEqual({ title: 'Geplaatst', tone: 'success' });
    expect((await h.postOf(reply)).title).toBe('Signaal S-1: veiligheid (hoog)');
    const all = await rows();
    const post = all.find((r) => r.kind === 'post' && (r.payload as Message).title.startsWith('Signaal S-1'))!;
    const m = post.payload as Message;
    expect(m.text).toBe('vader dreigde bij overdracht');
    expect(m.actions?.[0]).toMatchObject({ id: 'signal.ack', label: 'Bevestigen' });
    const dm = all.find((r) => r.kind === 'direct' && r.relatedId === post.id)!;
    expect(dm.userId).toBe('U-GM');
    expect(text(dm.payload as Message)).toContain('TST-042');
    expect(text(dm.payload as Message)).toContain('hoog');
    expect(text(dm.payload as Message)).not.toContain('dreigde');
    // The deadline (hoog: 4 hours after filing) and its own Bevestigen button for the same signal.
    const signal = (await first(h.app.db.q.select().from(signals).limit(1)))!;
    expect((dm.payload as Message).fields).toContainEqual({ label: 'Bevestigen vóór', value: `${formatMoment(new Date(signal.createdAt.getTime() + 4 * 3_600_000))} (termijn 4 uur)` });
    expect((dm.payload as Message).actions).toEqual([{ id: 'signal.ack', label: 'Bevestigen', value: String(signal.id), style: 'primary' }]);
  });

  it('only the gezinsmanager or teamleider may acknowledge; twice changes nothing', async () => {
    const signal = (await first(h.app.db.q.select().from(signals).limit(1)))!;
    const refused = await h.app.core.handleAction(h.ctx('U-HA'), 'signal.ack', String(signal.id));
    expect(refused.error).toBe(true);
    h.clock.advance(30 * 60_000);
    const ok = await h.app.core.handleAction(h.ctx('U-GM'), 'signal.ack', String(signal.id));
    expect(ok.message?.title).toBe('Signaal S-1 is bevestigd.');
    const count = (await rows()).length;
    const again = await h.app.core.handleAction(h.ctx('U-TL'), 'signal.ack', String(signal.id));
    expect(again.error).toBeFalsy();
    expect(again.message?.title).toContain('was al bevestigd door Sanne de Wit');
    expect((await rows()).length).toBe(count);
    const update = (await rows()).find((r) => r.kind === 'update' && r.relatedId === signal.messageId)!;
    const shown = text(update.payload as Message);
    expect(shown).toContain('Bevestigd door <@U-GM> op 02-03-2026 10:30');
    expect((update.payload as Message).actions).toBeUndefined();
  });

  it('keeps the card current: the acknowledged signal and who acknowledged it', async () => {
    const info = await h.say('U-GM', '/casus info');
    expect(text(info.message!)).toContain('S-1 veiligheid (hoog), gemeld door <@U-HA>, bevestigd door <@U-GM>');
  });

  it('scores safety and flags a low score', async () => {
    await h.say('U-GM', '/veiligheid actueel 7 blijvend 5');
    await h.say('U-GM', '/veiligheid actueel 5 blijvend 5 na incident');
    const posted = (await rows())
      .filter((r) => r.kind === 'post')
      .map((r) => r.payload as Message)
      .filter((m) => m.title === 'Veiligheid gescoord');
    expect(text(posted[1]!)).toContain('onder de 6');
    expect(text(posted[1]!)).toContain('2 of meer punten gedaald');
    const info = await h.say('U-GM', '/casus info');
    expect(text(info.message!)).toContain('actueel 5↓ · blijvend 5→');
  });

  it('records a referral with its waiting days, and the provider records its own start', async () => {
    await h.say('U-GM', '/inzet "Jeugdhulp Horizon" ha spic 7 verwezen 02-03-2026');
    h.clock.advance(10 * DAY);
    let info = await h.say('U-GM', '/casus info');
    expect(text(info.message!)).toContain('Jeugdhulp Horizon (HA, SPIC 7): wacht 10 dagen, start uiterlijk 30-03-2026');
    const start = await h.say('U-HA', '/inzet gestart "Jeugdhulp Horizon" vandaag');
    expect(start.error).toBeFalsy();
    info = await h.say('U-GM', '/casus info');
    expect(text(info.message!)).toContain('loopt sinds 12-03-2026 (na 10 dagen wachten)');
    // Six weeks after the start of help, the first overleg is due.
    expect(text(info.message!)).toContain('Volgend overleg: 23-04-2026');
  });

  it('plans and holds the overleg, and the agenda shows what the table needs', async () => {
    await h.say('U-GM', '/overleg gepland 20-04-2026 10:00');
    const agenda = await h.say('U-OA', '/overleg agenda');
    expect(agenda.error).toBe(true); // not a member
    const a = await h.say('U-TL', '/overleg agenda');
    expect(text(a.message!)).toContain('Gepland of verwacht op 20-04-2026');
    expect(text(a.message!)).toContain('S-1 veiligheid (hoog), bevestigd');
    h.clock.set(new Date('2026-04-20T12:00:00Z'));
    await h.say('U-GM', '/overleg gehouden vandaag school meldt verzuim wekelijks');
    const info = await h.say('U-GM', '/casus info');
    expect(text(info.message!)).toContain('Volgend overleg: 01-06-2026');
  });

  it('malformed input quotes the right form back and changes nothing', async () => {
    const count = (await rows()).length;
    const reply = await h.say('U-GM', '/veiligheid actueel 12 blijvend 5');
    expect(reply.error).toBe(true);
    expect(text(reply.message!)).toContain('/veiligheid actueel <0-10> blijvend <0-10>');
    expect((await rows()).length).toBe(count);
  });
});
