export const platforms = ['slack', 'teams', 'sandbox'] as const;
export type Platform = (typeof platforms)[number];

export const roles = [
  'gezinsmanager',
  'hoofdaannemer',
  'hulpverlener',
  'onderaannemer',
  'teamleider',
  'gedragsdeskundige',
  'spoedhulp',
] as const;
export type Role = (typeof roles)[number];

/** Who typed a command or pressed a button: a platform user. */
export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
}

/** Where a command was typed, by whom, and when. */
export interface Context {
  actor: Actor;
  conversationId: string;
  now: Date;
}
