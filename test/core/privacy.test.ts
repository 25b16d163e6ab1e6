import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedText } from '../helpers/database.js';
import { coreHarness, fullCase, type CoreHarness } from './harness.js';

/** An invented number that passes the elfproef: eight digits and the check digit that fits. */
function inventedBsn(prefix: string): string {
  const digits = prefix.split('').map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
  for (let check = 0; check <= 9; check++) if ((sum - check) % 11 === 0) return prefix + check;
  return inventedBsn(String(Number(prefix) + 1).padStart(8, '0'));
}

describe('BSN guard', () => {
  let h: CoreHarness;
  const bsn = inventedBsn('27364819');
  beforeAll(async () => {
    h = await coreHarness();
    await fullCase(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const lines = [
    `/signaal veiligheid hoog kind met bsn ${bsn} is weggelopen`,
    `/casus nieuw TST-900 ${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`,
    `/veiligheid actueel 5 blijvend 5 zie ${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`,
    `/overleg gehouden vandaag besproken dossier ${bsn}`,
    `/signaal bevestig S-1 nummer ${bsn}`,
  ];

  for (const line of lines) {
    it(`refuses and stores nothing: ${line.split(' ').slice(0, 2).join(' ')}`, async () => {
      const reply = await h.say('U-GM', line);
      expect(reply.error).toBe(true);
      expect(reply.message?.title).toMatch(/BSN/);
      expect(reply.message?.text).toMatch(/niets.*opgeslagen|niet opgeslagen/i);
    });
  }

  it('through a form submission too', async () => {
    const reply = await h.app.core.submitForm(h.ctx('U-HA'), 'signaal', {
      soort: 'zorg',
      urgentie: 'normaal',
      tekst: `vader noemde ${bsn} aan de telefoon`,
    });
    expect(reply.error).toBe(true);
  });

  it('leaves no trace in the database file or the logs', async () => {
    await h.app.flush();
    expect(await storedText(h.dbUrl)).not.toContain(bsn);
    expect(h.logs.join('')).not.toContain(bsn);
    expect(h.logs.join('')).not.toContain(bsn.slice(0, 4));
  });

  it('does not refuse nine digits that fail the elfproef', async () => {
    const notBsn = bsn.slice(0, 8) + String((Number(bsn[8]) + 1) % 10);
    const reply = await h.say('U-HA', `/signaal zorg laag dossiernummer ${notBsn}`);
    expect(reply.error).toBeFalsy();
  });
});
