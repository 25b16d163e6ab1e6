// The demo users of the sandbox. Invented people and organisations only:
// the sandbox is for trying the bot, never for real case data.

export interface DemoUser {
  id: string;
  /** What the core records as the member's name. */
  name: string;
  /** The part one types after `@`. */
  firstName: string;
  /** Their usual role; the role in a case is still set with `/casus lid`. */
  role: string;
  organisation: string;
}

export const demoUsers: readonly DemoUser[] = [
  { id: 'U-GM', name: 'Sanne de Wit', firstName: 'Sanne', role: 'gezinsmanager', organisation: 'GI Regio Voorbeeld' },
  { id: 'U-HA', name: 'Joris Bakker', firstName: 'Joris', role: 'hoofdaannemer', organisation: 'Zorgaanbieder Horizon' },
  { id: 'U-HV', name: 'Noor Smit', firstName: 'Noor', role: 'hulpverlener', organisation: 'Zorgaanbieder Horizon' },
  { id: 'U-OA', name: 'Fatima El Amrani', firstName: 'Fatima', role: 'onderaannemer', organisation: 'Praktijk De Brug' },
  { id: 'U-TL', name: 'Marloes Visser', firstName: 'Marloes', role: 'teamleider', organisation: 'GI Regio Voorbeeld, basisteam Noord' },
];

export function demoUser(id: string): DemoUser | undefined {
  return demoUsers.find((u) => u.id === id);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Longest first, so '@Sanne de Wit' wins over '@Sanne'.
const candidates = demoUsers
  .flatMap((u) => [u.name, u.firstName, u.id].map((key) => ({ key, user: u })))
  .sort((a, b) => b.key.length - a.key.length);
const mentionPattern = new RegExp(
  `(?<=^|[\\s(,;])@(${candidates.map((c) => escape(c.key)).join('|')})(?=$|[\\s.,;:!?)])`,
  'giu',
);

/**
 * The sandbox's mention form (`@Joris`, `@Joris Bakker`, `@U-HA`, any case)
 * becomes the platform-neutral `<@U-HA|Joris Bakker>`, so the core sees what
 * Slack would send. Anything else after an `@` is left alone.
 */
export function toCoreMentions(text: string): string {
  return text.replace(mentionPattern, (whole, key: string) => {
    const hit = candidates.find((c) => c.key.toLowerCase() === key.toLowerCase());
    return hit ? `<@${hit.user.id}|${hit.user.name}>` : whole;
  });
}
