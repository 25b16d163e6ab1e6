import { catalog, type Logger, ProvisionError } from '../../src/public.js';
import { manualRemovalStep } from './channels.js';
import { type GraphFailure, GraphError, type Graph } from './graph.js';
import type { ConversationRef, TeamsStore } from './store.js';

// `/casus verwijder` on Teams with TEAMS_GRAPH_REMOVE=1: the provisioner's
// `remove`. Graph can take a person out of a private or shared channel only; a
// standard channel's members are the team's, and a group chat is not a
// channel. Whatever Graph cannot do becomes a ProvisionError whose text says
// why and names the manual step: the core then tells the channel and the
// gezinsmanager that the person can still read it. Regiebot's own access is
// already revoked before this runs.

const texts = catalog({
  nl: {
    permission:
      'Microsoft Graph weigerde het: de app van regiebot heeft de toestemming ChannelMember.ReadWrite.All niet gekregen. Vraag de beheerder die toe te kennen.',
    throttled: 'Microsoft Graph had het te druk en weigerde het ook na een paar pogingen.',
    unavailable: 'Microsoft Graph was niet bereikbaar.',
    signin: 'Regiebot kon zich niet aanmelden bij Microsoft Graph. Vraag de beheerder de app-registratie na te kijken.',
    refused: (status: string) => `Microsoft Graph weigerde het${status}.`,
    onlyChannels: 'Regiebot haalt via Microsoft Graph alleen mensen uit privé- en gedeelde kanalen, niet uit een groepschat.',
    noEntraId: (who: string) => `Teams gaf voor ${who} geen Entra-id, en zonder die kan Microsoft Graph niemand uit een kanaal halen.`,
    noTeam: 'Regiebot weet niet bij welk team dit kanaal hoort, en dat heeft Microsoft Graph nodig.',
    notListed: (who: string) =>
      `${who} staat niet zelf in de ledenlijst van dit kanaal. In een gedeeld kanaal kan iemand meelezen via een team waarmee het kanaal gedeeld is; dat kan regiebot niet nagaan of veranderen.`,
  },
  en: {
    permission:
      'Microsoft Graph refused: regiebot\'s app has not been granted the permission ChannelMember.ReadWrite.All. Ask the administrator to grant it.',
    throttled: 'Microsoft Graph was too busy and refused even after a few tries.',
    unavailable: 'Microsoft Graph could not be reached.',
    signin: 'Regiebot could not sign in to Microsoft Graph. Ask the administrator to check the app registration.',
    refused: (status: string) => `Microsoft Graph refused${status}.`,
    onlyChannels: 'Through Microsoft Graph regiebot takes people out of private and shared channels only, not out of a group chat.',
    noEntraId: (who: string) => `Teams gave no Entra id for ${who}, and without one Microsoft Graph cannot take anyone out of a channel.`,
    noTeam: 'Regiebot does not know which team this channel belongs to, and Microsoft Graph needs that.',
    notListed: (who: string) =>
      `${who} is not on this channel's own member list. In a shared channel someone can read along through a team the channel is shared with; regiebot cannot check or change that.`,
  },
});

export interface RemovalDeps {
  graph: Graph;
  store: TeamsStore;
  log: Logger;
  /** The channel's kind as the latest activity told, when this process heard it. */
  channelType(conversationId: string): string | undefined;
  /** The team's Microsoft 365 group id, asked of the Bot Connector when no activity carried it. */
  teamGroupId(ref: ConversationRef): Promise<string | undefined>;
}

/** An Entra object id is a GUID; a Teams id (`29:…`) is what the core keeps when Teams gave none. */
const entraId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function reason(failure: GraphFailure, status?: number): string {
  const t = texts();
  switch (failure) {
    case 'permission':
      return t.permission;
    case 'throttled':
      return t.throttled;
    case 'unavailable':
      return t.unavailable;
    case 'signin':
      return t.signin;
    case 'not-supported':
    case 'refused':
      return t.refused(status ? ` (HTTP ${status})` : '');
  }
}

export function graphRemoval(deps: RemovalDeps): (conversationId: string, userId: string) => Promise<void> {
  const { graph, store, log } = deps;

  return async function remove(conversationId, userId) {
    const who = `<@${userId}>`;
    const ref = await store.conversation(conversationId);
    const channelType = deps.channelType(conversationId) ?? ref?.channelType ?? undefined;
    const step = () => manualRemovalStep(ref?.type, who, channelType);
    const refuse = (why: string) => new ProvisionError(why ? `${why} ${step()}` : step());
    if (ref?.type !== 'channel') throw refuse(texts().onlyChannels);
    // The step says why: nobody leaves a standard channel but by leaving the team.
    if (channelType === 'standard') throw refuse('');
    if (!entraId.test(userId)) throw refuse(texts().noEntraId(who));
    let groupId = ref.teamGroupId ?? undefined;
    if (!groupId) {
      try {
        groupId = await deps.teamGroupId(ref);
      } catch (err) {
        log.warn({ error: (err as Error).message }, 'teams: team van het kanaal niet gevonden bij de Bot Connector');
      }
    }
    if (!groupId) throw refuse(texts().noTeam);
    let outcome: 'removed' | 'absent';
    try {
      outcome = await graph.removeChannelMember(groupId, conversationId, userId);
    } catch (err) {
      if (!(err instanceof GraphError)) throw err;
      log.warn({ failure: err.failure, status: err.status, code: err.code }, 'teams: Microsoft Graph haalde het lid niet uit het kanaal');
      // Graph says so for a standard channel whose type no activity told.
      if (err.failure === 'not-supported') throw new ProvisionError(`${reason(err.failure, err.status)} ${manualRemovalStep('channel', who, 'standard')}`);
      throw refuse(reason(err.failure, err.status));
    }
    log.info({ outcome }, 'teams: lid via Microsoft Graph uit het kanaal gehaald');
    // Not on a private channel's list: not in it. A shared channel also lets in
    // whole teams it is shared with ("indirect members"), whom Graph cannot take
    // out one by one: then nobody may claim the person can no longer read it.
    if (outcome === 'absent' && channelType !== 'private') throw refuse(texts().notListed(who));
  };
}
