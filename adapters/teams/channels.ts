import { catalog, type ConversationAccess } from '../../src/public.js';

// Who can read a Teams conversation, and how a person gets out of one. A bot
// can neither see a channel's membership type through the Bot Connector nor
// remove anyone without Microsoft Graph; what Teams tells in the activity is
// all there is.

const texts = catalog({
  nl: {
    removeFromChannel: (who: string) =>
      `Haal ${who} nu zelf uit het Teams-kanaal: ga naar het kanaal, kies ••• (Meer opties) naast de kanaalnaam → Kanaal beheren → Leden, en klik bij ${who} op × (Verwijderen).`,
    removeFromChat: (who: string) =>
      `Haal ${who} nu zelf uit de groepschat: klik bovenin de chat op het personen-icoon (Deelnemers weergeven en toevoegen), wijs ${who} aan en kies Uit chat verwijderen.`,
  },
  en: {
    removeFromChannel: (who: string) =>
      `Take ${who} out of the Teams channel yourself now: go to the channel, choose ••• (More options) next to the channel name → Manage channel → Members, and click × (Remove) next to ${who}.`,
    removeFromChat: (who: string) =>
      `Take ${who} out of the group chat yourself now: click the people icon at the top of the chat (View and add participants), point at ${who} and choose Remove from chat.`,
  },
});

/** The channel's kind as Teams sends it in `channelData.channel`: `type` in current payloads, `membershipType` in Graph's spelling. */
export function channelTypeOf(channel: { type?: unknown; membershipType?: unknown } | undefined): string | undefined {
  const value = channel?.type ?? channel?.membershipType;
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}

/**
 * A personal chat is direct; a group chat holds only the people in it; a
 * channel is private or shared (its own member list) or standard (the whole
 * team reads it). Without a type Teams leaves it unknown.
 */
export function accessOf(conversationType: string | null | undefined, channelType: string | undefined): ConversationAccess {
  if (conversationType === 'personal') return 'direct';
  if (conversationType === 'groupChat') return 'private';
  if (channelType === 'standard') return 'public';
  if (channelType === 'private' || channelType === 'shared') return 'private';
  return 'unknown';
}

/** The step the gezinsmanager takes in Teams to take a person out, by kind of conversation. */
export function manualRemovalStep(conversationType: string | null | undefined, who: string): string {
  return conversationType === 'groupChat' ? texts().removeFromChat(who) : texts().removeFromChannel(who);
}
