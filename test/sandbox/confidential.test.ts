import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxMessages } from '../../db/schema.js';
import { sandboxClient, startSandboxApp, textOf, type MessageView } from './helpers.js';

// Confidential signals (issue 16, item 6) in the sandbox, through its JSON API
// against the real core: each demo user's view of the case channel and of
// their direct messages, and every row the sandbox stored. The text reaches
// the gezinsmanager (U-GM) and the teamleider (U-TL) in their direct messages
// only; not even the typed line is kept. Codes and texts are invented.

const secretText = 'Moeder vertelde haar behandelaar over een terugval in middelengebruik';
const secrets = ['terugval', 'middelengebruik'];
const has = (text: string) => secrets.some((w) => text.toLowerCase().includes(w));
const everyone = ['U-GM', 'U-HA', 'U-OA', 'U-TL'];

describe('a confidential signal in the sandbox', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;
  let caseChannel = '';

  const view = async (userId: string, channelId: string): Promise<MessageView[]> => {
    await env.app.flush();
    return api.messages(userId, channelId);
  };
  const shown = (list: MessageView[]) => list.map((m) => `${m.typed ?? ''}\n${textOf(m.message)}`);

  beforeAll(async () => {
    env = await startSandboxApp();
    api = sandboxClient(env.base);
    caseChannel = (await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-318')).switchTo ?? '';
    await api.command('U-GM', caseChannel, '/casus lid @Joris hoofdaannemer');
    await api.command('U-GM', caseChannel, '/casus lid @Fatima onderaannemer');
    await api.command('U-GM', caseChannel, '/casus lid @Marloes teamleider');
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('the channel shows "S-1: vertrouwelijk signaal van Joris Bakker"; the gezinsmanager and the teamleider read the text in their direct messages', async () => {
    const res = await api.command('U-HA', caseChannel, `/signaal incident hoog vertrouwelijk ${secretText}`);
    expect(res.reply.error).toBe(false);
    expect(res.reply.message?.title).toBe('Geplaatst');

    for (const user of everyone) {
      const inChannel = shown(await view(user, caseChannel));
      expect(inChannel.some((t) => t.includes('S-1: vertrouwelijk signaal van Joris Bakker'))).toBe(true);
      expect(inChannel.filter(has)).toEqual([]);
      expect(inChannel.filter((t) => /incident/i.test(t))).toEqual([]);
    }
    // The reporter's own line is kept without its text.
    const echo = (await view('U-HA', caseChannel)).find((m) => m.kind === 'ephemeral' && m.typed?.startsWith('/signaal'));
    expect(echo?.typed).toBe('/signaal … vertrouwelijk … (S-1; de tekst staat alleen bij de gezinsmanager en de teamleider)');

    for (const user of ['U-GM', 'U-TL']) {
      const direct = shown(await view(user, 'direct'));
      expect(direct.filter((t) => t.includes(secretText))).toHaveLength(1);
    }
    for (const user of ['U-HA', 'U-OA']) expect(shown(await view(user, 'direct')).filter(has)).toEqual([]);
  });

  it('the gezinsmanager presses Bevestigen: the channel shows who, the teamleider gets the update personally', async () => {
    const post = (await view('U-GM', caseChannel)).find((m) => m.kind === 'post' && m.message?.title.startsWith('S-1: vertrouwelijk'))!;
    const button = post.message!.actions!.find((a) => a.id === 'signal.ack')!;
    const res = await api.action('U-GM', caseChannel, 'signal.ack', button.value, post.id);
    expect(res.reply.message?.title).toBe('Signaal S-1 is bevestigd.');
    const after = (await view('U-OA', caseChannel)).find((m) => m.id === post.id)!;
    expect(textOf(after.message)).toContain('Bevestigd door @Sanne de Wit');
    const direct = shown(await view('U-TL', 'direct'));
    expect(direct.filter((t) => t.includes(secretText) && t.includes('Bevestigd door @Sanne de Wit'))).toHaveLength(1);
  });

  it('the form offers Vertrouwelijk; submitted with "ja" it files a confidential signal', async () => {
    const opened = await api.command('U-HA', caseChannel, '/signaal');
    const field = opened.reply.form!.fields.find((f) => f.name === 'vertrouwelijk')!;
    expect(field.label).toBe('Vertrouwelijk');
    expect(field.options!.map((o) => o.value)).toEqual(['nee', 'ja']);
    const { status, body } = await api.post('form', {
      userId: 'U-HA',
      channelId: caseChannel,
      formId: 'signaal',
      values: { soort: 'incident', urgentie: 'normaal', vertrouwelijk: 'ja', tekst: `Nogmaals: ${secretText}` },
    });
    expect(status).toBe(200);
    expect(body.reply.message?.title).toBe('Geplaatst');
    expect(shown(await view('U-OA', caseChannel)).filter((t) => t.includes('S-2: vertrouwelijk signaal van Joris Bakker'))).toHaveLength(1);
    expect(shown(await view('U-GM', 'direct')).filter((t) => t.includes('Nogmaals'))).toHaveLength(1);
  });

  it('a typed response to a confidential signal is kept from the echo too, and reaches the teamleider personally', async () => {
    const res = await api.command('U-GM', caseChannel, '/signaal bevestig S-2 Gesprek over de terugval gepland');
    expect(res.reply.message?.title).toBe('Signaal S-2 is bevestigd.');
    const echo = (await view('U-GM', caseChannel)).filter((m) => m.kind === 'ephemeral' && m.typed?.startsWith('/signaal')).at(-1);
    expect(echo?.typed).toBe('/signaal … S-2 … (vertrouwelijk: de tekst staat alleen bij de gezinsmanager en de teamleider)');
    expect(shown(await view('U-TL', 'direct')).filter((t) => t.includes('Reactie: Gesprek over de terugval gepland'))).toHaveLength(1);
    // The sandbox echo is seen by the typist only: no Teams warning here.
    expect(textOf(res.reply.message)).not.toContain('getypte bericht');
  });

  it('a confidential signal that names R-1 is not linked to that result: the link would show under it', async () => {
    await api.command('U-GM', caseChannel, '/resultaat nieuw Kinderen gaan elke dag naar school');
    await api.command('U-HA', caseChannel, '/signaal zorg R-1 loopt niet');
    await api.command('U-HA', caseChannel, '/signaal zorg vertrouwelijk R-1: moeder vertelt over haar terugval');
    const list = textOf((await api.command('U-OA', caseChannel, '/resultaat lijst')).reply.message);
    expect(list).toContain('S-3');
    expect(list).not.toContain('S-4');
  });

  it('of every row the sandbox stored, only direct messages to the gezinsmanager and the teamleider hold the text', async () => {
    await env.app.flush();
    const rows = await env.app.db.q.select().from(sandboxMessages);
    const holding = rows.filter((r) => has(JSON.stringify(r.payload)));
    expect(holding.length).toBeGreaterThanOrEqual(5);
    expect(holding.filter((r) => r.conversationId !== null || !['U-GM', 'U-TL'].includes(r.userId ?? ''))).toEqual([]);
  });
});
