import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClient, startSandboxApp, textOf } from './helpers.js';

// The largest realistic case through the sandbox (the same as through Teams in
// test/teams/large-case.e2e.test.ts): 50 open signals, 50 results of about
// 4,000 characters, 10 referrals. The sandbox has no size limit, so everything
// stays readable in full; the agenda shortens each result to its first words
// and says where the whole text is. Everything is invented.

const words = 'het gezin werkt met de trajectbegeleider aan een vaste dagstructuur, school en rust in huis 🏠 ';
const resultText = (n: number) => `doel ${n}: ${words.repeat(60)}`.slice(0, 3990).trim();

describe('the largest realistic case through the sandbox', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;
  let channel = '';
  const ok = async (user: string, text: string) => {
    const res = await api.command(user, channel, text);
    expect(res.reply.error, `${text}: ${textOf(res.reply.message)}`).toBe(false);
    return res;
  };

  beforeAll(async () => {
    env = await startSandboxApp();
    api = sandboxClient(env.base);
    channel = (await api.command('U-GM', 'C-algemeen', '/casus nieuw TST-351 groot gezin')).switchTo ?? '';
    await ok('U-GM', '/casus lid @Joris hoofdaannemer');
    await ok('U-GM', '/casus fase ondersteunen');
    await ok('U-GM', '/inzet Horizon ha spic 7 verwezen vandaag');
    for (let i = 1; i <= 9; i++) await ok('U-GM', `/inzet Kompas${i} oa spic 3 verwezen vandaag`);
    for (let i = 1; i <= 50; i++) await ok('U-GM', `/resultaat nieuw ${resultText(i)}`);
    for (let i = 1; i <= 50; i++) await ok('U-HA', `/signaal zorg normaal zorgen over de schoolgang, melding ${i}`);
    await ok('U-HA', '/resultaat voortgang R-1 achter schoolgang wisselend');
    await env.app.flush();
  }, 300_000);
  afterAll(async () => {
    await env?.cleanup();
  });

  it('the pinned card and the lists show all of it', async () => {
    const pinned = (await api.messages('U-GM', channel)).find((m) => m.pinned);
    const card = textOf(pinned?.message);
    expect(card).toContain('S-50 zorg (normaal)');
    expect(card).toContain(`R-50 ${resultText(50)}: nog geen voortgang`);
    expect(card).toContain('Kompas9 (OA, SPIC 3)');
    expect(textOf((await ok('U-HA', '/signaal lijst')).reply.message)).toContain('S-50 · zorg · normaal');
    expect(textOf((await ok('U-HA', '/resultaat lijst')).reply.message)).toContain(`R-1 ${resultText(1)}: achter`);
  });

  it('/overleg agenda walks through all 50 open results with their status, before the signals', async () => {
    const agenda = textOf((await ok('U-HA', '/overleg agenda')).reply.message);
    const plan = agenda.slice(agenda.indexOf('Het plan: open resultaten'), agenda.indexOf('Open signalen'));
    expect(plan.match(/^(?:Het plan: open resultaten: )?R-\d+ doel \d+: /gm)).toHaveLength(50);
    expect(plan).toMatch(/R-1 doel 1: het gezin .*…: achter sinds \d{2}-\d{2}-\d{4} \(schoolgang wisselend\)/);
    expect(plan).toMatch(/R-50 doel 50: .*…: nog geen voortgang/);
  });

  it('the overleg form offers every open result with a real "ongewijzigd" choice', async () => {
    const form = (await api.command('U-GM', channel, '/overleg gehouden')).reply.form!;
    const statuses = form.fields.filter((f) => /^r\d+$/.test(f.name));
    expect(statuses).toHaveLength(50);
    expect(statuses.every((f) => f.options?.every((o) => o.value !== '') && f.initial === 'ongewijzigd')).toBe(true);
  });
});
