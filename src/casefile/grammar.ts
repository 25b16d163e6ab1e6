import type { Role } from '../actors.js';
import { fail, unlead, type Args } from '../commands/args.js';
import { consents } from '../commands/types.js';
import { say } from '../commands/messages.js';
import { isPseudonymousCode, MAX_TITLE, parseCaseCode, parseMention, phaseWords, roleWords, type Token } from '../commands/tokens.js';

// How the typed /casus lines read (the registry entries in commands.ts point
// here). `a` holds the words after /casus, its first the word that chose the entry.

/** Words after `/casus afsluiten` that close for real instead of showing the check. */
const confirmWords = new Set(['bevestig', 'bevestigd', 'definitief']);

/** `/casus lid <@gebruiker> weg`: the words that remove instead of adding. */
const removeWords = new Set(['weg', 'verwijder', 'verwijderen']);

export function readNew(a: Args) {
  const code = caseCode(a.at(1), 'casus.nieuw');
  const title = a.rest(2, 'casus.nieuw', MAX_TITLE);
  return title ? { name: 'casus.nieuw', code, title } : { name: 'casus.nieuw', code };
}

export function readLink(a: Args) {
  const code = caseCode(a.at(1), 'casus.koppel');
  a.end(2, 'casus.koppel');
  return { name: 'casus.koppel', code };
}

function caseCode(t: Token | undefined, command: string): string {
  if (!t) fail(say().missingCode, command);
  const code = t.quoted ? null : parseCaseCode(t.text);
  if (!code) fail(say().badCode(t.text), command);
  // Not echoed: a code without a digit is likely a name, and on Teams the answer is seen by the channel.
  if (!isPseudonymousCode(code)) fail(say().codeWithoutDigit, command);
  return code;
}

/** The roles that work for a provider (aanbieder); a hulpverlener always does. */
const providerRoles = new Set<Role>(['hoofdaannemer', 'hulpverlener', 'onderaannemer', 'spoedhulp']);

/**
 * `lid <@gebruiker> <rol> [aanbieder…]`; the person and the role may come the
 * other way round, they cannot be mistaken. The rest of the line is the
 * provider a provider's worker works for.
 * `lid <@gebruiker> weg` removes, as `verwijder <@gebruiker>` does.
 */
export function readMember(a: Args) {
  const N = 'casus.lid';
  const args = a.tokens.slice(1, 3);
  const found = args.map((t) => parseMention(t.text));
  const at = found.findIndex((m) => m !== null);
  const who = found[at];
  if (!who) {
    const notRole = args.find((t) => !roleWords.has(t.word) && !removeWords.has(t.word));
    return fail(notRole ? say().badMention(notRole.text) : say().missingMember, N);
  }
  const roleToken = args[at === 0 ? 1 : 0];
  if (!roleToken) fail(say().missingRole, N);
  if (removeWords.has(roleToken.word)) {
    a.end(3, N);
    return { name: 'casus.verwijder', ...who };
  }
  const role = roleWords.get(roleToken.word);
  if (!role) fail(say().badRole(roleToken.text), N);
  // A role that works for no provider takes nothing after it.
  if (!providerRoles.has(role)) a.end(3, N);
  const provider = a.length > 3 ? a.name(3, a.length, say().missingWorkerProvider, N) : undefined;
  if (!provider && role === 'hulpverlener') fail(say().missingWorkerProvider, N);
  return { name: N, ...who, role, ...(provider ? { provider } : {}) };
}

/** `verwijder <@gebruiker>` */
export function readRemoval(a: Args) {
  const N = 'casus.verwijder';
  const t = a.at(1);
  if (!t) fail(say().missingRemoveMember, N);
  const who = parseMention(t.text);
  if (!who) fail(say().badMention(t.text), N);
  a.end(2, N);
  return { name: N, ...who };
}

/** `overdragen <@gebruiker>` */
export function readHandover(a: Args) {
  const N = 'casus.overdragen';
  const t = a.at(1);
  if (!t) fail(say().missingHandover, N);
  const who = parseMention(t.text);
  if (!who) fail(say().badMention(t.text), N);
  a.end(2, N);
  return { name: N, ...who };
}

/** `toestemming <ja|nee|deels> [toelichting…]` */
export function readConsent(a: Args) {
  const N = 'casus.toestemming';
  const t = a.at(1);
  if (!t) fail(say().missingConsent, N);
  const consent = consents.find((c) => c === t.word);
  if (!consent || t.quoted) fail(say().badConsent(t.text), N);
  const note = unlead(a.rest(2, N));
  return { name: N, consent, ...(note ? { note } : {}) };
}

export function readPhase(a: Args) {
  const t = a.at(1);
  if (!t) fail(say().missingPhase, 'casus.fase');
  const phase = phaseWords.get(t.word);
  if (!phase) fail(say().badPhase(t.text), 'casus.fase');
  a.end(2, 'casus.fase');
  return { name: 'casus.fase', phase };
}

/** The team name is the rest of the line. */
export function readTeam(a: Args) {
  return { name: 'casus.team', team: a.name(1, a.length, say().missingTeam, 'casus.team') };
}

/** Without "bevestig" the core shows the borging check and closes nothing. */
export function readClose(a: Args) {
  const next = a.at(1);
  const confirm = next !== undefined && confirmWords.has(next.word);
  const reason = a.rest(confirm ? 2 : 1, 'casus.afsluiten');
  return { name: 'casus.afsluiten', ...(confirm ? { confirm: true } : {}), ...(reason ? { reason } : {}) };
}
