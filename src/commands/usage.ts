import { catalog } from '../i18n/index.js';
import { topics, type CommandName, type Topic } from './types.js';

// One row per command: the form exactly as shared/COMMANDS.md writes it, an
// example that parses (tests hold us to that), and who may use it. The forms
// are the same in every locale: the command words themselves are Dutch.
// Commands the contract does not list (casus verwijder, inzet afronden, the
// meeting form, escalatie lijst) are written in the same style; where a form
// of the contract gained an optional word (afsluiten bevestig, a date after
// gestopt), the row keeps the contract's form and the description tells.

interface Row {
  name: CommandName;
  topic: Topic;
  usage: string;
  example: string;
}

const forms = {
  'casus.nieuw': { topic: 'casus', usage: '/casus nieuw <code> [titel…]', example: '/casus nieuw AMS-2041 Intensief traject' },
  'casus.koppel': { topic: 'casus', usage: '/casus koppel <code>', example: '/casus koppel AMS-2041' },
  'casus.info': { topic: 'casus', usage: '/casus info', example: '/casus info' },
  'casus.tijdlijn': { topic: 'casus', usage: '/casus tijdlijn', example: '/casus tijdlijn' },
  // As the user types it; the platform turns "@Sanne" into a mention token.
  'casus.lid': { topic: 'casus', usage: '/casus lid <@gebruiker> <rol>', example: '/casus lid @Sanne hoofdaannemer' },
  'casus.fase': { topic: 'casus', usage: '/casus fase <verbinden|ondersteunen|borgen>', example: '/casus fase ondersteunen' },
  'casus.team': { topic: 'casus', usage: '/casus team <teamnaam>', example: '/casus team Basisteam Noord' },
  'casus.verwijder': { topic: 'casus', usage: '/casus verwijder <@gebruiker>', example: '/casus verwijder @Sanne' },
  'casus.afsluiten': { topic: 'casus', usage: '/casus afsluiten [reden…]', example: '/casus afsluiten Borgingsplan overgedragen aan het lokale team' },
  'casus.export': { topic: 'casus', usage: '/casus export', example: '/casus export' },
  'signaal.nieuw': {
    topic: 'signaal',
    usage:
      '/signaal <veiligheid|zorg|stagnatie|incident|positief> [acuut|hoog|normaal|laag] [oorzaak:gezin|hulp|samenwerking] [vertrouwelijk] <tekst…>',
    example: '/signaal stagnatie hoog oorzaak:hulp Wachtlijst bij de aanbieder, nog geen startgesprek',
  },
  'signaal.bevestig': { topic: 'signaal', usage: '/signaal bevestig <S-n> [reactie…]', example: '/signaal bevestig S-3 Gezien, ik bel vandaag de school' },
  'signaal.sluit': { topic: 'signaal', usage: '/signaal sluit <S-n> [uitkomst…]', example: '/signaal sluit S-3 Veiligheidsafspraak gemaakt' },
  'signaal.lijst': { topic: 'signaal', usage: '/signaal lijst', example: '/signaal lijst' },
  'signaal.formulier': { topic: 'signaal', usage: '/signaal', example: '/signaal' },
  'veiligheid.score': {
    topic: 'veiligheid',
    usage: '/veiligheid actueel <0-10> blijvend <0-10> [toelichting…]',
    example: '/veiligheid actueel 6 blijvend 4 Afspraken worden nagekomen',
  },
  'veiligheid.grafiek': { topic: 'veiligheid', usage: '/veiligheid grafiek', example: '/veiligheid grafiek' },
  'veiligheid.formulier': { topic: 'veiligheid', usage: '/veiligheid', example: '/veiligheid' },
  'inzet.nieuw': {
    topic: 'inzet',
    usage: '/inzet <aanbieder> <ha|oa> spic <code> verwezen <datum> [start-uiterlijk <datum>]',
    example: '/inzet "Jeugdhulp Noord" ha spic 11 verwezen 02-03-2026 start-uiterlijk 30-03-2026',
  },
  'inzet.gestart': { topic: 'inzet', usage: '/inzet gestart <aanbieder> [datum]', example: '/inzet gestart "Jeugdhulp Noord" 16-03-2026' },
  'inzet.gestopt': { topic: 'inzet', usage: '/inzet gestopt <aanbieder> [reden…]', example: '/inzet gestopt "Jeugdhulp Noord" Doelen behaald' },
  'inzet.afronden': {
    topic: 'inzet',
    usage: '/inzet afronden <aanbieder> <datum> [reden…]',
    example: '/inzet afronden "Jeugdhulp Noord" 30-04-2026 Doelen behaald, afschalen naar het lokale team',
  },
  'inzet.formulier': { topic: 'inzet', usage: '/inzet', example: '/inzet' },
  'overleg.gepland': { topic: 'overleg', usage: '/overleg gepland <datum> [tijd]', example: '/overleg gepland 14-04-2026 10:30' },
  'overleg.gehouden': {
    topic: 'overleg',
    usage: '/overleg gehouden [datum] <besluiten…>',
    example: '/overleg gehouden vandaag Aanbieder start gezinsbegeleiding, evaluatie over zes weken',
  },
  'overleg.formulier': { topic: 'overleg', usage: '/overleg gehouden [datum]', example: '/overleg gehouden vandaag' },
  'overleg.agenda': { topic: 'overleg', usage: '/overleg agenda', example: '/overleg agenda' },
  'resultaat.nieuw': { topic: 'resultaat', usage: '/resultaat nieuw <tekst…>', example: '/resultaat nieuw De kinderen gaan elke schooldag naar school' },
  'resultaat.voortgang': {
    topic: 'resultaat',
    usage: '/resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]',
    example: '/resultaat voortgang R-1 achter Nog twee dagen verzuim per week',
  },
  'resultaat.lijst': { topic: 'resultaat', usage: '/resultaat lijst', example: '/resultaat lijst' },
  'escalatie.nieuw': {
    topic: 'escalatie',
    usage: '/escalatie <onderwerp…>',
    example: '/escalatie hulp De aanbieder kan pas over acht weken starten, dat is te laat voor het gezin',
  },
  'escalatie.besluit': {
    topic: 'escalatie',
    usage: '/escalatie besluit <E-n> <besluit…>',
    example: '/escalatie besluit E-2 Het basisteam overbrugt tot de start van de aanbieder',
  },
  'escalatie.lijst': { topic: 'escalatie', usage: '/escalatie lijst', example: '/escalatie lijst' },
  'team.koppel': { topic: 'team', usage: '/team koppel <teamnaam>', example: '/team koppel Basisteam Noord' },
  digest: { topic: 'digest', usage: '/digest', example: '/digest' },
  help: { topic: 'help', usage: '/help [commando]', example: '/help signaal' },
} satisfies Record<CommandName, Omit<Row, 'name'>>;

