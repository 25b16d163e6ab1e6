import type { Role } from '../actors.js';
import type { CommandName } from '../commands/types.js';

/**
 * Who may run which command, in one table (shared/COMMANDS.md).
 * 'anyone': no case needed. 'member': any active member of the case.
 * A role list: members holding one of those roles. Rules that depend on the
 * record (a provider recording its own start) are refined in the service.
 */
export type Rule = 'anyone' | 'member' | readonly Role[];

const gm = ['gezinsmanager'] as const;

export const access: Record<CommandName, Rule> = {
  'casus.nieuw': 'anyone',
  'casus.koppel': 'anyone', // refined: the case's gezinsmanager, or a new case
  'casus.info': 'member',
  'casus.tijdlijn': 'member',
  'casus.lid': gm,
  'casus.fase': gm,
  'casus.team': gm,
  'casus.verwijder': gm,
  'casus.afsluiten': gm,
  'casus.export': gm,
  'signaal.nieuw': 'member',
  'signaal.formulier': 'member',
  'signaal.bevestig': ['gezinsmanager', 'teamleider'],
  'signaal.sluit': ['gezinsmanager', 'teamleider'],
  'signaal.lijst': 'member',
  'veiligheid.score': gm,
  'veiligheid.formulier': gm,
  'veiligheid.grafiek': 'member',
  'inzet.nieuw': gm,
  'inzet.formulier': gm,
  'inzet.gestart': ['gezinsmanager', 'hoofdaannemer', 'onderaannemer'],
  'inzet.gestopt': ['gezinsmanager', 'hoofdaannemer', 'onderaannemer'],
  'inzet.afronden': ['gezinsmanager', 'hoofdaannemer', 'onderaannemer'],
  'overleg.gepland': gm,
  'overleg.gehouden': gm,
  'overleg.formulier': gm,
  'overleg.agenda': 'member',
  'resultaat.nieuw': gm,
  'resultaat.voortgang': ['gezinsmanager', 'hoofdaannemer'],
  'resultaat.lijst': 'member',
  'escalatie.nieuw': ['gezinsmanager', 'hoofdaannemer'],
  'escalatie.besluit': ['teamleider'],
  'escalatie.lijst': 'member',
  'team.koppel': 'anyone',
  digest: 'anyone',
  help: 'anyone',
};

export function allows(rule: Rule, role: Role | undefined): boolean {
  if (rule === 'anyone') return true;
  if (role === undefined) return false;
  if (rule === 'member') return true;
  return rule.includes(role);
}
