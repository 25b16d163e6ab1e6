import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock, MINUTE } from '../../src/clock.js';
import type { App } from '../../src/app.js';
import { local } from '../helpers/app.js';
import { startApp } from '../helpers/listen.js';
import { sandboxClient, textOf, type MessageView } from './helpers.js';

// Agreements, the overleg review form that adds them, a case's own rhythm, the
// plan check and the SPIC 11 start through the sandbox's JSON API (HTTP on
// loopback, the real core), on the clock: what each demo person sees in the
// channel and in their direct messages. Codes and texts are invented.

let app: App;
let clock: ManualClock;
let close: () => Promise<void>;
let api: ReturnType<typeof sandboxClient>;
let channel = '';

const posts = async (userId = 'U-GM') => (await api.messages(userId, channel)).filter((m) => m.kind === 'post');
const directs = async (userId: string) => (await api.messages(userId, 'direct')).filter((m) => m.kind === 'direct');
const titles = (list: MessageView[]) => list.map((m) => m.message?.title ?? '');

async function run(userId: string, text: string) {
  const res = await api.command(userId, channel, text);
  await app.flush();
  return res.reply;
}

/** The channel post a "Geplaatst" answer confirms. */
async function runPosted(userId: string, text: string) {
  const res = await api.command(userId, channel, text);
  await app.flush();
  expect(res.reply.message?.title).toBe('Geplaatst');
  return { reply: res.reply, post: await api.postOf(userId, channel, res) };
}

/** Steps the clock to `at`, sweeping and delivering after each step. */
async function until(at: string, step: number): Promise<void> {
  const target = local(at).getTime();
  while (clock.now().getTime() < target) {
    clock.set(new Date(Math.min(clock.now().getTime() + step, target)));
    const report = await app.scheduler.sweep();
    if (report.delivered.length) await app.flush();
  }
}

beforeAll(async () => {
  clock = new ManualClock(local('2026-03-02 10:00'));
  const started = await startApp({ prefix: 'sandbox-afspraak', clock });
  app = started.app;
  close = started.close;
  api = sandboxClient(started.base);
  const created = await api.command('U-GM', 'C-algemeen', '/casus nieuw AFS-971 afspraken');
  channel = created.switchTo!;
  await run('U-GM', '/casus lid @Joris hoofdaannemer');
  await run('U-GM', '/casus lid @Fatima onderaannemer');
  await run('U-GM', '/casus lid @Marloes teamleider');
});

afterAll(async () => {
  await close?.();
});

