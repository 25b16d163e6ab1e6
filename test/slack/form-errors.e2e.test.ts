/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../fakes/slack-sign.js';
import { bsnForms } from '../privacy/forms.js';
import { openCase, startSlackApp, type SlackApp } from './app-rig.js';

// Issue 22, Deliver 1 on Slack: a refused form stays open (`response_action:
// errors`, which the strict fake accepts only with input block ids of the
// submitted view), the error is under the field concerned and in the form's
// words, never the typed command's syntax; nothing is recorded or posted.
// Number fields carry their range. Codes and texts are invented.

const gm: SimUser = { id: 'U0GM00022', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00022', name: 'trajectbegeleider.test' };

let rig: SlackApp;
let caseChannel: string;

async function settle(): Promise<void> {
  await rig.slack.settled();
  await rig.app.flush();
}

/** Types the bare command that opens a form and returns the view the app sent to views.open. */
async function openForm(user: SimUser, cmd: string): Promise<any> {
  rig.fake.reset();
  await rig.sim.command(user, caseChannel, cmd, '');
  await settle();
  const view = rig.fake.callsOf('views.open').at(-1)?.args.view;
  expect(view).toBeDefined();
  return view;
}

/** Submits and returns the answer, with what reached the channel and the person while it was handled. */
async function submit(user: SimUser, view: any, values: Record<string, string>) {
  rig.fake.reset();
  const res = await rig.sim.submit(user, view, values);
  await settle();
  return { res, posted: rig.fake.callsOf('chat.postMessage'), told: rig.fake.callsOf('chat.postEphemeral') };
}

/** No line of the typed command's usage: the `/word`, `<placeholders>` or `key:value` syntax. */
function expectFormWords(text: string): void {
  expect(text).not.toMatch(/\/(signaal|inzet|veiligheid|overleg)\b|<[a-z-]+>|\w+:\w+/);
}

beforeAll(async () => {
  rig = await startSlackApp();
  caseChannel = await openCase(rig, 'FRM-2201', gm, [{ user: ha, role: 'hoofdaannemer' }]);
});

afterAll(async () => {
  await rig?.close();
});

describe('Slack forms keep what was typed', () => {
  it('the score fields carry their range 0 to 10', async () => {
    const view = await openForm(gm, '/veiligheid');
    const numbers = view.blocks.filter((b: any) => b.element?.type === 'number_input');
    expect(numbers.map((b: any) => [b.block_id, b.element.min_value, b.element.max_value])).toEqual([
      ['actueel', '0', '10'],
      ['blijvend', '0', '10'],
    ]);
  });

  it('a score of 12 (an old client, a forged request) is refused under the actueel field, in form words', async () => {
    const view = await openForm(gm, '/veiligheid');
    const { res, posted, told } = await submit(gm, view, { actueel: '12', blijvend: '4' });
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['actueel']);
    expect(res.json.errors.actueel).toContain('"12" is geen geldige score voor actuele veiligheid');
    expectFormWords(res.json.errors.actueel);
    expect(posted).toEqual([]);
    expect(told).toEqual([]);
  });

  it('a signal text holding a BSN is refused under the text field; the other fields are untouched', async () => {
    const view = await openForm(ha, '/signaal');
    const { res, posted } = await submit(ha, view, { soort: 'zorg', urgentie: 'hoog', tekst: `moeder belde, bsn ${bsnForms()[0]![1]}` });
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['tekst']);
    expect(res.json.errors.tekst).toContain('BSN');
    expect(res.json.errors.tekst).not.toContain(bsnForms()[0]![1]);
    expectFormWords(res.json.errors.tekst);
    expect(posted).toEqual([]);
  });

  it('a referral whose start is before its referral date is refused under that date, not as command syntax', async () => {
    const view = await openForm(gm, '/inzet');
    const { res, posted } = await submit(gm, view, { aanbieder: 'Jeugdhulp Noord', rol: 'ha', spic: '11', verwezen: '2026-03-02', 'start-uiterlijk': '2026-02-20' });
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['start-uiterlijk']);
    expectFormWords(res.json.errors['start-uiterlijk']);
    expect(posted).toEqual([]);
  });

  it('a refusal with no field of its own (a role the form is not for) still stays in the modal, under an input', async () => {
    const view = await openForm(gm, '/veiligheid');
    const { res, posted } = await submit(ha, view, { actueel: '5', blijvend: '4' });
    expect(res.json.response_action).toBe('errors');
    const [key] = Object.keys(res.json.errors);
    expect(view.blocks.find((b: any) => b.block_id === key)?.type).toBe('input');
    expect(posted).toEqual([]);
  });

  it('the same form accepted afterwards closes and is recorded', async () => {
    const view = await openForm(gm, '/veiligheid');
    const { res, posted } = await submit(gm, view, { actueel: '6', blijvend: '4' });
    expect(res.text).toBe('');
    expect(posted.some((c) => c.args.channel === caseChannel)).toBe(true);
  });
});
