import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { coreHarness, type CoreHarness } from '../core/harness.js';
import { lineSink } from '../helpers/logs.js';

// Logs carry case codes and record ids, never signal text, personal data,
// tokens or secrets.

describe('log redaction', () => {
  let h: CoreHarness;
  const signalText = 'moeder belde huilend over de nieuwe vriend';
  const response = 'ik bel de school vandaag';
  beforeAll(async () => {
    h = await coreHarness({ env: { SLACK_SIGNING_SECRET: 'geheim-signing-secret-77', SLACK_BOT_TOKEN: 'xoxb-geheim-77' } });
    await h.say('U-GM', '/casus nieuw LOG-001 gezin met een lange titel');
    await h.say('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer');
    await h.say('U-HA', `/signaal veiligheid hoog ${signalText}`);
    await h.say('U-GM', `/signaal bevestig S-1 ${response}`);
    await h.say('U-OA', `/signaal zorg normaal ${signalText}`);
    await h.say('U-GM', '/signaal zorg normaal mail naar iemand@voorbeeld.nl of bel 06-12345678');
  });
  afterAll(async () => {
    await h.close();
  });

  it('logs each command with its case code', () => {
    const lines = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const commands = lines.filter((l) => l.msg === 'command' || l.msg === 'command refused');
    expect(commands.map((l) => [l.command, l.caseCode, l.refused])).toEqual(
      expect.arrayContaining([
        ['casus.lid', 'LOG-001', false],
        ['signaal.nieuw', 'LOG-001', false],
        ['signaal.bevestig', 'LOG-001', false],
      ]),
    );
  });

  it('never logs what people typed, contact details, tokens or secrets', () => {
    const all = h.logs.join('\n');
    for (const secret of [signalText, response, 'lange titel', 'iemand@voorbeeld.nl', '06-12345678', 'xoxb-geheim-77', 'geheim-signing-secret-77']) {
      expect(all).not.toContain(secret);
    }
  });

  it('censors free-text and secret fields wherever a log call puts them', () => {
    const out: string[] = [];
    const log = createLogger(
      'info',
      lineSink(out),
    );
    log.info({ caseCode: 'LOG-002', signalId: 7, text: signalText, token: 'xoxb-1', headers: { authorization: 'Bearer abc' }, payload: { text: 'x' } }, 'test');
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(line.caseCode).toBe('LOG-002');
    expect(line.signalId).toBe(7);
    expect(line.text).toBe('[verwijderd]');
    expect(line.token).toBe('[verwijderd]');
    expect(line.payload).toBe('[verwijderd]');
    expect((line.headers as Record<string, unknown>).authorization).toBe('[verwijderd]');
  });
});
