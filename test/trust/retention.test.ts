import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import { auditLog, cases, signals } from '../../db/schema.js';
import { eraseExpiredCases } from '../../src/cases/retention.js';
import { DAY } from '../../src/clock.js';
import { coreHarness, type CoreHarness } from '../core/harness.js';
import { storedText } from '../helpers/database.js';

// RETENTION_DAYS after closure the free text of a case is erased; counts,
// dates and the audit log stay. Codes and texts are invented.

describe('retention', () => {
  let h: CoreHarness;
  const secretText = 'oom komt weer over de vloer bij de kinderen';
  beforeAll(async () => {
    h = await coreHarness({ env: { RETENTION_DAYS: '30' } });
    await h.say('U-GM', '/casus nieuw RET-001 gezin met een titel');
    await h.say('U-GM', '/casus lid <@U-HA|Ruben Bakker> hoofdaannemer');
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
