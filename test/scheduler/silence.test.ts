import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signals } from '../../db/schema.js';
import { DAY, HOUR } from '../../src/clock.js';
import { amsterdam, local, startRig, textOf, type Rig } from '../helpers/app.js';

// "Hoe staat het ervoor?": asked in a running case after 14 days without word
// from the providers; each quick answer files the matching signal. The
// answers are pressed through the sandbox's HTTP API, as the page does.

const GM = 'U-GM';
let rig: Rig;
let base: string;
let channel: string;

async function press(userId: string, actionId: string, value: string) {
  const res = await fetch(`${base}/sandbox/api/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, channelId: channel, actionId, value }),
  });
  expect(res.status).toBe(200);
  await rig.app.flush();
  return (await res.json()) as { reply: { error: boolean; message?: { title: string; text?: string } } };
}

async function question() {
  const asks = (await rig.delivered()).filter((d) => d.channel === channel && d.message.title === 'Hoe staat het ervoor?');
  return asks.at(-1)!;
}

beforeEach(async () => {
  rig = await startRig({ start: local('2026-02-02 10:00') });
  base = await rig.app.listen(0, '127.0.0.1');
  await rig.must(GM, '/casus nieuw TST-301');
  channel = await rig.channelOf('TST-301');
  await rig.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', channel);
  await rig.must(GM, '/casus fase ondersteunen', channel);
  await rig.runUntil(local('2026-02-16 09:00'), 6 * HOUR);
});

afterEach(async () => {
  await rig.close();
});

describe('silence', () => {
  it('asks the hoofdaannemer after 14 days without word, at 09:00', async () => {
    const ask = await question();
    expect(amsterdam(ask.at)).toBe('2026-02-16 09:00');
    expect(textOf(ask.message)).toContain('@Joris Bakker in deze casus is al 14 dagen niets vastgelegd vanuit de hulpverlening');
    expect(ask.message.actions?.every((a) => a.value === 'silence:case:1:from:2026-02-02:ask:1')).toBe(true);
  });

  it('"Zorg over veiligheid" files a zorg signal (hoog) and tells the gezinsmanager; pressing again files nothing', async () => {
    const value = (await question()).message.actions![2]!.value;
    const first = await press('U-HA', 'silence.zorg', value);
    expect(first.reply.error).toBe(false);
    expect(first.reply.message?.title).toBe('Signaal S-1 is vastgelegd en in het casuskanaal geplaatst.');
    expect(first.reply.message?.text).toContain('Licht het toe');
    const [row] = await rig.app.db.q.select().from(signals).where(eq(signals.caseId, 1)).limit(1);
    expect([row!.kind, row!.urgency, row!.reporterId, row!.reporterRole]).toEqual(['zorg', 'hoog', 'U-HA', 'hoofdaannemer']);
    const dm = (await rig.delivered()).filter((d) => d.userId === GM);
    expect(dm.map((d) => d.message.title)).toEqual(['Nieuw signaal in casus TST-301 (hoog)']);

    const again = await press('U-HA', 'silence.zorg', value);
    expect(again.reply.message?.title).toBe('Dit antwoord is al gegeven op deze vraag. Er is niets veranderd.');
    expect(await rig.app.db.q.select().from(signals)).toHaveLength(1);
  });

  it('"Stagnatie melden" and "Loopt volgens plan" file a stagnatie and a positief signal', async () => {
    const value = (await question()).message.actions![0]!.value;
    await press('U-HA', 'silence.stagnatie', value);
    await press('U-HA', 'silence.ok', value);
    const rows = await rig.app.db.q.select().from(signals).orderBy(asc(signals.id));
    expect(rows.map((r) => `${r.kind}/${r.urgency}`)).toEqual(['stagnatie/normaal', 'positief/laag']);
    expect(rows[1]!.text).toContain('Loopt volgens plan');
  });

  it('refuses people outside the case, unknown questions and closed cases', async () => {
    const value = (await question()).message.actions![0]!.value;
    const outsider = await press('U-OA', 'silence.ok', value);
    expect(outsider.reply.error).toBe(true);
    expect(outsider.reply.message?.text).toContain('geen lid van casus TST-301');
    const bogus = await press('U-HA', 'silence.ok', 'silence:case:99:from:2026-02-02:ask:1');
    expect(bogus.reply.error).toBe(true);
    const garbage = await press('U-HA', 'silence.ok', '1');
    expect(garbage.reply.error).toBe(true);
    await rig.must(GM, '/casus afsluiten bevestig', channel);
    const closed = await press('U-HA', 'silence.ok', value);
    expect(closed.reply.error).toBe(true);
    expect(await rig.app.db.q.select().from(signals)).toHaveLength(0);
  });

  it('an answer from the hoofdaannemer ends the silence; without one, the question comes back every 14 days', async () => {
    await press('U-HA', 'silence.ok', (await question()).message.actions![0]!.value);
    rig.clock.advance(DAY);
    const next = await rig.runUntil(local('2026-03-16 12:00'), 6 * HOUR);
    const asks = next.filter((d) => d.message.title === 'Hoe staat het ervoor?');
    // Answered on 16 February: silent again from then, asked on 2 and 16 March.
    expect(asks.map((d) => amsterdam(d.at))).toEqual(['2026-03-02 09:00', '2026-03-16 09:00']);
    expect(textOf(asks[1]!.message)).toContain('al 28 dagen');
  });
});