// Days of sweeps: on PostgreSQL each sweep is a dozen round trips, so these take longer than the default 30 s.
describe('agreements and the rhythm in the sandbox', () => {
  it('records an agreement typed with @Fatima; the card counts it; /inzet says the plan is empty', async () => {
    const made = await runPosted('U-GM', '/afspraak @Fatima 04-03-2026 plant de huisbezoeken');
    expect(made.reply.error).toBe(false);
    expect(made.reply.message?.text).toBe("De eigenaar krijgt op 04-03-2026 's ochtends een herinnering.");
    expect(made.post.title).toBe('Afspraak A-1: <@U-OA>, uiterlijk 04-03-2026');
    expect(textOf((await posts()).find((m) => m.message?.title.startsWith('Afspraak A-1'))?.message)).toContain(
      'Afspraak A-1: @Fatima El Amrani, uiterlijk 04-03-2026\nplant de huisbezoeken',
    );
    expect(textOf((await posts()).find((m) => m.pinned)?.message)).toContain('Afspraken: 1 open');
    const inzet = await run('U-GM', '/inzet Horizon ha spic 7 verwezen vandaag');
    expect(inzet.message?.text).toContain('het gezinsplan heeft nog geen resultaten');
  }, 90_000);

  it('the review form adds an agreement made at the table', async () => {
    await run('U-GM', '/casus fase ondersteunen');
    const opened = await run('U-GM', '/overleg gehouden vandaag');
    expect(opened.form?.fields.map((f) => f.name)).toContain('a1-wie');
    const { status, body } = await api.post('form', {
      userId: 'U-GM',
      channelId: channel,
      formId: 'overleg',
      values: { datum: '2026-03-02', besluiten: 'Start besproken', 'a1-wie': 'U-HA', 'a1-datum': '2026-03-09', 'a1-tekst': 'belt de school' },
    });
    expect(status).toBe(200);
    expect(body.reply.error).toBe(false);
    await app.flush();
    const held = (await posts()).find((m) => m.message?.title.startsWith('Uitvoerdersoverleg gehouden'));
    expect(textOf(held?.message)).toContain('Afspraken gemaakt: A-2 @Joris Bakker, uiterlijk 09-03-2026: belt de school (open)');
  }, 90_000);

  it('sets the rhythm; the agenda lists the open agreements with owner and date', async () => {
    expect((await runPosted('U-GM', '/overleg ritme 2')).post.title).toBe('Het uitvoerdersoverleg van deze casus is voortaan elke 2 weken');
    expect(textOf((await posts()).find((m) => m.pinned)?.message)).toContain('Volgend overleg: 16-03-2026 (elke 2 weken)');
    const agenda = textOf((await run('U-OA', '/overleg agenda')).message);
    expect(agenda).toContain('Open afspraken: A-1 @Fatima El Amrani, uiterlijk 04-03-2026: plant de huisbezoeken (open)\nA-2 @Joris Bakker, uiterlijk 09-03-2026: belt de school (open)');
  }, 90_000);

  it('a SPIC 11 referral alerts after 24 and 48 hours', async () => {
    expect((await run('U-GM', '/inzet Crisisteam oa spic 11 verwezen vandaag')).message?.text).toContain('uiterlijk 03-03-2026 10:00');
    await until('2026-03-03 10:00', 15 * MINUTE);
    expect(titles(await posts()).filter((t) => t.includes('SPIC 11:'))).toEqual(['SPIC 11: Crisisteam is na 24 uur niet gestart']);
    expect(titles(await directs('U-GM'))).toContain('Casus AFS-971: SPIC 11 na 24 uur niet gestart');
    expect(titles(await directs('U-HA'))).toContain('Casus AFS-971: SPIC 11 na 24 uur niet gestart');
    await until('2026-03-04 10:00', 15 * MINUTE);
    expect(titles(await directs('U-TL')).filter((t) => !t.startsWith('Welkom'))).toEqual(['Casus AFS-971: SPIC 11 na 48 uur niet gestart']);
    await run('U-GM', '/inzet gestart Crisisteam');
  }, 90_000);

  it('the owner finds the reminder in their direct messages with the code and A-n only; the channel hears when it is late; klaar ends it', async () => {
    await until('2026-03-04 12:00', HOUR);
    const dm = (await directs('U-OA')).filter((m) => m.message?.title.includes('afspraak'));
    expect(titles(dm)).toEqual(['Herinnering: afspraak A-1 in casus AFS-971 staat voor vandaag']);
    expect(textOf(dm[0]!.message)).not.toContain('huisbezoek');
    await until('2026-03-06 12:00', HOUR);
    const late = (await posts()).filter((m) => m.message?.title.includes('werkdagen'));
    expect(titles(late)).toEqual(['Afspraak A-1 is 2 werkdagen over de datum']);
    expect(textOf(late[0]!.message)).toContain('@Fatima El Amrani @Sanne de Wit afspraak A-1 had op 04-03-2026 klaar moeten zijn');
    expect((await runPosted('U-OA', '/afspraak klaar A-1 gepland voor volgende week')).post.title).toMatch(/A-1/);
    expect(textOf((await posts()).find((m) => m.pinned)?.message)).toContain('Afspraken: 1 open');
    await until('2026-03-12 12:00', 6 * HOUR);
    expect(titles((await directs('U-OA')).filter((m) => m.message?.title.includes('afspraak')))).toHaveLength(1);
    expect(titles(await directs('U-HA')).filter((t) => t.includes('afspraak A-2'))).toEqual(['Herinnering: afspraak A-2 in casus AFS-971 staat voor vandaag']);
  }, 90_000);
});
