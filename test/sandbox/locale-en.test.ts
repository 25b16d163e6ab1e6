import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { setLocale } from '../../src/i18n/index.js';
import { answerHeader, failure } from '../../src/inbound/pipeline.js';
import type { Form, Message } from '../../src/kernel/message.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { sandboxClient, type ActResponse } from './helpers.js';

// A whole case with LOCALE=en, through the sandbox: nothing a user reads may be
// Dutch. The words below come from the Dutch catalogue entries whose English
// differs; none of them is a command word, a demo name or part of what the
// test types, so finding one means a string that skipped the catalogue.
// Left out on purpose: "regie op veiligheid/zorg", which the English texts keep
// as the domain's own term (shared/DOMAIN.md), and the command lines of /help's
// examples, which are typed commands (their free text is Dutch in both locales).
const dutchOnly = [
  'niet', 'het', 'een', 'wordt', 'zijn', 'geen', 'nog', 'voor', 'met', 'door', 'naar', 'ook', 'deze', 'dit', 'alleen',
  'Probeer', 'opnieuw', 'Typ', 'gemeld', 'bevestigd', 'vastgelegd', 'veranderd', 'gedaan', 'Gedaan', 'dagen', 'onbekend',
  'Gemeld', 'toegevoegd', 'Bevestigen', 'Signaal', 'Veiligheid', 'Resultaat', 'gezinsmanager', 'hoofdaannemer',
  'Er ging iets mis', 'Ongeldig', 'Versturen', 'Toelichting', 'Datum', 'Soort', 'Urgentie', 'Aanbieder', 'gepland', 'Verwezen',
];
const pattern = new RegExp(`(?<![\\p{L}/-])(${dutchOnly.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}-])`, 'u');

/** Every text a person reads in a message or a form; ids and button values are not read. */
function readable(item: { message?: Message | null; form?: Form | undefined }): string[] {
  const out: string[] = [];
  const m = item.message;
  if (m) {
    out.push(m.title, m.text ?? '', m.context ?? '', ...(m.lines ?? []), ...(m.actions ?? []).map((a) => a.label));
    for (const f of m.fields ?? []) out.push(f.label, f.value);
    if (m.image) out.push(m.image.alt);
  }
  const f = item.form;
  if (f) {
    out.push(f.title, f.submitLabel, f.overflow ?? '');
    for (const field of f.fields) out.push(field.label, field.hint ?? '', ...(field.options ?? []).map((o) => o.label));
  }
  // An example is a command as typed: `Example: /signaal …` to the end of its line.
  return out.filter(Boolean).map((t) => t.replace(/\b(Example|Examples): \/[^\n]*/g, '$1:'));
}

