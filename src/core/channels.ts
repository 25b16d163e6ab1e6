import { catalog } from '../i18n/index.js';
import type { Reply } from '../kernel/message.js';
import { ProvisionError, type Provisioner } from './api.js';
import { refusal } from '../kernel/replies.js';

// A case channel must be private: everyone who can read the channel reads the
// signals, the card and the export. The platform says who can read it; the
// core decides, so that every platform refuses alike.

const texts = catalog({
  nl: {
    notPrivateTitle: 'Dit kanaal is niet privé: er is niets vastgelegd',
    checkFailedTitle: 'Niet gekoppeld: het kanaal kon niet worden gecontroleerd',
    publicChannel:
      'Een casus hoort in een privékanaal. Dit kanaal kan iedereen in de werkruimte of het hele team vinden en lezen, dus ook mensen die niets met het gezin te maken hebben.',
    directChat:
      'Een casus hoort in een privékanaal, niet in een direct bericht of groepsgesprek: daaruit kan niemand worden verwijderd, en er kan niemand bij.',
    noAccess:
      'Regiebot kan dit kanaal niet zien. Is het een privékanaal, voeg regiebot er dan eerst aan toe (kanaalinstellingen → Integraties → Apps toevoegen) en typ de opdracht opnieuw.',
    makePrivate: (code: string) => `Maak een privékanaal met alleen de betrokkenen, voeg regiebot eraan toe en typ daar /casus koppel ${code}.`,
    letUsCreate: (code: string) => `Of typ hier /casus nieuw ${code}: dan maakt regiebot zelf een privékanaal voor de casus.`,
    checkFailed: 'Ik kon niet nagaan of dit een privékanaal is. Er is niets vastgelegd. Probeer het over een minuut opnieuw; lukt het dan nog niet, meld het aan de beheerder.',
    unknownWarning:
      'Let op: het platform zegt niet of dit een privékanaal is. Een casus hoort in een privékanaal; in een standaardkanaal leest het hele team mee. Is dit geen privékanaal, sluit de casus dan hier af en koppel hem in een privékanaal.',
  },
  en: {
    notPrivateTitle: 'This channel is not private: nothing was recorded',
    checkFailedTitle: 'Not linked: the channel could not be checked',
    publicChannel:
      'A case belongs in a private channel. Anyone in the workspace or the whole team can find and read this channel, including people who have nothing to do with the family.',
    directChat:
      'A case belongs in a private channel, not in a direct message or group DM: nobody can be taken out of those, and nobody can be added.',
    noAccess:
      'Regiebot cannot see this channel. If it is a private channel, add regiebot to it first (channel settings → Integrations → Add apps) and type the command again.',
    makePrivate: (code: string) => `Create a private channel with only the people involved, add regiebot to it and type /casus koppel ${code} there.`,
    letUsCreate: (code: string) => `Or type /casus nieuw ${code} here: regiebot then creates a private channel for the case itself.`,
    checkFailed: 'I could not check whether this is a private channel. Nothing was recorded. Try again in a minute; if it still fails, tell the administrator.',
    unknownWarning:
      'Note: the platform does not say whether this is a private channel. A case belongs in a private channel; in a standard channel the whole team reads along. If this is not a private channel, close the case here and link it in a private channel.',
  },
});

/** Whether a case may live in the conversation: a refusal, or a go with perhaps a warning for the answer. */
export type ChannelVerdict = { ok: false; reply: Reply } | { ok: true; warning?: string };

/**
 * Asks the platform who can read the conversation. Only `private` passes
 * silently; `unknown` passes with a warning (Teams payloads that carry no
 * channel type); everything else is refused before anything is stored.
 */
export async function checkCaseConversation(
  provisioner: Provisioner | undefined,
  conversationId: string,
  code: string,
  options: { suggestNew: boolean },
): Promise<ChannelVerdict> {
  if (!provisioner?.accessOf) return { ok: true };
  const t = texts();
  let access;
  try {
    access = await provisioner.accessOf(conversationId);
  } catch (err) {
    // The platform's own reason (a missing scope, a wait) helps the administrator; the title must not claim the channel is public.
    return { ok: false, reply: refusal(t.checkFailedTitle, t.checkFailed, err instanceof ProvisionError ? [err.message] : undefined) };
  }
  const how = [t.makePrivate(code), ...(options.suggestNew && provisioner.createsChannels ? [t.letUsCreate(code)] : [])];
  switch (access) {
    case 'private':
      return { ok: true };
    case 'unknown':
      return { ok: true, warning: t.unknownWarning };
    case 'public':
      return { ok: false, reply: refusal(t.notPrivateTitle, t.publicChannel, how) };
    case 'direct':
      return { ok: false, reply: refusal(t.notPrivateTitle, t.directChat, how) };
    case 'no-access':
      return { ok: false, reply: refusal(t.notPrivateTitle, t.noAccess) };
  }
}
