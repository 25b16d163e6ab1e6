import { demoUsers } from '../../adapters/sandbox/users.js';

// The one set of demo people of the whole suite: the sandbox's four demo users
// (adapters/sandbox/users.ts) and the other roles some tests need. Invented
// people only. Platform rigs give them their own ids (Teams '29:…'), never
// other names.
export const people: Readonly<Record<string, string>> = {
  ...Object.fromEntries(demoUsers.map((u) => [u.id, u.name])),
  'U-GM2': 'Ilse Jansen',
  'U-GD': 'Ahmed Yilmaz',
  'U-SP': 'Lotte Mulder',
  'U-XX': 'Piet Buiten',
};

/** The name of a demo person; throws for an id that is not one, so a typo cannot pass as a name. */
export function nameOf(userId: string): string {
  const name = people[userId];
  if (!name) throw new Error(`no demo person ${userId} in test/helpers/people.ts`);
  return name;
}

/** A mention of a demo person, as the platforms hand it to the core: `<@U-HA|Joris Bakker>`. */
export function mentionOf(userId: string): string {
  return `<@${userId}|${nameOf(userId)}>`;
}
