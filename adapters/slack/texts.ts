import { catalog } from '../../src/public.js';

// Words the Slack adapter itself says at its door, before the core is asked.

export const slackTexts = catalog({
  nl: {
    replayTitle: 'Al verwerkt',
    replayText: 'Dit verzoek is al eerder ontvangen en verwerkt. Er is niets opnieuw vastgelegd.',
    close: 'Sluiten',
    busy: (what: string, seconds: number) => `Slack is even te druk (${what}). Probeer het over ${seconds} seconden opnieuw.`,
    refused: (what: string, reason: string) => `Slack weigert ${what}: ${reason}.`,
    slackSays: (code: string) => `Slack meldt "${code}"`,
    namesTaken: (name: string, variants: number) =>
      `Slack kon het privékanaal voor de casus niet aanmaken: de naam ${name} (en ${variants} varianten) is al in gebruik. Kies een andere casuscode, of koppel een bestaand kanaal met /casus koppel.`,
    doInvite: 'het uitnodigen van de gebruiker in het casuskanaal',
    doRemove: 'het verwijderen van de gebruiker uit het casuskanaal',
    doCreate: 'het aanmaken van het privékanaal voor de casus',
    reasons: {
      missing_scope: 'de app mist een toestemming (scope); installeer de app opnieuw vanuit manifest/slack.yaml',
      restricted_action: 'de werkruimte staat de app niet toe dit te doen',
      not_in_channel: 'de app is geen lid van dit kanaal; voeg de app eerst toe',
      channel_not_found: 'het kanaal bestaat niet (meer) of de app heeft er geen toegang toe',
      user_not_found: 'die gebruiker bestaat niet in deze werkruimte',
      user_is_restricted: 'die gebruiker mag niet in dit kanaal worden uitgenodigd',
      user_is_ultra_restricted: 'die gebruiker (gast) mag niet in dit kanaal worden uitgenodigd',
      cant_invite: 'die gebruiker kan niet worden uitgenodigd',
      cant_kick_self: 'de app kan zichzelf niet verwijderen',
      cant_kick_from_general: 'niemand kan uit het algemene kanaal worden verwijderd',
      is_archived: 'het kanaal is gearchiveerd',
      invalid_name_specials: 'de casuscode geeft geen geldige kanaalnaam',
    } as Record<string, string>,
  },
  en: {
    replayTitle: 'Already handled',
    replayText: 'This request was received and handled before. Nothing was recorded again.',
    close: 'Close',
    busy: (what: string, seconds: number) => `Slack is busy (${what}). Try again in ${seconds} seconds.`,
    refused: (what: string, reason: string) => `Slack refused ${what}: ${reason}.`,
    slackSays: (code: string) => `Slack reports "${code}"`,
    namesTaken: (name: string, variants: number) =>
      `Slack could not create the case's private channel: the name ${name} (and ${variants} variants) is taken. Choose another case code, or link an existing channel with /casus koppel.`,
    doInvite: 'inviting the user into the case channel',
    doRemove: 'removing the user from the case channel',
    doCreate: "creating the case's private channel",
    reasons: {
      missing_scope: 'the app lacks a permission (scope); reinstall the app from manifest/slack.yaml',
      restricted_action: 'the workspace does not allow the app to do this',
      not_in_channel: 'the app is not a member of this channel; add the app first',
      channel_not_found: 'the channel does not exist (any more) or the app has no access to it',
      user_not_found: 'that user does not exist in this workspace',
      user_is_restricted: 'that user may not be invited into this channel',
      user_is_ultra_restricted: 'that user (a guest) may not be invited into this channel',
      cant_invite: 'that user cannot be invited',
      cant_kick_self: 'the app cannot remove itself',
      cant_kick_from_general: 'nobody can be removed from the general channel',
      is_archived: 'the channel is archived',
      invalid_name_specials: 'the case code does not make a valid channel name',
    } as Record<string, string>,
  },
});