// A record keyed by name, so the type checker refuses a command without a row.
const rows: readonly Row[] = (Object.keys(forms) as CommandName[]).map((name) => ({ name, ...forms[name] }));

const descriptions = catalog({
  nl: {
    'casus.nieuw': 'Maak een casus aan met een pseudonieme code met minstens één cijfer (AMS-2041), nooit een naam; jij wordt de gezinsmanager.',
    'casus.koppel': 'Koppel dit privékanaal aan een bestaande casus.',
    'casus.info': 'Toon de casuskaart: fase, regie, leden, open signalen.',
    'casus.tijdlijn': 'Toon wat er in de casus gebeurd is.',
    'casus.lid': 'Voeg iemand met een rol toe aan de casus.',
    'casus.fase': 'Zet de fase van de casus.',
    'casus.team': 'Koppel de casus aan een basisteam.',
    'casus.verwijder': 'Haal iemand uit de casus (ook: /casus lid <@gebruiker> weg).',
    'casus.afsluiten': 'Toon de borgingscheck voor het afsluiten; /casus afsluiten bevestig [reden…] sluit de casus echt af.',
    'casus.export': 'Exporteer de casus (voor het dossier).',
    'signaal.nieuw':
      'Meld een signaal: onveiligheid, zorg, stagnatie, een incident of iets positiefs. Met vertrouwelijk lezen alleen de gezinsmanager en de teamleider de inhoud; het kanaal ziet alleen dat er iets gemeld is.',
    'signaal.bevestig': 'Bevestig dat je een signaal gezien hebt.',
    'signaal.sluit': 'Sluit een signaal, met de uitkomst.',
    'signaal.lijst': 'Toon de open signalen.',
    'signaal.formulier': 'Open het formulier om een signaal te melden.',
    'veiligheid.score': 'Leg de scores voor actuele en blijvende veiligheid vast.',
    'veiligheid.grafiek': 'Toon het verloop van de veiligheidsscores.',
    'veiligheid.formulier': 'Open het formulier voor de veiligheidsscores.',
    'inzet.nieuw': 'Leg een verwijzing naar een aanbieder vast, met SPIC en verwijsdatum.',
    'inzet.gestart': 'Meld dat de aanbieder gestart is (startgesprek gehouden).',
    'inzet.gestopt':
      'Meld dat de inzet van een aanbieder gestopt is. Een datum direct na de aanbieder is de einddatum; in de toekomst kondigt die het einde aan.',
    'inzet.afronden': 'Leg vast dat de inzet van een aanbieder wordt afgerond, met de (geplande) einddatum.',
    'inzet.formulier': 'Open het formulier voor een verwijzing.',
    'overleg.gepland': 'Plan het uitvoerdersoverleg.',
    'overleg.gehouden': 'Leg een gehouden overleg en de besluiten vast.',
    'overleg.formulier': 'Open het formulier om een gehouden overleg vast te leggen, resultaat voor resultaat.',
    'overleg.agenda': 'Toon de agenda voor het volgende overleg.',
    'resultaat.nieuw': 'Leg een beoogd resultaat van het plan vast; het krijgt een nummer (R-1, R-2, …).',
    'resultaat.voortgang': 'Geef de voortgang van een resultaat: op koers, achter, behaald of vervallen.',
    'resultaat.lijst': 'Toon de resultaten en hun voortgang (ook: /resultaat).',
    'escalatie.nieuw':
      'Leg een meningsverschil voor aan de teamleider. Begin eventueel met het onderwerp: spic, hulp, afsluiting of anders.',
    'escalatie.besluit': 'Leg het besluit over een escalatie vast.',
    'escalatie.lijst': 'Toon de escalaties en hun besluiten.',
    'team.koppel': 'Maak van dit kanaal het teamkanaal van een basisteam.',
    digest: 'Toon nu het overzicht van het team.',
    help: 'Toon de commando’s, of de vormen van één commando.',
  } satisfies Record<CommandName, string>,
  en: {
    'casus.nieuw': 'Create a case with a pseudonymous code holding at least one digit (AMS-2041), never a name; you become its family manager.',
    'casus.koppel': 'Link this private channel to an existing case.',
    'casus.info': 'Show the case card: phase, who holds regie, members, open signals.',
    'casus.tijdlijn': 'Show what happened in the case.',
    'casus.lid': 'Add someone with a role to the case.',
    'casus.fase': 'Set the phase of the case.',
    'casus.team': 'Link the case to a basisteam.',
    'casus.verwijder': 'Remove someone from the case (also: /casus lid <@gebruiker> weg).',
    'casus.afsluiten': 'Show the borging check before closing; /casus afsluiten bevestig [reden…] really closes the case.',
    'casus.export': 'Export the case (for the file).',
    'signaal.nieuw':
      'Report a signal: unsafety, concern, stagnation, an incident or something positive. With vertrouwelijk only the family manager and the team leader read its content; the channel sees only that something was reported.',
    'signaal.bevestig': 'Confirm you have seen a signal.',
    'signaal.sluit': 'Close a signal, with its outcome.',
    'signaal.lijst': 'Show the open signals.',
    'signaal.formulier': 'Open the form to report a signal.',
    'veiligheid.score': 'Record the current and lasting safety scores.',
    'veiligheid.grafiek': 'Show the safety scores over time.',
    'veiligheid.formulier': 'Open the form for the safety scores.',
    'inzet.nieuw': 'Record a referral to a provider, with SPIC and referral date.',
    'inzet.gestart': 'Report that the provider has started (start meeting held).',
    'inzet.gestopt': 'Report that a provider has stopped. A date right after the provider is the end date; in the future it announces the end.',
    'inzet.afronden': 'Record that a provider’s work is being completed, with the (planned) end date.',
    'inzet.formulier': 'Open the form for a referral.',
    'overleg.gepland': 'Schedule the executors’ meeting.',
    'overleg.gehouden': 'Record a meeting that was held and its decisions.',
    'overleg.formulier': 'Open the form to record a meeting that was held, result by result.',
    'overleg.agenda': 'Show the agenda for the next meeting.',
    'resultaat.nieuw': 'Record an intended result of the plan; it gets a number (R-1, R-2, …).',
    'resultaat.voortgang': 'Report the progress of a result: on track, behind, achieved or dropped.',
    'resultaat.lijst': 'Show the results and their progress (also: /resultaat).',
    'escalatie.nieuw': 'Put a disagreement to the team leader. Optionally start with the topic: spic, hulp, afsluiting or anders.',
    'escalatie.besluit': 'Record the decision on an escalation.',
    'escalatie.lijst': 'Show the escalations and their decisions.',
    'team.koppel': 'Make this channel the team channel of a basisteam.',
    digest: 'Show the team overview now.',
    help: 'Show the commands, or the forms of one command.',
  },
});

