import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/kernel/message.js';
import { coreHarness, type CoreHarness } from './harness.js';

// Small things from issue 22, through the core: an escalation filed today is
// "open sinds vandaag", not "0 dagen"; /help says who may use each form;
// /signaal lijst lists what is open.

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
