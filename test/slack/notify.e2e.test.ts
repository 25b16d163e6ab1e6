import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signals } from '../../db/schema.js';
import type { StoredMessage } from '../fakes/slack-api.js';
import type { SimUser } from '../fakes/slack-sign.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// Issue 22, Deliver 6 on Slack, through the real Bolt app: a personal
// notification links to the exact channel post (chat.getPermalink of that
// post), carries the deadline and its own Bevestigen button, and leaves the
// content in the channel; a person added to a case is welcomed. Invented codes.

const gm: SimUser = { id: 'U0GM00023', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00023', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let caseChannel: string;

async function settle(): Promise<void> {
  await rig.slack.settled();
  await rig.app.flush();
}

/** The permalink the fake Slack gives a stored post. */
function permalinkOf(m: StoredMessage): string {
  return `https://regiebot-test.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}`;
}

beforeAll(async () => {
  rig = await startSlackApp();
  caseChannel = await openCase(rig, 'NTF-2301', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('personal notifications on Slack', () => {
  it('a person added to the case is welcomed personally: the case, their role, /help, and a link to the post that added them', () => {
    const [welcome] = rig.fake.messagesIn(`D${ha.id}`);
    const added = rig.fake.messagesIn(caseChannel).find((m) => visibleText(m).includes('is toegevoegd als hoofdaannemer'))!;
    const shown = visibleText(welcome);
    expect(shown).toContain('Welkom in casus NTF-2301: je bent toegevoegd als hoofdaannemer');
    expect(shown).toContain('/help');
    expect(shown).toContain(permalinkOf(added));
    // The creator of the case added herself: no welcome for her.
    expect(rig.fake.messagesIn(`D${gm.id}`)).toEqual([]);
  });

  it('an alarming signal: the gezinsmanager gets the link to that exact post, the deadline and a Bevestigen button, without its text', async () => {
    await rig.sim.command(ha, caseChannel, '/signaal', 'veiligheid hoog vader dreigde bij de overdracht');
    await settle();
    const post = rig.fake.messagesIn(caseChannel).find((m) => visibleText(m).includes('Signaal S-1'))!;
    const [dm] = rig.fake.messagesIn(`D${gm.id}`);
    const shown = visibleText(dm);
    expect(shown).toContain('Nieuw signaal in casus NTF-2301 (hoog)');
    expect(shown).toContain(permalinkOf(post));
    // hoog: 4 hours after 02-03-2026 10:00 Amsterdam (09:00 UTC).
    expect(shown).toContain('Bevestigen vóór');
    expect(shown).toContain('02-03-2026 14:00 (termijn 4 uur)');
    expect(shown).not.toContain('dreigde');
    expect(rig.sim.button(dm!, 'signal.ack').text).toBe('Bevestigen');
  });

  it("the notice's own Bevestigen acknowledges the signal: the channel post loses its button", async () => {
    const [dm] = rig.fake.messagesIn(`D${gm.id}`);
    await rig.sim.press(gm, dm!, 'signal.ack');
    await settle();
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.number, 1));
    expect(row?.ackById).toBe(gm.id);
    const post = rig.fake.messagesIn(caseChannel).find((m) => visibleText(m).includes('Signaal S-1'))!;
    expect(post.updates).toBeGreaterThan(0);
    expect(() => rig.sim.button(post, 'signal.ack')).toThrow(/no button/);
  });

  it("the scheduled reminder names when it goes to the teamleider and carries its own Bevestigen, which acknowledges", async () => {
    await rig.sim.command(ha, caseChannel, '/signaal', 'zorg hoog moeder mist de afspraak bij de huisarts');
    await settle();
    const before = rig.fake.messagesIn(`D${gm.id}`).length;
    // hoog: reminded 4 hours after 10:00, escalated after 8.
    rig.clock.set(new Date('2026-03-02T13:30:00Z'));
    await rig.app.scheduler.sweep();
    await settle();
    const reminder = rig.fake.messagesIn(`D${gm.id}`).slice(before).find((m) => visibleText(m).includes('Herinnering: signaal S-2'))!;
    const shown = visibleText(reminder);
    expect(shown).toContain('Bevestigen vóór');
    expect(shown).toContain('02-03-2026 18:00; daarna gaat het naar de teamleider');
    expect(shown).not.toContain('huisarts');
    await rig.sim.press(gm, reminder, 'signal.ack');
    await settle();
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.number, 2));
    expect(row?.ackById).toBe(gm.id);
  });

  it('the confidential signal notice carries the deadline and its own Bevestigen as well', async () => {
    await rig.sim.command(ha, caseChannel, '/signaal', 'zorg normaal vertrouwelijk moeder is opgenomen');
    await settle();
    const notice = rig.fake.messagesIn(`D${gm.id}`).find((m) => visibleText(m).includes('Vertrouwelijk signaal S-3'))!;
    const shown = visibleText(notice);
    expect(shown).toContain('Bevestigen vóór');
    // normaal: two working days, at the same time of day.
    expect(shown).toContain('04-03-2026 14:30 (termijn 2 werkdagen)');
    expect(rig.sim.button(notice, 'signal.ack').text).toBe('Bevestigen');
    await rig.sim.press(gm, notice, 'signal.ack');
    await settle();
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.number, 3));
    expect(row?.ackById).toBe(gm.id);
  });
});
