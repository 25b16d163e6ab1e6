import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { outbox } from '../../db/schema.js';
import type { Message, Reply } from '../../src/kernel/message.js';
import { local } from '../helpers/app.js';
import { mentionOf } from '../helpers/people.js';
import { coreHarness, type CoreHarness } from './harness.js';

// Small things from issue 22, through the core: an escalation filed today is
// "open sinds vandaag", not "0 dagen"; /help says who may use each form;
// /signaal lijst lists what is open; the gezinsmanager need not acknowledge
// her own signal; the agenda's new signals count from the overleg's moment.

const allText = (r: Reply) =>
  [r.message?.title, r.message?.text, ...(r.message?.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(r.message?.lines ?? [])].join('\n');

describe('small things', () => {
  let h: CoreHarness;

  beforeAll(async () => {
    h = await coreHarness({ start: new Date('2026-03-02T09:00:00Z') });
    await h.say('U-GM', '/casus nieuw KLN-101 klein');
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    await h.say('U-GM', '/team koppel Noord', 'C-TEAM');
    await h.say('U-GM', '/casus team Noord');
  });
  afterAll(async () => {
    await h.close();
  });

  it('an escalation filed today is open since today, in the card and the digest', async () => {
    const filed = await h.say('U-HA', '/escalatie hulp cursus past niet bij vader');
    expect(filed.error ?? false).toBe(false);
    const card = allText(await h.say('U-GM', '/casus info'));
    expect(card).toContain('open sinds vandaag');
    expect(card).not.toContain('0 dagen');
    const digest = allText(await h.say('U-GM', '/digest', 'C-TEAM'));
    expect(digest).toContain('escalatie E-1 open sinds vandaag');
    expect(digest).not.toContain('0 dagen');

    h.clock.set(new Date('2026-03-03T09:00:00Z'));
    expect(allText(await h.say('U-GM', '/casus info'))).toContain('open sinds 1 dag');
  });

  it('/signaal lijst lists the open signals and only names the closed ones', async () => {
    await h.say('U-HA', '/signaal zorg normaal Afspraak met school gemist');
    await h.say('U-HA', '/signaal stagnatie hoog Wachtlijst loopt op');
    await h.say('U-GM', '/signaal sluit S-1 opgelost met school');
    const list = await h.say('U-GM', '/signaal lijst');
    const lines = list.message?.lines ?? [];
    expect(lines.filter((l) => /^S-\d/.test(l)).map((l) => l.split(' ')[0])).toEqual(['S-2']);
    expect(lines.at(-1)).toBe('Gesloten: S-1.');

    await h.say('U-GM', '/signaal sluit S-2 wachtlijst opgelost');
    const none = await h.say('U-GM', '/signaal lijst');
    expect(none.message?.text).toBe('Geen open signalen.');
    expect(none.message?.lines).toEqual(['Gesloten: S-1, S-2.']);
  });

  it.each([
    ['/signaal bevestig S-99', 'Signaal S-99 bestaat niet in deze casus.'],
    ['/resultaat voortgang R-99 achter wachtlijst', 'R-99'],
  ])('%s: the refusal says its reason once, not in the title and again in the body', async (line, reason) => {
    const r = await h.say('U-GM', line);
    expect(r.error).toBe(true);
    const { title, text = '' } = r.message!;
    expect(text).toContain(reason);
    expect(title).not.toContain(reason);
    expect(text.startsWith(title)).toBe(false);
  });

  it('/help <command> says who may use each form', async () => {
    const help = await h.say('U-OA', '/help signaal');
    const lines = help.message?.lines ?? [];
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/ Voor: [^.]+\. Voorbeeld: /);
    expect(lines.find((l) => l.startsWith('/signaal bevestig'))).toMatch(/Voor: gezinsmanager/);
    expect(lines.find((l) => l.startsWith('/signaal lijst'))).toMatch(/Voor: leden van de casus/);
  });
});

