import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { cases, outbox } from '../../db/schema.js';
import { DAY } from '../../src/clock.js';
import { loadSettings, SettingsError } from '../../src/config.js';
import { local, startRig, type Rig } from '../helpers/app.js';

// Sent outbox rows go after OUTBOX_KEEP_DAYS, except what is still needed:
// a case's posts and direct messages until retention has erased the case
// (it deletes them on the platform by their ids), and the pinned card's row
// (updates and the closure notice go through it). The real app on the
// sandbox, its clock moved forward.

const GM = 'U-GM';
let rig: Rig;

afterEach(async () => {
  await rig?.close();
});

async function rowsByKind(): Promise<Record<string, number>> {
  const rows = await rig.app.db.q.select({ kind: outbox.kind }).from(outbox);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

describe('pruning the outbox', () => {
  it('OUTBOX_KEEP_DAYS defaults to 30 and refuses anything but a positive number, in Dutch', () => {
    expect(loadSettings({}).OUTBOX_KEEP_DAYS).toBe(30);
    expect(loadSettings({ OUTBOX_KEEP_DAYS: '7' }).OUTBOX_KEEP_DAYS).toBe(7);
    for (const bad of ['0', '-3', 'maand']) {
      expect(() => loadSettings({ OUTBOX_KEEP_DAYS: bad })).toThrow(SettingsError);
      expect(() => loadSettings({ OUTBOX_KEEP_DAYS: bad })).toThrow('Instelling OUTBOX_KEEP_DAYS is ongeldig: verwacht een positief getal.');
    }
  });

  it('walks the table in windows of ids: with windows of two rows it removes and keeps exactly what one pass does', async () => {
    rig = await startRig({ start: local('2026-01-05 09:00'), env: { OUTBOX_KEEP_DAYS: '30' } });
    await rig.must(GM, '/casus nieuw PRN-402');
    const channel = await rig.channelOf('PRN-402');
    await rig.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', channel);
    for (const text of ['eerste zorg', 'tweede zorg', 'derde zorg']) await rig.must('U-HA', `/signaal zorg normaal ${text}`, channel);
    await rig.app.flush();
    const before = await rowsByKind();
    expect(before.update).toBeGreaterThanOrEqual(4);
    const [kase] = await rig.app.db.q.select({ card: cases.cardMessageId }).from(cases).where(eq(cases.code, 'PRN-402'));
    // The card's row and the updates are spread over many windows of two ids.
    const removed = await rig.app.outbox.prune('sandbox', new Date(rig.clock.now().getTime() + 31 * DAY), 30, 2);
    const after = await rowsByKind();
    expect(removed).toBe(before.update);
    expect(after.update ?? 0).toBe(0);
    expect(after.post).toBe(before.post);
    expect((await rig.app.db.q.select({ id: outbox.id }).from(outbox).where(eq(outbox.id, kase!.card!))).length).toBe(1);
  });

  it('removes sent card updates after the days, keeps an open case posts and its card, and after erasure keeps only the card', async () => {
    rig = await startRig({ start: local('2026-01-05 09:00'), env: { OUTBOX_KEEP_DAYS: '30', RETENTION_DAYS: '60' } });
    await rig.must(GM, '/casus nieuw PRN-401');
    const channel = await rig.channelOf('PRN-401');
    await rig.must(GM, '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', channel);
    await rig.must('U-HA', '/signaal zorg normaal eerste zorg', channel);
    await rig.must('U-HA', '/signaal zorg normaal tweede zorg', channel);
    const before = await rowsByKind();
    expect(before.update).toBeGreaterThanOrEqual(3);
    const [kase] = await rig.app.db.q.select({ id: cases.id, card: cases.cardMessageId }).from(cases).where(eq(cases.code, 'PRN-401'));

    // 29 days on: nothing is old enough yet.
    rig.clock.set(new Date(rig.clock.now().getTime() + 29 * DAY));
    await rig.app.flush();
    expect(await rowsByKind()).toEqual(before);

    // 31 days on: the sent updates go; the case's posts and its card stay (the case is open).
    rig.clock.set(new Date(rig.clock.now().getTime() + 2 * DAY));
    await rig.app.flush();
    const after = await rowsByKind();
    expect(after.update ?? 0).toBe(0);
    expect(after.post).toBe(before.post);
    expect(after.direct ?? 0).toBe(before.direct ?? 0);

    // Closed, erased after RETENTION_DAYS (its messages deleted on the platform), then 31 days more.
    await rig.must(GM, '/casus afsluiten bevestig gezin verhuisd', channel);
    rig.clock.set(new Date(rig.clock.now().getTime() + 61 * DAY));
    await rig.sweep();
    await rig.app.flush();
    expect((await rig.app.db.q.select({ erasedAt: cases.erasedAt }).from(cases).where(eq(cases.id, kase!.id)))[0]!.erasedAt).not.toBeNull();
    expect((await rig.app.outbox.counts()).pending).toBe(0);
    rig.clock.set(new Date(rig.clock.now().getTime() + 31 * DAY));
    await rig.app.flush();
    const left = await rig.app.db.q.select({ id: outbox.id, kind: outbox.kind, caseId: outbox.caseId }).from(outbox).where(eq(outbox.caseId, kase!.id));
    // The pinned card's row: a later change of the card (none now) would need it.
    expect(left.map((r) => r.id)).toEqual([kase!.card]);
  });
});