const who = catalog({
  nl: {
    'casus.nieuw': 'iedereen (wordt de gezinsmanager van de casus)',
    'casus.koppel': 'de gezinsmanager van die casus, of bij een nieuwe casus; alleen in een privékanaal',
    'casus.info': 'leden van de casus',
    'casus.tijdlijn': 'leden van de casus',
    'casus.lid': 'gezinsmanager',
    'casus.fase': 'gezinsmanager',
    'casus.team': 'gezinsmanager',
    'casus.verwijder': 'gezinsmanager',
    'casus.afsluiten': 'gezinsmanager',
    'casus.export': 'gezinsmanager',
    'signaal.nieuw': 'leden van de casus',
    'signaal.bevestig': 'gezinsmanager, teamleider',
    'signaal.sluit': 'gezinsmanager, teamleider',
    'signaal.lijst': 'leden van de casus',
    'signaal.formulier': 'leden van de casus',
    'veiligheid.score': 'gezinsmanager',
    'veiligheid.grafiek': 'leden van de casus',
    'veiligheid.formulier': 'gezinsmanager',
    'inzet.nieuw': 'gezinsmanager',
    'inzet.gestart': 'gezinsmanager, medewerkers van die aanbieder',
    'inzet.gestopt': 'gezinsmanager, medewerkers van die aanbieder',
    'inzet.afronden': 'gezinsmanager, medewerkers van die aanbieder',
    'inzet.formulier': 'gezinsmanager',
    'overleg.gepland': 'gezinsmanager',
    'overleg.gehouden': 'gezinsmanager',
    'overleg.formulier': 'gezinsmanager',
    'overleg.agenda': 'leden van de casus',
    'resultaat.nieuw': 'gezinsmanager',
    'resultaat.voortgang': 'gezinsmanager, hoofdaannemer',
    'resultaat.lijst': 'leden van de casus',
    'escalatie.nieuw': 'gezinsmanager, hoofdaannemer',
    'escalatie.besluit': 'teamleider',
    'escalatie.lijst': 'leden van de casus',
    'team.koppel': 'iedereen in een teamkanaal',
    digest: 'iedereen in een teamkanaal',
    help: 'iedereen',
  } satisfies Record<CommandName, string>,
  en: {
    'casus.nieuw': 'anyone (becomes the case’s family manager)',
    'casus.koppel': 'the family manager of that case, or a new case; private channels only',
    'casus.info': 'members',
    'casus.tijdlijn': 'members',
    'casus.lid': 'family manager',
    'casus.fase': 'family manager',
    'casus.team': 'family manager',
    'casus.verwijder': 'family manager',
    'casus.afsluiten': 'family manager',
    'casus.export': 'family manager',
    'signaal.nieuw': 'members',
    'signaal.bevestig': 'family manager, team leader',
    'signaal.sluit': 'family manager, team leader',
    'signaal.lijst': 'members',
    'signaal.formulier': 'members',
    'veiligheid.score': 'family manager',
    'veiligheid.grafiek': 'members',
    'veiligheid.formulier': 'family manager',
    'inzet.nieuw': 'family manager',
    'inzet.gestart': 'family manager, that provider’s workers',
    'inzet.gestopt': 'family manager, that provider’s workers',
    'inzet.afronden': 'family manager, that provider’s workers',
    'inzet.formulier': 'family manager',
    'overleg.gepland': 'family manager',
    'overleg.gehouden': 'family manager',
    'overleg.formulier': 'family manager',
    'overleg.agenda': 'members',
    'resultaat.nieuw': 'family manager',
    'resultaat.voortgang': 'family manager, main provider',
    'resultaat.lijst': 'members',
    'escalatie.nieuw': 'family manager, main provider',
    'escalatie.besluit': 'team leader',
    'escalatie.lijst': 'members',
    'team.koppel': 'anyone in a team channel',
    digest: 'anyone in a team channel',
    help: 'anyone',
  },
});

