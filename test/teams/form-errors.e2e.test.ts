/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { referrals, safetyScores } from '../../db/schema.js';
import { cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// Issue 22, Deliver 1 on Teams: a refused form card is refreshed for the
// person who pressed it, with what they typed filled in and the error right
// under the field concerned, in the form's words (no command syntax); nothing
// is recorded. Number inputs carry their range. Codes and texts are invented.

let rig: TeamsRig;

/** Types `word` as the gezinsmanager and returns the id of the form card the bot answered with. */
async function openForm(word: string): Promise<string> {
  rig.connector.reset();
  await rig.sim.message(users.gm, channel, word);
  await rig.app.flush();
  const reply = rig.connector.callsOf('send').find((c) => c.conversationId?.startsWith(`${channel.id};`));
  expect(reply?.activityId).toBeDefined();
  return reply!.activityId!;
}

/** The card's body element after the input `f_<field>`: where an error under that field stands. */
function underField(card: any, field: string): any {
  const i = card.body.findIndex((e: any) => e.id === `f_${field}`);
  expect(i).toBeGreaterThanOrEqual(0);
  return card.body[i + 1];
}

function inputValue(card: any, field: string): unknown {
  return card.body.find((e: any) => e.id === `f_${field}`)?.value;
}

beforeAll(async () => {
  rig = await startTeams();
  await rig.sim.message(users.gm, channel, 'casus nieuw FRM-2202');
  await rig.app.flush();
});

afterAll(async () => {
  await rig?.close();
});

describe('Teams form cards keep what was typed', () => {
  it('the score inputs carry their range 0 to 10', async () => {
    const id = await openForm('veiligheid');
    const card = rig.connector.cardOf(id);
    expect(card.body.filter((e: any) => e.type === 'Input.Number').map((e: any) => [e.id, e.min, e.max])).toEqual([
      ['f_actueel', 0, 10],
      ['f_blijvend', 0, 10],
    ]);
  });

  it('a score of 12 refreshes the card with 12 and 4 filled in and the error under the actueel field', async () => {
    const id = await openForm('veiligheid');
    rig.connector.reset();
    const res = await rig.sim.submit(users.gm, channel, id, { actueel: '12', blijvend: '4', toelichting: 'na het huisbezoek' });
    await rig.app.flush();
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = res.body.value;
    expect([inputValue(card, 'actueel'), inputValue(card, 'blijvend'), inputValue(card, 'toelichting')]).toEqual([12, 4, 'na het huisbezoek']);
    expect(cardText(underField(card, 'actueel'))).toContain('"12" is geen geldige score voor actuele veiligheid');
    expect(cardText(card)).not.toMatch(/veiligheid actueel <|\/veiligheid/);
    // The error stands once, under its field: not repeated above the inputs.
    expect(cardText(card).match(/geen geldige score/g)).toHaveLength(1);
    // Nothing recorded, nothing sent or updated for the others.
    expect(await rig.app.db.q.select().from(safetyScores)).toEqual([]);
    expect(rig.connector.callsOf()).toEqual([]);
  });

  it('a referral with its start before the referral date: the error under the start date, the rest kept', async () => {
    const id = await openForm('inzet');
    const res = await rig.sim.submit(users.gm, channel, id, { aanbieder: 'Jeugdhulp Noord', rol: 'oa', spic: '3B', verwezen: '2026-03-02', 'start-uiterlijk': '2026-02-20' });
    const card = res.body.value;
    expect([inputValue(card, 'aanbieder'), inputValue(card, 'rol'), inputValue(card, 'spic')]).toEqual(['Jeugdhulp Noord', 'oa', '3B']);
    expect(cardText(underField(card, 'start-uiterlijk'))).toMatch(/🚨/);
    expect(cardText(card)).not.toMatch(/\/inzet|<datum>|start-uiterlijk </);
    expect(await rig.app.db.q.select().from(referrals)).toEqual([]);
  });

  it('an older client (Action.Submit, a message with a value) gets the form card again, filled in, with the error', async () => {
    const activity = rig.sim.messageActivity(users.gm, channel, '', { mentionBot: false });
    delete activity.text;
    activity.value = { regiebot: 'form', formId: 'veiligheid', f_actueel: '5', f_blijvend: '-1' };
    rig.connector.reset();
    await rig.sim.post(activity);
    await rig.app.flush();
    const reply = rig.connector.callsOf('send').find((c) => c.conversationId?.startsWith(`${channel.id};`));
    const card = reply!.body.attachments[0].content;
    expect(inputValue(card, 'actueel')).toBe(5);
    expect(cardText(underField(card, 'blijvend'))).toContain('blijvende veiligheid');
    expect(await rig.app.db.q.select().from(safetyScores).where(eq(safetyScores.blijvend, -1))).toEqual([]);
  });

  it('accepted afterwards, the score is recorded and the card replaced by the answer', async () => {
    const id = await openForm('veiligheid');
    const res = await rig.sim.submit(users.gm, channel, id, { actueel: '6', blijvend: '4' });
    await rig.app.flush();
    expect(cardText(res.body.value)).toMatch(/^Ingevuld door/);
    expect(await rig.app.db.q.select().from(safetyScores)).toEqual([expect.objectContaining({ actueel: 6, blijvend: 4 })]);
  });
});
