/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/actors.js';
import type { SimResponse, SimUser } from '../fakes/slack-sign.js';
import { startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// The largest realistic case through Slack: 50 open signals, 50 results of
// 4,000 characters, 10 referrals. Every payload must pass the strict fake
// (test/fakes/slack-rules.ts) and still be of use: what does not fit says how
// many more there are and which command shows them. Codes and texts are invented.

const gm: SimUser = { id: 'U0GM00050', name: 'gezinsmanager.test' };
const tl: SimUser = { id: 'U0TL00050', name: 'teamleider.test' };
const code = 'TST-350';
/** 50 signals and 50 results; LARGEST_N=5 for a quick look while changing a renderer. */
const N = Number(process.env.LARGEST_N ?? 50);

let rig: SlackApp;
let caseChannel: string;
let teamChannel: string;

async function settle(): Promise<void> {
  await rig.slack.settled();
  await rig.app.flush();
}

async function command(user: SimUser, channel: string, cmd: string, text: string): Promise<SimResponse> {
  const res = await rig.sim.command(user, channel, cmd, text);
  await settle();
  expect(res.status).toBe(200);
  return res;
}

/** Seeds through the core directly: what is under test is what Slack is sent afterwards. */
async function say(text: string): Promise<void> {
  const ctx: Context = { actor: { platform: 'slack', userId: gm.id, displayName: gm.name }, conversationId: caseChannel, now: rig.clock.now() };
  const reply = await rig.app.core.handleText(ctx, text);
  expect(reply.error ?? false, `${text.slice(0, 60)}: ${reply.message?.title ?? ''} ${reply.message?.text ?? ''}`).toBe(false);
}

/** A result text of exactly 4,000 characters, with an emoji near each cut a renderer might make. */
function longText(n: number): string {
  const head = `R${n} doel: het kind gaat elke schooldag naar school en de ouders houden zich aan de afspraken 👨‍👩‍👧 `;
  return (head + 'toelichting met details over het verloop van het plan. '.repeat(80)).slice(0, 4000);
}

beforeAll(async () => {
  rig = await startSlackApp();
  const general = rig.fake.createChannel('algemeen', false, [gm.id, tl.id]);
  await command(gm, general, '/casus', `nieuw ${code} Testgezin`);
  caseChannel = String(rig.fake.callsOf('conversations.invite')[0]?.args.channel);
  await command(gm, caseChannel, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`);
  teamChannel = rig.fake.createChannel('team-noord', false, [gm.id, tl.id]);
  await command(tl, teamChannel, '/team', 'koppel Noord');
  await command(gm, caseChannel, '/casus', 'team Noord');
  for (let i = 1; i <= 10; i++) await say(`/inzet Aanbieder-${i} ${i === 1 ? 'ha' : 'oa'} spic ${i} verwezen 01-03-2026`);
  for (let i = 1; i <= N; i++) await say(`/resultaat nieuw ${longText(i)}`);
  const kinds = ['zorg', 'stagnatie', 'incident'];
  for (let i = 1; i <= N; i++) await say(`/signaal ${kinds[i % 3]} normaal signaal nummer ${i}: ${'uitgebreide beschrijving van wat er gebeurde. '.repeat(20)}`);
  await settle();
}, 300_000);

afterAll(async () => {
  await rig?.close();
});

describe('the largest realistic case through Slack', () => {
  it('every post and update while building it was accepted', () => {
    expect(rig.fake.refusals).toEqual([]);
  });

  it('the pinned card fits and says how many more signals there are, and where to see them', async () => {
    await command(gm, caseChannel, '/casus', 'info');
    const card = rig.fake.messagesIn(caseChannel)[0]!;
    expect(rig.fake.pins.has(`${caseChannel}/${card.ts}`)).toBe(true);
    const shown = visibleText(card);
    expect(shown).toContain(code);
    expect(shown).toMatch(/en \d+ meer/);
    expect(shown).toContain('/signaal lijst');
    expect(rig.fake.refusals).toEqual([]);
  });

  it('/casus info', async () => {
    const res = await command(gm, caseChannel, '/casus', 'info');
    const shown = visibleText(res.json);
    expect(shown).toContain(code);
    expect(shown).toMatch(/en \d+ meer/);
  });

  it('/signaal lijst', async () => {
    const res = await command(gm, caseChannel, '/signaal', 'lijst');
    const shown = visibleText(res.json);
    // 50 short lines fit whole.
    expect(shown).toContain('S-1 ');
    expect(shown).toContain(`S-${N} `);
  });

  it('/resultaat lijst', async () => {
    const res = await command(gm, caseChannel, '/resultaat', 'lijst');
    const shown = visibleText(res.json);
    // Every result, each shortened to its share of the message.
    expect(shown).toContain('R-1 ');
    expect(shown).toContain(`R-${N} `);
    expect(shown).toContain('…');
  });

  it('/overleg agenda', async () => {
    const res = await command(gm, caseChannel, '/overleg', 'agenda');
    expect(visibleText(res.json)).toContain(code);
  });

  it('the overleg form opens within 100 blocks and names the results left out', async () => {
    rig.fake.reset();
    await command(gm, caseChannel, '/overleg', 'gehouden');
    const [open] = rig.fake.callsOf('views.open');
    const view = open?.args.view;
    expect(view?.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.find((b: any) => b.block_id === 'overflow')?.text.text).toContain('R-50');
    // Each result is recognisable by a short label, not its whole 4,000 characters.
    const labels = view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.label.text.length);
    expect(Math.max(...labels)).toBeLessThanOrEqual(250);
    expect(rig.fake.refusals).toEqual([]);
  });

  it('App Home', async () => {
    rig.fake.reset();
    await rig.sim.homeOpened(gm);
    await settle();
    const [publish] = rig.fake.callsOf('views.publish');
    expect(publish).toBeDefined();
    expect(visibleText({ blocks: publish!.args.view.blocks })).toContain(code);
    expect(rig.fake.refusals).toEqual([]);
  });

  it('the digest', async () => {
    const res = await command(tl, teamChannel, '/digest', '');
    const shown = [visibleText(res.json), ...rig.fake.messagesIn(teamChannel).map((m) => visibleText(m))].join('\n');
    expect(shown).toContain(code);
    expect(rig.fake.refusals).toEqual([]);
  });
});
