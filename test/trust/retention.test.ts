import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { first } from '../../db/connection.js';
import { auditLog, cases, outbox, signals } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { eraseExpiredCases } from '../../src/cases/retention.js';
import { DAY, ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { archiveRule } from '../../src/casefile/scheduled.js';
import { coreHarness, type CoreHarness } from '../core/harness.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { local } from '../helpers/app.js';
import { activityText, channel, startTeams, users, type TeamsRig } from '../teams/harness.js';
import { storedText, testDatabaseUrl } from '../helpers/database.js';
import { sandboxClient, textOf } from '../sandbox/helpers.js';
import { lineSink } from '../helpers/logs.js';

// RETENTION_DAYS after closure the free text of a case is erased; counts,
// dates and the audit log stay. Codes and texts are invented.

describe('retention', () => {
  let h: CoreHarness;
  const secretText = 'oom komt weer over de vloer bij de kinderen';
  beforeAll(async () => {
    h = await coreHarness({ env: { RETENTION_DAYS: '30' } });
    await h.say('U-GM', '/casus nieuw RET-001 gezin met een titel');
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    await h.say('U-HA', `/signaal zorg normaal ${secretText}`);
    await h.say('U-GM', '/signaal bevestig S-1 besproken met moeder');
    await h.say('U-GM', '/resultaat nieuw veilige slaapplek voor de kinderen');
    await h.say('U-GM', '/overleg gehouden vandaag afspraak met oom over bezoek');
    await h.say('U-GM', '/casus afsluiten bevestig gezin verhuisd');
    await h.say('U-GM', '/casus nieuw RET-002 blijft open', 'C-OTHER');
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps everything until the retention period has passed', async () => {
    expect(await eraseExpiredCases(h.app.db, new Date(h.clock.now().getTime() + 29 * DAY), 30)).toEqual([]);
    expect((await first(h.app.db.q.select().from(signals).limit(1)))?.text).toBe(secretText);
  });

  it('then erases the free text, keeps counts, dates and the audit log, and does it once', async () => {
    const later = new Date(h.clock.now().getTime() + 31 * DAY);
    expect(await eraseExpiredCases(h.app.db, later, 30)).toEqual(['RET-001']);
    expect(await eraseExpiredCases(h.app.db, later, 30)).toEqual([]);
    const signal = (await first(h.app.db.q.select().from(signals).limit(1)))!;
    expect(signal.text).toBe('[gewist]');
    expect(signal.ackResponse).toBeNull();
    expect(signal.ackAt).not.toBeNull();
    expect(signal.kind).toBe('zorg');
    const kase = (await h.app.db.q.select().from(cases)).find((c) => c.code === 'RET-001')!;
    expect(kase.title).toBeNull();
    expect(kase.closedAt).not.toBeNull();
    expect((await h.app.db.q.select().from(cases)).find((c) => c.code === 'RET-002')?.title).toBe('blijft open');
    const actions = (await h.app.db.q.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['signaal.gemeld', 'signaal.bevestigd', 'casus.afgesloten', 'casus.gewist']));
  });

  it('leaves none of the text in the database', async () => {
    const raw = await storedText(h.dbUrl);
    for (const text of [secretText, 'besproken met moeder', 'veilige slaapplek', 'afspraak met oom', 'gezin met een titel', 'gezin verhuisd']) {
      expect(raw).not.toContain(text);
    }
  });
});

// Retention reaches the platform: the bot's own posts, direct messages and the
// export file are deleted in Slack, the pinned card becomes a notice without
// content, and the channel is archived; each exactly once, across a restart.

const slackSecret = 'test-signing-secret-retention-0123456789';
const sgm: SimUser = { id: 'U0GM00901', name: 'gezinsmanager.test' };
const sha: SimUser = { id: 'U0HA00901', name: 'trajectbegeleider.test' };
const stl: SimUser = { id: 'U0TL00901', name: 'teamleider.test' };
const slackSecretText = 'vader slaapt weer in de auto voor het huis';
const notice = (code: string) => `Casus ${code} is gesloten; de inhoud is verwijderd na de bewaartermijn.`;
const retentionMethods = ['chat.delete', 'files.delete', 'conversations.archive', 'chat.update'];