describe('small things: the gezinsmanager and the overleg', () => {
  let h: CoreHarness;
  const must = async (user: string, line: string) => {
    const r = await h.say(user, line);
    expect(r.error, `${line}: ${r.message?.text ?? r.message?.title}`).toBeFalsy();
    return r;
  };
  const rows = async () => h.app.db.q.select().from(outbox).orderBy(asc(outbox.id));
  const fieldOf = (r: Reply, label: string) => r.message?.fields?.find((f) => f.label === label)?.value ?? '';

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Amsterdam.
    h = await coreHarness({ start: local('2026-03-02 09:00') });
    await must('U-GM', '/casus nieuw KLN-202 klein');
    await must('U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`);
    await must('U-GM', `/casus lid ${mentionOf('U-TL')} teamleider`);
  });
  afterAll(async () => {
    await h.close();
  });

  it('a signal the gezinsmanager files herself counts as acknowledged by her: no button, no reminder, no escalation; card and timeline say so', async () => {
    await must('U-GM', '/signaal zorg hoog vader belt niet terug');
    await must('U-HA', '/signaal zorg hoog moeder mist afspraak');
    const posts = (await rows()).filter((r) => r.kind === 'post').map((r) => r.payload as Message);
    const own = posts.find((m) => m.title.startsWith('Signaal S-1'))!;
    const theirs = posts.find((m) => m.title.startsWith('Signaal S-2'))!;
    expect(own.actions ?? []).toEqual([]);
    expect(own.lines).toContain('Gemeld door de gezinsmanager zelf: geldt als bevestigd.');
    expect(theirs.actions?.map((a) => a.id)).toEqual(['signal.ack']);

    const card = fieldOf(await must('U-GM', '/casus info'), 'Open signalen').split('\n');
    expect(card.find((l) => l.startsWith('S-1'))).toContain('gemeld door de gezinsmanager zelf, dus bevestigd');
    expect(card.find((l) => l.startsWith('S-2'))).toContain('niet bevestigd');
    const timeline = (await must('U-GM', '/casus tijdlijn')).message?.lines?.join('\n') ?? '';
    expect(timeline).toContain('Signaal S-1 geldt als bevestigd: Sanne de Wit meldde het als gezinsmanager');
    expect((await h.say('U-GM', '/signaal bevestig S-1')).message?.title).toMatch(/S-1 was al bevestigd/);

    // Past twice the 'hoog' deadline (4 h): only the other signal is reminded and escalated.
    const before = (await rows()).length;
    h.clock.set(local('2026-03-02 17:30'));
    await h.app.scheduler.sweep();
    const sent = (await rows()).slice(before).map((r) => JSON.stringify(r.payload));
    expect(sent.some((p) => p.includes('S-2'))).toBe(true);
    expect(sent.filter((p) => p.includes('S-1'))).toEqual([]);
  });

  it("the agenda's signals since the last overleg include those filed later on its day", async () => {
    h.clock.set(local('2026-03-09 09:00'));
    await must('U-HA', '/signaal stagnatie normaal wachtlijst ochtend');
    h.clock.set(local('2026-03-09 11:00'));
    await must('U-GM', '/overleg gehouden vandaag HA start met gezinsbegeleiding');
    h.clock.set(local('2026-03-09 15:00'));
    await must('U-HA', '/signaal zorg normaal school belt middag');
    const agenda = await must('U-GM', '/overleg agenda');
    const fresh = fieldOf(agenda, 'Signalen sinds het vorige overleg');
    expect(fresh).toContain('S-4');
    expect(fresh).not.toContain('S-3');
    expect(fieldOf(agenda, 'Open signalen')).toContain('S-3');

    // A planned overleg held on its day counts from its planned time.
    await must('U-GM', '/overleg gepland 16-03-2026 10:00');
    h.clock.set(local('2026-03-16 09:30'));
    await must('U-HA', '/signaal zorg laag voor het overleg');
    h.clock.set(local('2026-03-16 10:30'));
    await must('U-HA', '/signaal zorg laag tijdens het overleg');
    h.clock.set(local('2026-03-16 16:00'));
    await must('U-GM', '/overleg gehouden vandaag evaluatie over zes weken');
    const later = fieldOf(await must('U-GM', '/overleg agenda'), 'Signalen sinds het vorige overleg');
    expect(later).toContain('S-6');
    expect(later).not.toContain('S-5');
  });
});