const texts = catalog({
  nl: {
    topic: {
      casus: 'een casus aanmaken, koppelen en beheren: leden, fase, team, afsluiten',
      signaal: 'signalen melden, bevestigen en sluiten',
      veiligheid: 'scores voor actuele en blijvende veiligheid',
      inzet: 'verwijzingen naar aanbieders, hun start en hun einde',
      overleg: 'het uitvoerdersoverleg plannen en vastleggen',
      resultaat: 'de beoogde resultaten van het plan en hun voortgang',
      escalatie: 'een meningsverschil voorleggen aan de teamleider, en het besluit',
      team: 'een teamkanaal koppelen aan een basisteam',
      digest: 'het overzicht van het team',
      help: 'deze hulp',
    } satisfies Record<Topic, string>,
    title: 'Commando’s van regiebot',
    more: 'Typ /help <commando> voor de vormen en voorbeelden, bijvoorbeeld /help signaal.',
    example: 'Voorbeeld:',
    unknown: (topic: string) => `Geen hulp over "${topic}". Dit zijn de commando’s:`,
  },
  en: {
    topic: {
      casus: 'create, link and manage a case: members, phase, team, closing',
      signaal: 'report, confirm and close signals',
      veiligheid: 'current and lasting safety scores',
      inzet: 'referrals to providers, their start and their end',
      overleg: 'schedule and record the executors’ meeting',
      resultaat: 'the intended results of the plan and their progress',
      escalatie: 'put a disagreement to the team leader, and the decision',
      team: 'link a team channel to a basisteam',
      digest: 'the team overview',
      help: 'this help',
    },
    title: 'regiebot commands',
    more: 'Type /help <command> for its forms and examples, e.g. /help signaal.',
    example: 'Example:',
    unknown: (topic: string) => `No help about "${topic}". These are the commands:`,
  },
});

