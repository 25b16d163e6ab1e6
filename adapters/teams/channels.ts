import { catalog, type ConversationAccess } from '../../src/public.js';

// Who can read a Teams conversation, and how a person gets out of one by hand.
// A bot can neither see a channel's membership type through the Bot Connector
// nor remove anyone without Microsoft Graph (`removal.ts`, when configured);
// what Teams tells in the activity is all there is.

const texts = catalog({
  nl: {
    removeFromChannel: (who: string) =>
      `Haal ${who} nu zelf uit het Teams-kanaal: ga naar het kanaal, kies ••• (Meer opties) naast de kanaalnaam → Kanaal beheren → Leden, en klik bij ${who} op × (Verwijderen).`,
    removeFromChat: (who: string) =>
      `Haal ${who} nu zelf uit de groepschat: klik bovenin de chat op het personen-icoon (Deelnemers weergeven en toevoegen), wijs ${who} aan en kies Uit chat verwijderen.`,
    removeFromTeam: (who: string) =>
      `Dit is een standaardkanaal: het hele team leest het, en niemand kan alleen uit dit kanaal worden gehaald. Hoort ${who} niet meer in het team, ga dan naar het team, kies ••• (Meer opties) naast de teamnaam → Team beheren → Leden, en klik bij ${who} op × (Verwijderen). Anders: koppel de casus aan een privékanaal.`,
  },
  en: {
    removeFromChannel: (who: string) =>
      `Take ${who} out of the Teams channel yourself now: go to the channel, choose ••• (More options) next to the channel name → Manage channel → Members, and click × (Remove) next to ${who}.`,
    removeFromChat: (who: string) =>
      `Take ${who} out of the group chat yourself now: click the people icon at the top of the chat (View and add participants), point at ${who} and choose Remove from chat.`,
    removeFromTeam: (who: string) =>
      `This is a standard channel: the whole team reads it, and nobody can be taken out of this channel alone. If ${who} no longer belongs in the team, go to the team, choose ••• (More options) next to the team name → Manage team → Members, and click × (Remove) next to ${who}. Otherwise, link the case to a private channel.`,
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

/**
 * The step the gezinsmanager takes in Teams to take a person out, by kind of
 * conversation: a group chat, a private or shared channel (its own member
 * list), or a standard channel (whose members are the team's).
 */
export function manualRemovalStep(conversationType: string | null | undefined, who: string, channelType?: string | null): string {
  if (conversationType === 'groupChat') return texts().removeFromChat(who);
  return channelType === 'standard' ? texts().removeFromTeam(who) : texts().removeFromChannel(who);
}
