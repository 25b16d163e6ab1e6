import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { stringsOf } from '../../src/privacy/guard.js';
import { storedText, testDatabaseUrl } from '../helpers/database.js';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { sandboxClient, textOf } from './helpers.js';
import { lineSink } from '../helpers/logs.js';

// The sandbox keeps no refused input: a line with a BSN is answered with the
// refusal, its echo is stored and shown masked, and nothing of the number
// reaches the database file (with its -wal), the page's API or the log.

describe('sandbox: a line with a BSN', () => {
  let app: App;
  let dir: string;
  let dbUrl: string;
  let api: ReturnType<typeof sandboxClient>;
  let base: string;
  let caseChannel = '';
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-sandbox-bsn-'));
    dbUrl = testDatabaseUrl(dir);
    const sink = lineSink(logs);
    app = await buildApp({ settings: loadSettings({ DATABASE_URL: dbUrl, LOG_LEVEL: 'debug' }), log: createLogger('debug', sink), senderIntervalMs: 0 });
    base = await app.listen(0, '127.0.0.1');
    api = sandboxClient(base);
    const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-501 proefgezin');
    caseChannel = res.switchTo ?? '';
    await api.command('U-GM', caseChannel, '/casus lid @Joris hoofdaannemer');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, written] of bsnForms()) {
    it(`written with ${name}: refused, and its echo is stored and shown masked`, async () => {
      const res = await api.command('U-HA', caseChannel, `/signaal zorg normaal vader noemde ${written} aan de telefoon`);
      expect(res.reply.error).toBe(true);
      expect(textOf(res.reply.message)).toMatch(/BSN.*niets opgeslagen/s);
      const mine = await api.messages('U-HA', caseChannel);
      const last = mine[mine.length - 1]!;
      expect(last).toMatchObject({ kind: 'ephemeral', error: true, typed: '(bericht geweigerd: bevat een BSN)' });
    });
  }

  it('a form field with a BSN is refused too, and nothing of it is shown', async () => {
    const res = await api.post('form', { userId: 'U-HA', channelId: caseChannel, formId: 'signaal', values: { soort: 'zorg', urgentie: 'normaal', tekst: `bsn ${bsnForms()[1]![1]}` } });
    expect(res.status).toBe(200);
    expect(res.body.reply.error).toBe(true);
    expect(textOf(res.body.reply.message)).toMatch(/BSN/);
  });

  it('a channel named with a BSN is refused with the reason, and not created', async () => {
    const res = await api.post('channels', { name: `kanaal ${bsnForms()[9]![1]}` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/kanaalnaam.*BSN/s);
    const list = (await (await fetch(`${base}/sandbox/api/channels?userId=U-GM`)).json()) as { channels: { name: string }[] };
    expect(list.channels.map((c) => c.name)).toEqual(['algemeen', 'casus-tst-501']);
  });

  it('a typed mention whose label holds one runs, with the label hidden in the reply and the echo', async () => {
    const res = await api.command('U-GM', caseChannel, `/casus lid <@U-OA|Fatima ${bsnForms()[3]![1]}> onderaannemer`);
    expect(res.reply.error).toBe(false);
    expect(textOf(await api.postOf('U-GM', caseChannel, res))).toContain('(naam verborgen)');
    const mine = (await api.messages('U-GM', caseChannel)).filter((m) => m.kind === 'ephemeral');
    expect(mine[mine.length - 1]!.typed).toBe('/casus lid <@U-OA|(naam verborgen)> onderaannemer');
  });

  it('a line without one is echoed as typed', async () => {
    await api.command('U-HA', caseChannel, '/signaal zorg laag moeder belde af, 06-12345678');
    const mine = await api.messages('U-HA', caseChannel);
    expect(mine.map((m) => m.typed)).toContain('/signaal zorg laag moeder belde af, 06-12345678');
  });

  it('leaves no trace in the database file (with -wal), the API output of any view, or the log', async () => {
    await app.flush();
    expect(tracesIn(await storedText(dbUrl))).toEqual([]);
    const views = [];
    for (const user of ['U-GM', 'U-HA', 'U-OA', 'U-TL']) {
      for (const view of ['C-algemeen', caseChannel, 'direct']) {
        // Every string of the answer, decoded: JSON would hide a tab or a newline behind an escape.
        views.push(...stringsOf(await (await fetch(`${base}/sandbox/api/messages?${new URLSearchParams({ userId: user, channelId: view })}`)).json()));
      }
    }
    expect(views).toContain('(bericht geweigerd: bevat een BSN)');
    expect(tracesIn(views.join('\n'))).toEqual([]);
    expect(tracesIn(logs.join(''))).toEqual([]);
  });
});
