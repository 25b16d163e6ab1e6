import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClient, startSandboxApp, textOf, type MessageView } from './helpers.js';

// The sandbox's JSON API against the real core, over HTTP on loopback: the
// issue's "done when", without a browser.

describe('sandbox API with the real core', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;
  let caseChannel = '';

  beforeAll(async () => {
    env = await startSandboxApp();
    api = sandboxClient(env.base);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  const posts = async (userId: string) => {
    await env.app.flush();
    return (await api.messages(userId, caseChannel)).filter((m) => m.kind === 'post');
  };
  const signalPost = (list: MessageView[]) => list.find((m) => m.message?.title.startsWith('Signaal S-1'));
  const card = (list: MessageView[]) => list.find((m) => m.pinned);

  it('answers /healthz with the database status and the sandbox platform', async () => {
    const res = await fetch(`${env.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true }, platforms: ['sandbox'] });
  });

  it('creates a case in its own channel and switches the page to it', async () => {
    const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-101 Gezin Voorbeeld');
    expect(res.reply.error).toBe(false);
    expect(res.reply.message?.title).toContain('TST-101');
    expect(res.switchTo).toBe('C-casus-tst-101');
    expect(res.channels.map((c) => c.name)).toEqual(['algemeen', 'casus-tst-101']);
    caseChannel = res.switchTo ?? '';

    const list = await posts('U-GM');
    expect(textOf(card(list)?.message)).toContain('Casus TST-101');
    // The reply stays in the channel where the command was typed, for the one who typed it.
    const mine = await api.messages('U-GM', 'C-algemeen');
    expect(mine.map((m) => [m.kind, m.typed])).toEqual([['ephemeral', '/casus nieuw TST-101 Gezin Voorbeeld']]);
    expect(await api.messages('U-HA', 'C-algemeen')).toEqual([]);
  });

  it('adds the hoofdaannemer by @Voornaam', async () => {
    const res = await api.command('U-GM', caseChannel, '/casus lid @Joris hoofdaannemer');
    expect(res.reply.error).toBe(false);
    // One confirmation: the channel reads who was added; the gezinsmanager's answer is "Geplaatst", linked to that post,
    // with only what the post does not say (the family's consent).
    expect(textOf(await api.postOf('U-GM', caseChannel, res))).toMatch(/^@Joris Bakker is toegevoegd als hoofdaannemer\.\s*$/);
    expect(res.reply.message?.title).toBe('Geplaatst');
    expect(res.reply.message?.lines).toEqual([expect.stringMatching(/^Let op: de toestemming van het gezin/)]);
    const mine = (await api.messages('U-GM', caseChannel)).filter((m) => m.kind === 'ephemeral').at(-1)!;
    expect(mine).toMatchObject({ typed: '/casus lid @Joris hoofdaannemer', about: { id: caseChannel, messageId: res.posted } });
    expect(textOf(mine.message)).not.toContain('toegevoegd');
    const c = card(await posts('U-GM'));
    expect(textOf(c?.message)).toMatch(/Regie op zorg \(hoofdaannemer\): @Joris Bakker/);
    expect(textOf(c?.message)).toMatch(/Regie op veiligheid \(gezinsmanager\): @Sanne de Wit/);
  });

  it('refuses a command from someone outside the case, only to them', async () => {
    const res = await api.command('U-OA', caseChannel, '/signaal zorg iets');
    expect(res.reply.error).toBe(true);
    const seen = await api.messages('U-OA', caseChannel);
    expect(seen.filter((m) => m.kind === 'ephemeral')).toEqual([expect.objectContaining({ error: true, typed: '/signaal zorg iets' })]);
    expect((await api.messages('U-GM', caseChannel)).some((m) => m.typed === '/signaal zorg iets')).toBe(false);
  });

  it('lets the hoofdaannemer file a signal with a Bevestigen button', async () => {
    const res = await api.command('U-HA', caseChannel, '/signaal zorg normaal Afspraak met school twee keer niet nagekomen');
    expect(res.reply.error).toBe(false);
    const signal = signalPost(await posts('U-GM'));
    expect(signal).toBeDefined();
    expect(textOf(signal?.message)).toContain('Gemeld door: @Joris Bakker');
    expect(signal?.message?.actions?.map((a) => [a.id, a.label])).toEqual([['signal.ack', 'Bevestigen']]);
    expect(textOf(card(await posts('U-GM'))?.message)).toMatch(/S-1 zorg \(normaal\), gemeld door @Joris Bakker, niet bevestigd/);
  });

  it('does not let the hoofdaannemer acknowledge their own signal', async () => {
    const signal = signalPost(await posts('U-HA'));
    const ack = signal?.message?.actions?.[0];
    const res = await api.action('U-HA', caseChannel, 'signal.ack', ack?.value ?? '', signal?.id);
    expect(res.reply.error).toBe(true);
    expect(signalPost(await posts('U-HA'))?.message?.actions).toHaveLength(1);
  });

  it('the gezinsmanager presses Bevestigen: the signal and the case card show both', async () => {
    const signal = signalPost(await posts('U-GM'));
    const ack = signal?.message?.actions?.[0];
    const res = await api.action('U-GM', caseChannel, 'signal.ack', ack?.value ?? '', signal?.id);
    expect(res.reply.error).toBe(false);
    expect(res.reply.message?.title).toContain('S-1 is bevestigd');

    const list = await posts('U-OA');
    const updated = signalPost(list);
    // Updated in place: same sandbox message, no button any more.
    expect(updated?.id).toBe(signal?.id);
    expect(updated?.edited).not.toBeNull();
    expect(updated?.message?.actions ?? []).toEqual([]);
    const text = textOf(updated?.message);
    expect(text).toContain('Gemeld door: @Joris Bakker');
    expect(text).toContain('Bevestigd door @Sanne de Wit');

    const cardText = textOf(card(list)?.message);
    expect(cardText).toMatch(/S-1 zorg \(normaal\), gemeld door @Joris Bakker, bevestigd door @Sanne de Wit/);
    expect(cardText).toContain('@Sanne de Wit');
    expect(cardText).toContain('@Joris Bakker');

    const info = await api.command('U-GM', caseChannel, '/casus info');
    expect(textOf(info.reply.message)).toMatch(/S-1 zorg \(normaal\), gemeld door @Joris Bakker, bevestigd door @Sanne de Wit/);
  });

  it('an alarming signal reaches the gezinsmanager as a direct message, only her', async () => {
    const res = await api.command('U-HA', caseChannel, '/signaal veiligheid hoog Zorgen na huisbezoek');
    expect(res.reply.error).toBe(false);
    await env.app.flush();
    // (The hoofdaannemer's welcome on being added went to him, not to her.)
    const direct = await api.messages('U-GM', 'direct');
    expect(direct).toHaveLength(1);
    expect(direct[0]).toMatchObject({ kind: 'direct', about: { id: caseChannel, name: 'casus-tst-101' } });
    expect(textOf(direct[0]?.message)).toContain('Nieuw signaal in casus TST-101 (hoog)');
    // The direct message names the case, never the signal's text.
    expect(textOf(direct[0]?.message)).not.toContain('huisbezoek');
    const others = [...(await api.messages('U-HA', 'direct')), ...(await api.messages('U-OA', 'direct'))];
    expect(others.map((m) => textOf(m.message))).toEqual([expect.stringMatching(/^Welkom in casus TST-101/)]);
  });

  it('a refused form names its field, speaks without command syntax, and puts nothing in the chat', async () => {
    const before = (await api.messages('U-GM', caseChannel)).length;
    const { status, body } = await api.post('form', { userId: 'U-GM', channelId: caseChannel, formId: 'veiligheid', values: { actueel: '12', blijvend: '4' } });
    expect(status).toBe(200);
    expect(body.reply.error).toBe(true);
    expect(body.reply.field).toBe('actueel');
    expect(textOf(body.reply.message)).toContain('0 tot en met 10');
    expect(textOf(body.reply.message)).not.toContain('/veiligheid');
    expect(await api.messages('U-GM', caseChannel)).toHaveLength(before);
  });

  it('answers bad requests with 400 and a Dutch reason', async () => {
    const bad: [string, unknown, RegExp][] = [
      ['command', { userId: 'U-GM', channelId: caseChannel, text: '' }, /typ een commando/],
      ['command', { userId: 'iemand', channelId: caseChannel, text: '/help' }, /Onbekende gebruiker/],
      ['command', { userId: 'U-GM', channelId: 'C-bestaat-niet', text: '/help' }, /Onbekend kanaal/],
      ['action', { userId: 'U-GM', channelId: caseChannel, actionId: 'signal.ack', value: 1 }, /value/],
      ['form', { userId: 'U-GM', channelId: caseChannel, formId: 'signaal' }, /values/],
    ];
    for (const [path, body, reason] of bad) {
      const res = await api.post(path, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^Ongeldig verzoek|^Onbekend/);
      expect(res.body.error).toMatch(reason);
    }
  });
});