describe('retention on Slack', () => {
  let fake: FakeSlackApi;
  let app: App;
  let sim: SlackSim;
  let clock: ManualClock;
  let dir: string;
  let base: string;
  let caseChannel: string;
  let otherChannel: string;
  const logs: string[] = [];

  const build = async (): Promise<App> => {
    const sink = lineSink(logs);
    const built = await buildApp({
      settings: loadSettings({
        DATABASE_URL: testDatabaseUrl(dir),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: slackSecret,
        SLACK_API_URL: fake.apiUrl,
        RETENTION_DAYS: '30',
        ARCHIVE_AFTER_DAYS: '30',
      }),
      clock,
      log: createLogger('debug', sink),
      senderIntervalMs: 0,
    });
    base = await built.listen(0, '127.0.0.1');
    sim = new SlackSim(`${base}/slack/events`, slackSecret, fake);
    return built;
  };
  const run = async (user: SimUser, channel: string, command: string, text: string) => {
    const res = await sim.command(user, channel, command, text);
    expect(res.status).toBe(200);
    await (app.adapters.get('slack') as SlackAdapter).settled();
    await app.flush();
  };
  const sweepAt = async (at: Date) => {
    clock.set(at);
    await app.scheduler.sweep();
    await app.flush();
  };
  const newCase = async (code: string): Promise<string> => {
    await run(sgm, general, '/casus', `nieuw ${code}`);
    const channel = (await caseByCode(app.db.q, code))!.conversationId!;
    await run(sgm, channel, '/casus', `lid <@${sha.id}|${sha.name}> hoofdaannemer`);
    await run(sgm, channel, '/casus', `lid <@${stl.id}|${stl.name}> teamleider`);
    await run(sha, channel, '/signaal', `zorg hoog ${slackSecretText}`);
    return channel;
  };
  const directMessages = () => [...fake.messages.values()].filter((m) => m.channel.startsWith('D'));
  const health = async () => (await (await fetch(`${base}/healthz`)).json()) as { retention: { pending: number; undeletable: number } };
  let general: string;
  let closedAt: Date;

  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    dir = mkdtempSync(join(tmpdir(), 'regiebot-retention-slack-'));
    clock = new ManualClock(local('2026-03-02 10:00'));
    app = await build();
    general = fake.createChannel('algemeen', false, [sgm.id, sha.id, stl.id]);
    caseChannel = await newCase('RET-901');
    await run(sgm, caseChannel, '/veiligheid', 'actueel 4 blijvend 3');
    clock.set(new Date(clock.now().getTime() + DAY));
    await run(sgm, caseChannel, '/veiligheid', 'actueel 6 blijvend 4');
    await run(sgm, caseChannel, '/veiligheid', 'grafiek');
    await run(sgm, caseChannel, '/casus', 'export');
    closedAt = clock.now();
    await run(sgm, caseChannel, '/casus', 'afsluiten bevestig gezin verhuisd');
    clock.set(new Date(closedAt.getTime() + 5 * DAY));
    otherChannel = await newCase('RET-902');
    await run(sgm, otherChannel, '/casus', 'afsluiten bevestig gezin verhuisd');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('before the retention period, the posts, direct messages and the export file are all there', async () => {
    expect(fake.messagesIn(caseChannel).length).toBeGreaterThanOrEqual(4);
    expect(fake.messagesIn(caseChannel).some((m) => m.text.includes(slackSecretText))).toBe(true);
    expect(directMessages().length).toBeGreaterThan(0);
    // The export file, and the safety chart in the thread of its message.
    expect([...fake.files.values()].filter((f) => f.channel === caseChannel).map((f) => f.filename.split('-')[0])).toEqual(['veiligheid', 'casus']);
    fake.reset();
    await sweepAt(new Date(closedAt.getTime() + 29 * DAY));
    expect(fake.calls.filter((c) => retentionMethods.includes(c.method))).toEqual([]);
    expect(fake.channels.get(caseChannel)!.is_archived).toBeFalsy();
  });

  it('after it, deletes every post, direct message and file of the case, leaves the pinned card as a notice without content, then archives the channel', async () => {
    const posted = fake.messagesIn(caseChannel);
    const card = posted.find((m) => fake.pins.has(`${caseChannel}/${m.ts}`))!;
    const dmsBefore = directMessages().length;
    expect(JSON.stringify(card.blocks)).toContain('hoofdaannemer');
    fake.reset();
    // Slack slows the first deletion down for a minute: the archive waits for it.
    fake.rateLimitNext('chat.delete', 60);
    await sweepAt(new Date(closedAt.getTime() + 31 * DAY));
    expect(fake.callsOf('conversations.archive')).toEqual([]);
    expect(fake.channels.get(caseChannel)!.is_archived).toBeFalsy();
    expect(await health()).toMatchObject({ retention: { pending: 2, undeletable: 0 } });
    clock.set(new Date(clock.now().getTime() + 61_000));
    await app.flush();

    expect(fake.messagesIn(caseChannel).map((m) => m.ts)).toEqual([card.ts]);
    expect(fake.message(caseChannel, card.ts)!.text).toContain(notice('RET-901'));
    expect(JSON.stringify(fake.message(caseChannel, card.ts)!.blocks)).not.toContain('hoofdaannemer');
    expect(fake.pins.has(`${caseChannel}/${card.ts}`)).toBe(true);
    expect([...fake.files.values()].filter((f) => f.channel === caseChannel)).toEqual([]);
    expect(fake.callsOf('files.delete')).toHaveLength(2);
    // The other case's direct messages are still within their period.
    expect(directMessages().length).toBeLessThan(dmsBefore);
    expect(directMessages().length).toBeGreaterThan(0);
    // One chat.delete more than messages: the rate-limited one, tried again.
    expect(fake.callsOf('chat.delete').length - 1 + fake.callsOf('files.delete').length).toBe(posted.length - 1 + dmsBefore - directMessages().length);

    expect(fake.channels.get(caseChannel)!.is_archived).toBe(true);
    expect(fake.channels.get(otherChannel)!.is_archived).toBeFalsy();
    // Deleting and replacing come first: an archived channel takes no more changes.
    const archive = fake.callsOf('conversations.archive');
    expect(archive.map((c) => c.args.channel)).toEqual([caseChannel]);
    for (const c of [...fake.callsOf('chat.delete'), ...fake.callsOf('files.delete'), ...fake.callsOf('chat.update')]) expect(c.seq).toBeLessThan(archive[0]!.seq);
    expect(await health()).toMatchObject({ retention: { pending: 0, undeletable: 0 } });
  });

  it('does it once: another sweep and a restart change nothing on Slack', async () => {
    fake.reset();
    await sweepAt(new Date(closedAt.getTime() + 32 * DAY));
    await app.close();
    app = await build();
    await sweepAt(new Date(closedAt.getTime() + 33 * DAY));
    expect(fake.calls.filter((c) => retentionMethods.includes(c.method))).toEqual([]);
  });

  it('reports what Slack refused to delete, by id only, in the log and in /healthz; a rate limit only delays', async () => {
    const before = fake.messagesIn(otherChannel).length;
    // The first deletion is slowed down once, then refused for good.
    fake.rateLimitNext('chat.delete', 0);
    fake.failNext('chat.delete', 'cant_delete_message');
    logs.length = 0;
    await sweepAt(new Date(closedAt.getTime() + 37 * DAY));
    // One message stays (refused once, not retried), the card is the notice, the rest is gone.
    // Conversations are delivered to side by side, so the refused one is a
    // channel post or a direct message, whichever Slack answered second.
    expect(fake.messagesIn(otherChannel).length + directMessages().length).toBe(2);
    expect(before).toBeGreaterThan(2);
    expect(fake.callsOf('chat.delete').filter((c) => c.args.channel === otherChannel || String(c.args.channel).startsWith('D')).length).toBeGreaterThan(1);
    expect(fake.channels.get(otherChannel)!.is_archived).toBe(true);
    expect(await health()).toMatchObject({ retention: { pending: 0, undeletable: 1 } });
    const [limited, ...later] = fake.callsOf('chat.delete');
    expect(later.filter((c) => JSON.stringify(c.args) === JSON.stringify(limited!.args))).toHaveLength(1);
    const refused = logs.filter((l) => l.includes('niet verwijderd'));
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!)).toMatchObject({ outboxId: expect.any(Number), relatedId: expect.any(Number), error: 'cant_delete_message' });
    expect(logs.join('\n')).not.toContain(slackSecretText);
  });
});

