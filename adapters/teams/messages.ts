import { catalog } from '../../src/public.js';

// What the Teams adapter itself says: a card shortened to fit, its welcome, what
// only Teams lacks (files without Graph rights).

export const texts = catalog({
  nl: {
    more: (n: number, command?: string) => `… en ${n} meer${command ? `: alles met ${command}` : ' (ingekort voor Teams)'}`,
    shortened: (command?: string) => `Lange regels zijn ingekort voor Teams${command ? `; alles met ${command}` : ''}.`,
    attachmentNote: 'Teams staat een bot zonder Graph-rechten geen bestanden in een kanaal toe. De beheerder maakt dit bestand met npm run export -- <casuscode>.',
    welcomeTitle: 'Hallo, ik ben regiebot',
    welcome: 'Typ @regiebot gevolgd door een opdracht, bijvoorbeeld "@regiebot casus koppel <code>". Wat ik kan:',
    openMessage: 'Bekijk het bericht in het casusgesprek',
  },
  en: {
    more: (n: number, command?: string) => `… and ${n} more${command ? `: all of them with ${command}` : ' (shortened for Teams)'}`,
    shortened: (command?: string) => `Long lines are shortened for Teams${command ? `; all of it with ${command}` : ''}.`,
    attachmentNote: 'Teams does not let a bot without Graph rights post files in a channel. The administrator makes this file with npm run export -- <case code>.',
    welcomeTitle: 'Hello, I am regiebot',
    welcome: 'Type @regiebot followed by a command, for example "@regiebot casus koppel <code>". What I can do:',
    openMessage: 'Open the message in the case conversation',
  },
});