describe('LOCALE=en: a whole case in English', () => {
  let dir = '';
  let app: App;
  let api: ReturnType<typeof sandboxClient>;
  const seen: { step: string; text: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-locale-en-'));
    app = await buildApp({ settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), LOG_LEVEL: 'silent', LOCALE: 'en' }), senderIntervalMs: 0 });
    api = sandboxClient(await app.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await app?.close();
    setLocale('nl');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const keep = (step: string, res: ActResponse) => {
    for (const text of readable({ message: res.reply.message, form: res.reply.form })) seen.push({ step, text });
    return res;
  };

  it('runs the case and shows nothing Dutch', async () => {
    const created = keep('create', await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-701 Family Example'));
    expect(created.reply.error).toBe(false);
    const channel = created.switchTo ?? '';
    expect(channel).not.toBe('');
    const run = async (user: string, line: string) => keep(line, await api.command(user, channel, line));

    expect((await run('U-GM', '/casus lid @Joris hoofdaannemer')).reply.error).toBe(false);
    expect((await run('U-GM', '/casus lid @Marloes teamleider')).reply.error).toBe(false);
    expect((await run('U-HA', '/signaal zorg normaal Appointment at school missed twice')).reply.error).toBe(false);
    await app.flush();
    const signal = (await api.messages('U-GM', channel)).find((m) => m.kind === 'post' && m.message?.actions?.some((a) => a.id === 'signal.ack'));
    const ack = signal?.message?.actions?.find((a) => a.id === 'signal.ack');
    expect(ack).toBeDefined();
    expect(keep('ack', await api.action('U-GM', channel, 'signal.ack', ack!.value, signal!.id)).reply.error).toBe(false);
    expect((await run('U-GM', '/veiligheid actueel 6 blijvend 5 Calm week')).reply.error).toBe(false);
    expect((await run('U-GM', '/inzet Horizon ha spic 12 verwezen gisteren')).reply.error).toBe(false);
    expect((await run('U-GM', '/overleg gepland morgen 10:00')).reply.error).toBe(false);
    expect((await run('U-GM', '/resultaat nieuw Children go to school every day')).reply.error).toBe(false);
    expect((await run('U-HA', '/resultaat voortgang R-1 op-koers Going well')).reply.error).toBe(false);
    // The corrections (issue 20) and what they post.
    expect((await run('U-HA', '/signaal wijzig S-1 urgentie hoog')).reply.error).toBe(false);
    expect((await run('U-GM', '/veiligheid intrekken Typed the wrong score')).reply.error).toBe(false);
    expect((await run('U-GM', '/inzet wijzig Horizon gestart vandaag')).reply.error).toBe(false);
    expect((await run('U-GM', '/resultaat wijzig R-1 Children go to school four days a week')).reply.error).toBe(false);
    expect((await run('U-GM', '/overleg gehouden gisteren Phone call with the school')).reply.error).toBe(false);
    expect((await run('U-GM', '/overleg gehouden gisteren Second call')).reply.error).toBe(false);
    expect((await run('U-GM', '/overleg afgezegd morgen Family away')).reply.error).toBe(false);
    expect((await run('U-HA', '/signaal intrekken S-1 Filed in the wrong case')).reply.error).toBe(false);
    expect((await run('U-GM', '/inzet Kompas oa spic 3 verwezen morgen')).reply.error).toBe(true);
    for (const line of ['/overleg agenda', '/signaal lijst', '/resultaat lijst', '/casus info', '/casus tijdlijn', '/help', '/help signaal']) {
      expect((await run('U-GM', line)).reply.error).toBe(false);
    }
    // A refusal and a malformed line are answers too.
    expect((await run('U-OA', '/signaal zorg something')).reply.error).toBe(true);
    expect((await run('U-GM', '/veiligheid actueel 11')).reply.error).toBe(true);
    expect((await run('U-GM', '/signaal bevestig S-9')).reply.error).toBe(true);
    // A bare command opens a form; submitting it files the signal.
    const form = await run('U-HA', '/signaal');
    expect(form.reply.form?.id).toBe('signaal');
    const submitted = await api.post('form', {
      userId: 'U-HA',
      channelId: channel,
      formId: 'signaal',
      values: { soort: 'positief', urgentie: 'laag', tekst: 'Good talk with the family' },
    });
    expect(submitted.status).toBe(200);
    keep('form', submitted.body);
    // The sandbox's own answers to a malformed request are in the catalogue too.
    for (const [body, expected] of [
      [{ userId: 'U-XX', channelId: channel, text: '/help' }, /^Unknown user "U-XX"/],
      [{ userId: 'U-GM', channelId: channel }, /^Invalid request: text is missing\.$/],
    ] as const) {
      const bad = await api.post('command', body);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(expected);
      seen.push({ step: 'bad request', text: bad.body.error ?? '' });
    }
    await app.flush();

    // Everything in the channel and the direct messages, for every demo user.
    for (const user of ['U-GM', 'U-HA', 'U-OA', 'U-TL']) {
      for (const view of [channel, 'C-algemeen', 'direct']) {
        for (const m of await api.messages(user, view)) for (const text of readable(m)) seen.push({ step: `${user} ${view} #${m.id}`, text });
      }
    }
    expect(seen.length).toBeGreaterThan(40);
    const dutch = seen.filter((s) => pattern.test(s.text)).map((s) => `${s.step}: ${s.text.match(pattern)?.[0]} in "${s.text}"`);
    expect(dutch).toEqual([]);
  });

  it('speaks English at the adapters\' door too: the failure answer and the reply header of a shared conversation', () => {
    const texts = [
      ...readable(failure()),
      answerHeader({ message: { title: 'x' } }, 'conversation', 'Joris Bakker') ?? '',
      answerHeader({ error: true, message: { title: 'x' } }, 'conversation', undefined) ?? '',
      answerHeader({ error: true, form: { id: 'signaal', title: 'x', submitLabel: 'x', fields: [] } }, 'conversation', 'Joris Bakker') ?? '',
    ];
    expect(texts).toEqual([
      'Something went wrong',
      'This did not work and nothing changed. Try again; if it keeps failing, tell the administrator.',
      'For Joris Bakker',
      'Only for the sender: nothing changed',
      'Only for Joris Bakker',
    ]);
    expect(texts.filter((t) => pattern.test(t))).toEqual([]);
    expect(answerHeader({ message: { title: 'x' } }, 'sender', 'Joris Bakker')).toBeUndefined();
  });
});
