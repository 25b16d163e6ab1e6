import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { renderSafetyChart, safetyColours as c } from '../../src/charts/safety.js';
import { caseByCode } from '../../src/cases/model.js';
import { DAY } from '../../src/clock.js';
import type { Message } from '../../src/kernel/message.js';
import { caseSparkline, safetyChartData } from '../../src/safety/chart.js';
import { coreHarness, type CoreHarness } from '../core/harness.js';
import { decode } from './pixels.js';

// `/veiligheid grafiek` through the real core on a real database: no chart
// without two scores, then one PNG in the case channel's outbox.

describe('/veiligheid grafiek through the core', () => {
  let h: CoreHarness;
  const posts = async () => (await h.app.db.q.select().from(outbox).orderBy(asc(outbox.id))).filter((r) => r.kind === 'post');
  const images = async () => (await posts()).filter((r) => (r.payload as Message).image);
  const must = async (user: string, line: string) => {
    const reply = await h.say(user, line);
    if (reply.error) throw new Error(`${line}: ${reply.message?.title} ${reply.message?.text ?? ''}`);
    return reply;
  };

  beforeAll(async () => {
    h = await coreHarness({ start: new Date('2026-01-12T09:00:00Z') });
    await must('U-GM', '/casus nieuw TST-700 proefcasus');
    await must('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('with no scores: a clear message, no picture', async () => {
    const reply = await h.say('U-GM', '/veiligheid grafiek');
    expect(reply.error).toBeFalsy();
    expect(reply.message?.title).toBe('Nog geen grafiek');
    expect(reply.message?.text).toBe('Deze casus heeft nog geen veiligheidsscores. Een grafiek heeft er minstens twee nodig.');
    expect(reply.message?.lines?.[0]).toContain('/veiligheid actueel');
    expect(reply.message?.image).toBeUndefined();
    expect(await images()).toHaveLength(0);
  });

  it('with one score: says which, still no picture', async () => {
    await must('U-GM', '/veiligheid actueel 4 blijvend 2 eerste meting');
    const reply = await h.say('U-GM', '/veiligheid grafiek');
    expect(reply.message?.title).toBe('Nog geen grafiek');
    expect(reply.message?.text).toBe('Deze casus heeft één score (actueel 4, blijvend 2 op 12-01-2026). Een verloop heeft minstens twee scores nodig.');
    expect(await images()).toHaveLength(0);
    expect(await caseSparkline(h.app.db.q, (await caseByCode(h.app.db.q, 'TST-700'))!.id)).toBeUndefined();
  });

  it('with more: posts the PNG with its text alternative to the case channel, replies privately', async () => {
    h.clock.advance(16 * DAY); // 28-01
    await must('U-HA', '/signaal veiligheid hoog vader dreigde bij overdracht');
    await must('U-HA', '/signaal zorg normaal moeder mist afspraken'); // not marked on the chart
    h.clock.advance(5 * DAY); // 02-02
    await must('U-GM', '/veiligheid actueel 3 blijvend 1');
    h.clock.advance(14 * DAY); // 16-02
    await must('U-GM', '/overleg gehouden vandaag afspraken over de overdracht');
    h.clock.advance(7 * DAY); // 23-02
    await must('U-GM', '/veiligheid actueel 6 blijvend 4');
    h.clock.advance(21 * DAY); // 16-03
    await must('U-GM', '/veiligheid actueel 8 blijvend 5');

    const before = (await posts()).length;
    const reply = await h.say('U-HA', '/veiligheid grafiek');
    expect(reply.error).toBeFalsy();
    // The chart is posted in the channel the command was typed in: the answer is the one confirmation.
    expect(reply.message?.title).toBe('Geplaatst');
    expect(reply.posted).toBeDefined();
    expect(reply.message?.image).toBeUndefined();

    const added = (await posts()).slice(before);
    expect(added).toHaveLength(1); // the chart only: the card is not touched
    const row = added[0]!;
    const kase = (await caseByCode(h.app.db.q, 'TST-700'))!;
    expect(row.conversationId).toBe(kase.conversationId);
    const m = row.payload as Message;
    expect(m.title).toBe('Verloop veiligheid TST-700');
    expect(m.image?.filename).toBe('veiligheid-TST-700-2026-03-16.png');
    expect(m.image?.alt).toBe(m.text);
    expect(m.text).toBe(
      'Grafiek van de veiligheid van TST-700 van 12-01-2026 tot 16-03-2026, 4 scores. ' +
        'Actuele veiligheid: van 4 naar 8; laagste punt 3 op 02-02-2026; 2 keer onder de 6. ' +
        'Blijvende veiligheid: van 2 naar 5; laagste punt 1 op 02-02-2026; 4 keer onder de 6. ' +
        'In deze periode 1 overleg en 1 signaal over veiligheid of een incident.',
    );
    expect(m.context).toContain('<@U-HA>');
    expect(m.names?.['U-HA']).toBe('Joris Bakker');

    const png = Buffer.from(m.image!.png, 'base64');
    const img = decode(png);
    expect([img.width, img.height]).toEqual([800, 380]);
    // The same picture as drawing the case's data directly; its geometry says where to look.
    const data = await safetyChartData(h.app.db.q, kase.id);
    expect(data.signals.map((s) => s.kind)).toEqual(['veiligheid']);
    expect(data.meetings).toEqual(['2026-02-16']);
    const again = renderSafetyChart({ code: 'TST-700', scores: data.scores, meetings: data.meetings, signals: data.signals });
    expect(again.png.equals(png)).toBe(true);
    const g = again.geometry;
    [4, 3, 6, 8].forEach((score, i) => {
      expect(g.actueel[i]!.y).toBeCloseTo(g.y(score), 0);
      expect(img.at(g.actueel[i]!.x, g.actueel[i]!.y)).toBe(c.actueel.toLowerCase());
    });
    [2, 1, 4, 5].forEach((score, i) => expect(img.at(g.blijvend[i]!.x, g.y(score))).toBe(c.blijvend.toLowerCase()));
    expect(img.at(g.meetings[0]!.x, g.meetings[0]!.y + 2)).toBe(c.overleg.toLowerCase());
    expect(img.at(g.signals[0]!.x, g.signals[0]!.y)).toBe(c.signaal.toLowerCase());
    expect(img.at(g.plot.left + 5, g.normY)).toBe(c.norm.toLowerCase());

    expect(await caseSparkline(h.app.db.q, kase.id)).toBe('actueel ▄▃▅▇ · blijvend ▂▂▄▄');
  });

  it('is for members only', async () => {
    const reply = await h.say('U-XX', '/veiligheid grafiek');
    expect(reply.error).toBe(true);
    expect(await images()).toHaveLength(1);
  });
});