describe('retention on Teams', () => {
  let rig: TeamsRig;
  let closedAt: Date;
  const teamsSecretText = 'oom slaapt weer op de bank bij de kinderen';
  const second = { ...channel, id: '19:casus-kanaal-twee@thread.tacv2' };
  const topLevel = (conv = channel) => rig.connector.messagesIn(conv.id).filter((a) => a.conversationId === conv.id);
  const personal = () => [...rig.connector.activities.values()].filter((a) => a.conversationId.startsWith('a:personal'));
  const say = async (user: (typeof users)[keyof typeof users], text: string, mentions?: Array<(typeof users)[keyof typeof users]>, conv = channel) => {
    const res = await rig.sim.message(user, conv, text, mentions ? { mentions } : {});
    expect(res.status).toBe(200);
    await rig.app.flush();
  };

  beforeAll(async () => {
    rig = await startTeams({ env: { RETENTION_DAYS: '30' }, clock: new ManualClock(new Date('2026-03-02T09:00:00Z')) });
    await say(users.gm, 'casus nieuw RET-911 Testgezin');
    await say(users.gm, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha]);
    await say(users.ha, `signaal zorg hoog ${teamsSecretText}`);
    closedAt = rig.clock.now();
    await say(users.gm, 'casus afsluiten bevestig gezin verhuisd');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('deletes the posts and direct messages the bot sent for the case, and leaves the card as a notice without content', async () => {
    const posts = topLevel();
    const card = posts[0]!;
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(posts.some((a) => activityText(a).includes(teamsSecretText))).toBe(true);
    const dms = personal();
    expect(dms.length).toBeGreaterThan(0);
    rig.clock.set(new Date(closedAt.getTime() + 29 * DAY));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    expect(rig.connector.callsOf('delete')).toEqual([]);

    rig.connector.reset();
    rig.clock.set(new Date(closedAt.getTime() + 31 * DAY));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const deletes = rig.connector.callsOf('delete');
    expect(deletes.every((c) => c.status === 200)).toBe(true);
    expect(deletes.map((c) => c.activityId).sort()).toEqual([...posts.slice(1), ...dms].map((a) => a.id).sort());
    expect(topLevel().map((a) => a.id)).toEqual([card.id]);
    expect(activityText(topLevel()[0])).toContain(notice('RET-911'));
    expect(activityText(topLevel()[0])).not.toContain(users.gm.name);
    expect(personal()).toEqual([]);
    expect((await (await fetch(`${rig.base}/healthz`)).json()) as object).toMatchObject({ retention: { pending: 0, undeletable: 0 } });

    rig.connector.reset();
    rig.clock.set(new Date(closedAt.getTime() + 32 * DAY));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    expect(rig.connector.callsOf('delete')).toEqual([]);
    expect(rig.connector.callsOf('update')).toEqual([]);
  });

  it('counts a delete Teams refuses as undeletable, once, and deletes the rest', async () => {
    const start = rig.clock.now();
    await say(users.gm, 'casus nieuw RET-912 Testgezin', undefined, second);
    await say(users.gm, `casus lid @${users.ha.name} hoofdaannemer`, [users.ha], second);
    await say(users.ha, `signaal zorg hoog ${teamsSecretText}`, undefined, second);
    await say(users.gm, 'casus afsluiten bevestig gezin verhuisd', undefined, second);
    const posts = topLevel(second);
    expect(posts.length).toBeGreaterThan(2);
    rig.connector.reset();
    rig.connector.refuseNextDelete(403);
    rig.clock.set(new Date(start.getTime() + 31 * DAY));
    await rig.app.scheduler.sweep();
    await rig.app.flush();
    const deletes = rig.connector.callsOf('delete');
    // The first is refused and not tried again; the others go.
    expect(deletes.map((c) => c.status)).toEqual([403, ...deletes.slice(1).map(() => 200)]);
    expect(new Set(deletes.map((c) => c.activityId)).size).toBe(deletes.length);
    // Deletes run concurrently across conversations: the refused one may be in this case's channel or in one an
    // earlier test left to retention. It stays; every other is gone.
    const stays = (d: (typeof deletes)[number]) => rig.connector.messagesIn(d.conversationId ?? '').some((a) => a.id === d.activityId);
    expect(stays(deletes[0]!)).toBe(true);
    expect(deletes.slice(1).filter(stays)).toEqual([]);
    expect(topLevel(second).map((a) => a.id)).toEqual([posts[0]!.id, ...(topLevel(second).some((a) => a.id === deletes[0]!.activityId) ? [deletes[0]!.activityId] : [])]);
    expect(activityText(topLevel(second)[0])).toContain(notice('RET-912'));
    expect((await (await fetch(`${rig.base}/healthz`)).json()) as object).toMatchObject({ retention: { pending: 0, undeletable: 1 } });
  });
});

describe('retention in the sandbox', () => {
  let app: App;
  let dir: string;
  let api: ReturnType<typeof sandboxClient>;
  let caseChannel = '';
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const sandboxSecretText = 'de buren horen weer geschreeuw in de nacht';
  const botPosts = async () => (await api.messages('U-GM', caseChannel)).filter((m) => m.kind === 'post');
  const directs = async () => (await api.messages('U-GM', 'direct')).filter((m) => m.kind === 'direct');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-retention-sandbox-'));
    app = await buildApp({
      settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), LOG_LEVEL: 'silent', RETENTION_DAYS: '30' }),
      clock,
      senderIntervalMs: 0,
    });
    api = sandboxClient(await app.listen(0, '127.0.0.1'));
    const made = await api.command('U-GM', 'C-algemeen', '/casus nieuw RET-921');
    caseChannel = made.switchTo!;
    await api.command('U-GM', caseChannel, '/casus lid <@U-HA> hoofdaannemer');
    await api.command('U-HA', caseChannel, `/signaal zorg hoog ${sandboxSecretText}`);
    await api.command('U-GM', caseChannel, '/casus afsluiten bevestig gezin verhuisd');
    await app.flush();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes the bot posts and direct messages of the case, and the card says only that the case is closed', async () => {
    const before = await botPosts();
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.some((m) => textOf(m.message).includes(sandboxSecretText))).toBe(true);
    expect((await directs()).length).toBeGreaterThan(0);
    clock.set(new Date(clock.now().getTime() + 31 * DAY));
    await app.scheduler.sweep();
    await app.flush();
    const after = await botPosts();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ pinned: true, id: before.find((m) => m.pinned)!.id });
    expect(textOf(after[0]!.message).trim()).toBe(notice('RET-921'));
    expect(await directs()).toEqual([]);
  });
});