function rowOf(name: CommandName): Row {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`no usage row for ${name}`);
  return row;
}

export function usageOf(name: CommandName): string {
  return rowOf(name).usage;
}

export function isTopic(word: string): word is Topic {
  return (topics as readonly string[]).includes(word);
}

/** Every form of one topic, in the order of COMMANDS.md. */
export function topicUsage(topic: Topic): string[] {
  return rows.filter((r) => r.topic === topic).map((r) => r.usage);
}

/** One line per topic: what `/help` shows and what an unknown command quotes back. */
export function overviewLines(): string[] {
  const t = texts();
  return topics.map((topic) => `/${topic} — ${t.topic[topic]}`);
}

export function helpText(topic?: string): { title: string; lines: string[] } {
  const t = texts();
  const wanted = topic?.trim().replace(/^\//, '').toLowerCase();
  if (!wanted) return { title: t.title, lines: [...overviewLines(), t.more] };
  if (!isTopic(wanted)) return { title: t.unknown(topic ?? ''), lines: [...overviewLines(), t.more] };
  const d = descriptions();
  return {
    title: `/${wanted} — ${t.topic[wanted]}`,
    lines: rows
      .filter((r) => r.topic === wanted)
      .map((r) => `${r.usage} — ${d[r.name]} ${t.example} ${r.example}`),
  };
}

/** The whole command language, for the README and the Slack manifest. */
export function commandTable(): Array<{ name: CommandName; usage: string; example: string; description: string; who: string }> {
  const d = descriptions();
  const w = who();
  return rows.map((r) => ({ name: r.name, usage: r.usage, example: r.example, description: d[r.name], who: w[r.name] }));
}
