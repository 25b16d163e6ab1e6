/* eslint-disable @typescript-eslint/no-explicit-any -- the rules read Bot Framework JSON loosely, as the service does */
import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';

// What Microsoft Teams refuses from a bot, in one place, so that the fake Bot
// Connector (test/fakes/bot-connector.ts) refuses the same and a regression
// fails in the test that makes it. Each rule names the page it comes from.

type AdaptiveCards = typeof AdaptiveCardsModule;
// The package's `lib` build is ESM without file extensions, which Node cannot
// load; its `dist` build is a UMD bundle that needs no DOM to parse and validate.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;

export const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

/**
 * "The bot message size limit is 100 KB … If the bot message exceeds the size
 * limit, the bot receives a 413 status code (RequestEntityTooLarge), which
 * contains the error code MessageSizeTooBig." The limit is approximate and
 * "doesn't include base64 encoded image"; Microsoft recommends staying within
 * 80 KB. We count the serialized activity in UTF-8 bytes, without base64 image
 * data. (The page says the service counts UTF-16; the bot keeps a card within
 * 28 KB of UTF-8, which stays under 100 KB in either encoding.)
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 */
export const maxMessageBytes = 100 * 1024;

/**
 * Teams renders Adaptive Cards up to schema 1.5 ("Teams is also limited to
 * version 1.5"); a card that declares a higher version shows only its fallback.
 * https://learn.microsoft.com/microsoft-copilot-studio/guidance/adaptive-cards-overview
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference
 */
export const maxCardVersion = '1.5';

export interface TeamsRefusal {
  status: number;
  code: string;
  message: string;
}

const base64Image = /data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*/gi;

/** The size Teams counts: the activity's JSON in UTF-8 bytes, base64 images left out. */
export function activityBytes(activity: unknown): number {
  return Buffer.byteLength(JSON.stringify(activity ?? null).replace(base64Image, ''), 'utf8');
}

/**
 * What Microsoft's own `adaptivecards` library reports about a card, parsed at
 * the version the card declares: unknown elements and actions, properties the
 * version does not have, invalid values (parse events), and the card's own
 * validation (choices without title or value, inputs without a unique id…).
 * Hints are left out; everything else makes the card invalid.
 * https://learn.microsoft.com/adaptive-cards/sdk/rendering-cards/javascript/getting-started
 */
export function cardProblems(card: any): string[] {
  if (!card || typeof card !== 'object' || card.type !== 'AdaptiveCard') return ['the attachment is not an AdaptiveCard'];
  const problems: string[] = [];
  const declared = AC.Version.parse(String(card.version ?? ''), new AC.SerializationContext());
  if (!declared?.isValid) return [`invalid card version "${String(card.version)}"`];
  const max = AC.Version.parse(maxCardVersion, new AC.SerializationContext())!;
  if (declared.compareTo(max) > 0) problems.push(`card version ${declared.toString()} is above ${maxCardVersion}, the highest Teams renders`);
  const context = new AC.SerializationContext(declared);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events: Array<{ event: number; message: string }> = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  for (const e of events) {
    if (e.event === AC.ValidationEvent.Hint) continue;
    problems.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return problems;
}

/** Why Teams would refuse this activity (a send, a reply or an update), or undefined. */
export function teamsRefusal(activity: any): TeamsRefusal | undefined {
  const bytes = activityBytes(activity);
  if (bytes > maxMessageBytes) {
    return { status: 413, code: 'MessageSizeTooBig', message: `activity is ${bytes} bytes; the limit is ${maxMessageBytes}` };
  }
  for (const attachment of activity?.attachments ?? []) {
    if (attachment?.contentType !== adaptiveCardType) continue;
    const problems = cardProblems(attachment.content);
    if (problems.length) return { status: 400, code: 'BadArgument', message: `invalid Adaptive Card: ${problems.join('; ')}` };
  }
  return undefined;
}
