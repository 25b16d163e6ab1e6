// `npx tsx bench/teams-cards.ts`: how long the Teams adapter takes to size the
// largest realistic case card (50 signals, 50 results of ~4,000 characters)
// and what the case card and the overleg form card come to in bytes.
// Invented data only.

import { cardBytes, renderCard, renderFormCard } from '../adapters/teams/cards.js';
const words = 'het gezin werkt met de trajectbegeleider aan een vaste dagstructuur, school en rust in huis 🏠 ';
const results = Array.from({ length: 50 }, (_, i) => `R-${i + 1} doel: ${words.repeat(60).slice(0, 3990)}: nog geen voortgang`);
const signals = Array.from({ length: 50 }, (_, i) => `S-${i + 1} zorg (normaal), gemeld door Joris Bakker, open, 0 dagen`);
const m = { title: 'Casus TST-350', fields: [{ label: 'Open signalen', value: signals.join('\n'), more: '/signaal lijst' }, { label: 'Resultaten', value: results.join('\n'), more: '/resultaat lijst' }] };
const t = performance.now();
for (let i = 0; i < 20; i++) renderCard(m);
console.log('case card: ms per render', ((performance.now() - t) / 20).toFixed(1), 'bytes', cardBytes(renderCard(m)), 'unshortened bytes', Buffer.byteLength(JSON.stringify(m)));
const form = { id: 'overleg' as const, title: 'Overleg vastleggen', submitLabel: 'Vastleggen', overflow: 'Niet in dit formulier:', fields: results.flatMap((r, i) => [
  { name: `r${i + 1}`, label: r, type: 'select' as const, required: false, options: [{ value: 'ongewijzigd', label: '(ongewijzigd)' }], group: `R-${i + 1}` },
  { name: `r${i + 1}-toelichting`, label: `R-${i + 1}: toelichting`, type: 'text' as const, required: false, group: `R-${i + 1}` }]) };
const f = renderFormCard(form);
console.log('form card bytes', cardBytes(f), 'status inputs shown', f.body.filter((e: { id?: string }) => /^f_r\d+$/.test(e.id ?? '')).length);
