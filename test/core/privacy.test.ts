import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signals } from '../../db/schema.js';
import type { Context } from '../../src/actors.js';
import type { Reply } from '../../src/kernel/message.js';
import { storedText } from '../helpers/database.js';
import { bsnForms, testBsn, tracesIn } from '../privacy/forms.js';
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

describe('BSN guard at the core boundary, every form and every way in', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness();
    await fullCase(h, 'TST-401');
  });
  afterAll(async () => {
    await h.close();
  });

  const refused = (reply: Reply) => {
    expect(reply.error).toBe(true);
    expect(reply.message?.title).toMatch(/BSN/);
    expect(reply.message?.text).toMatch(/niets opgeslagen/);
    expect(textOfReply(reply)).toEqual(expect.not.stringContaining(testBsn));
  };

  for (const [name, written] of bsnForms()) {
    it(`refuses it written with ${name}: typed line, channel label, form field, ready-made command, button value`, async () => {
      refused(await h.say('U-HA', `/signaal zorg normaal vader noemde ${written} aan de telefoon`));
      refused(await h.say('U-GM', `/resultaat nieuw zie <#C0CASE|${written}>`));
      refused(await h.app.core.submitForm(h.ctx('U-HA'), 'signaal', { soort: 'zorg', urgentie: 'normaal', tekst: `nummer ${written}` }));
      refused(await h.app.core.handleCommand(h.ctx('U-GM'), { name: 'resultaat.nieuw', text: `dossier ${written}` }));
      refused(await h.app.core.handleCommand(h.ctx('U-GM'), { name: 'casus.team', team: `Team ${written}` }));
      refused(await h.app.core.handleAction(h.ctx('U-GM'), 'case.close', `1|${written}`));
    });
  }

  it('hides a mention label that holds one, and still adds the member', async () => {
    const reply = await h.say('U-GM', `/casus lid <@U-NEW|Piet ${bsnForms()[2]![1]}> onderaannemer`);
    expect(reply.error).toBeFalsy();
    expect(textOfReply(reply)).toContain('(naam verborgen)');
    const info = await h.say('U-GM', '/casus info');
    expect(textOfReply(info)).toContain('(naam verborgen)');
  });

  it("hides a sender's display name that holds one, and still records what they did", async () => {
    const ctx = h.ctx('U-HA');
    const sly: Context = { ...ctx, actor: { ...ctx.actor, displayName: `Joris ${bsnForms()[10]![1]}` } };
    const reply = await h.app.core.handleText(sly, '/signaal zorg laag moeder belde af');
    expect(reply.error).toBeFalsy();
    const reporters = await h.app.db.q.select({ name: signals.reporterName }).from(signals);
    expect(reporters.map((r) => r.name)).toContain('(naam verborgen)');
  });

  it('leaves no trace of any form in the database files (with -wal), the outbox or the logs', async () => {
    await h.app.flush();
    expect(tracesIn(await storedText(h.dbUrl))).toEqual([]);
    expect(tracesIn(h.logs.join(''))).toEqual([]);
  });
});

function textOfReply(reply: Reply): string {
  const m = reply.message;
  if (!m) return '';
  return [m.title, m.text ?? '', ...(m.lines ?? []), ...(m.fields ?? []).flatMap((f) => [f.label, f.value]), ...Object.values(m.names ?? {})].join('\n');
}
