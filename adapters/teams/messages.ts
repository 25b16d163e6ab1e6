import { catalog } from '../../src/i18n/index.js';

// What the Teams adapter itself says when a card has to be shortened to fit.

export const texts = catalog({
  nl: {
    more: (n: number, command?: string) => `… en ${n} meer${command ? `: alles met ${command}` : ' (ingekort voor Teams)'}`,
    shortened: (command?: string) => `Lange regels zijn ingekort voor Teams${command ? `; alles met ${command}` : ''}.`,
  },
  en: {
    more: (n: number, command?: string) => `… and ${n} more${command ? `: all of them with ${command}` : ' (shortened for Teams)'}`,
    shortened: (command?: string) => `Long lines are shortened for Teams${command ? `; all of it with ${command}` : ''}.`,
  },
});