describe('ARCHIVE_AFTER_DAYS', () => {
  it('defaults to 30, takes 0 for never, and refuses anything else with a Dutch line', () => {
    expect(loadSettings({}).ARCHIVE_AFTER_DAYS).toBe(30);
    expect(loadSettings({ ARCHIVE_AFTER_DAYS: '0' }).ARCHIVE_AFTER_DAYS).toBe(0);
    for (const bad of ['-1', 'dertig', '1.5']) {
      expect(() => loadSettings({ ARCHIVE_AFTER_DAYS: bad })).toThrow('Instelling ARCHIVE_AFTER_DAYS is ongeldig: verwacht een geheel aantal dagen, 0 of meer (0 is nooit).');
    }
  });

  const archiveRows = async (h: CoreHarness) => (await h.app.db.q.select().from(outbox)).filter((r) => r.kind === 'archive');
  const closedSlackCase = async (archiveAfter: string) => {
    const h = await coreHarness({ platform: 'slack', env: { ARCHIVE_AFTER_DAYS: archiveAfter, RETENTION_DAYS: '3650' } });
    expect((await h.say('U-GM', '/casus nieuw ARC-931', 'C0ARCHIVE1')).error).toBeFalsy();
    expect((await h.say('U-GM', '/casus afsluiten bevestig doelen behaald', 'C0ARCHIVE1')).error).toBeFalsy();
    return h;
  };
  const sweepAfter = async (h: CoreHarness, days: number) => {
    h.clock.set(new Date(h.clock.now().getTime() + days * DAY));
    await h.app.scheduler.sweep();
  };

  it('queues the archive of a closed Slack case channel once, when the days have passed', async () => {
    const h = await closedSlackCase('10');
    try {
      await sweepAfter(h, 9);
      expect(await archiveRows(h)).toEqual([]);
      await sweepAfter(h, 2);
      await sweepAfter(h, 1);
      expect((await archiveRows(h)).map((r) => [r.platform, r.conversationId])).toEqual([['slack', 'C0ARCHIVE1']]);
      // Once archived, the case is not even read again (the query leaves it out).
      expect(await archiveRule.due(h.app.db.q, h.clock.now(), h.app.settings, {})).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('never archives with 0', async () => {
    const h = await closedSlackCase('0');
    try {
      await sweepAfter(h, 1000);
      expect(await archiveRows(h)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
