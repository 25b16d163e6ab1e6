import type { Db, Tx } from '../../db/connection.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { linkTeam, notATeamChannel, teamByConversation } from '../basisteams/service.js';
import { allows, access } from '../cases/access.js';
import { texts as caseTexts } from '../cases/messages.js';
import { activeMembers, caseById, caseByCode, caseByConversation, membershipOf, type CaseRow } from '../cases/model.js';
import { addMember, caseInfo, closeCase, createCase, linkCase, refreshCard, setPhase, setTeam, timeline } from '../cases/service.js';
import { dayOf, type Clock } from '../clock.js';
import { parseCommand } from '../commands/parse.js';
import type { Command, CommandName } from '../commands/types.js';
import { helpText } from '../commands/usage.js';
import type { Settings } from '../config.js';
import { buildDigest } from '../digests/build.js';
import { words } from '../i18n/common.js';
import type { Logger } from '../log.js';
import { agenda, planMeeting, recordMeeting } from '../meetings/service.js';
import type { ActionId, FormId, Reply } from '../message.js';
import { bsnRefusal, containsBsn } from '../privacy/bsn.js';
import { contactWarning, findContactDetails } from '../privacy/contact.js';
import { recordStart, recordStop, refer, referralForm, referralFormLine } from '../referrals/service.js';
import { recordScore, scoreForm, scoreFormLine } from '../safety/service.js';
import { signalById } from '../signals/model.js';
import { acknowledgeById, acknowledgeByNumber, closeSignal, fileSignal, listSignals, signalForm, signalFormLine } from '../signals/service.js';
import type { Core, Provisioner } from './api.js';
import { texts as coreTexts } from './messages.js';
import { answer, refusal } from './replies.js';
import { Scope } from './scope.js';

export interface CoreDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  log: Logger;
  provisioner: (platform: Context['actor']['platform']) => Provisioner | undefined;
}

/** Commands that only read: they work on closed cases and never touch the card. */
const readOnly = new Set<CommandName>([
  'casus.info',
  'casus.tijdlijn',
  'casus.export',
  'signaal.lijst',
  'signaal.formulier',
  'veiligheid.grafiek',
  'veiligheid.formulier',
  'inzet.formulier',
  'overleg.agenda',
]);

const formLines: Record<FormId, (values: Record<string, string>) => string> = {
  signaal: signalFormLine,
  veiligheid: scoreFormLine,
  inzet: referralFormLine,
};

export function createCore(deps: CoreDeps): Core {
  const { db, settings, log } = deps;
  const listeners: Array<() => void> = [];
  const notify = () => {
    for (const l of listeners) l();
  };

  /** Runs `fn` in a transaction; tells the senders when it committed. */
  async function write<T>(fn: (tx: Tx) => T): Promise<T> {
    const result = await db.tx(fn);
    notify();
    return result;
  }

  function noCase(): Reply {
    const t = caseTexts();
    return refusal(t.noCase, t.noCaseHow);
  }

  /** Membership and role checks from the access table; undefined when allowed. */
  function check(kase: CaseRow, role: string | undefined, name: CommandName): Reply | undefined {
    const t = caseTexts();
    const rule = access[name];
    if (rule === 'anyone') return undefined;
    if (!role) return refusal(t.refusedTitle, t.notMember(kase.code));
    if (!allows(rule, role as never)) {
      const w = words();
      const who = rule === 'member' ? '' : rule.map((r) => `de ${w.role[r]}`).join(' of ');
      return refusal(t.refusedTitle, t.roleRefused(kase.code, who));
    }
    if (kase.status === 'closed' && !readOnly.has(name)) return refusal(t.refusedTitle, t.closedCase(kase.code));
    return undefined;
  }

  function scopeFor(tx: Tx, ctx: Context, kase: CaseRow): Scope {
    const me = membershipOf(tx, kase.id, ctx.actor.platform, ctx.actor.userId);
    return new Scope(tx, ctx, settings, dayOf(ctx.now), kase, me, activeMembers(tx, kase.id));
  }

  /** Runs a handler; when it changed anything, the pinned card follows. */
  function refreshingCard(s: Scope, fn: () => Reply): Reply {
    const before = db.totalChanges();
    const reply = fn();
    if (!reply.error && db.totalChanges() !== before) refreshCard(s);
    return reply;
  }

  function run(s: Scope, command: Command): Reply {
    switch (command.name) {
      case 'casus.info':
        return caseInfo(s);
      case 'casus.tijdlijn':
        return timeline(s);
      case 'casus.lid':
        return addMember(s, command.userId, command.displayName, command.role);
      case 'casus.fase':
        return setPhase(s, command.phase);
      case 'casus.team':
        return setTeam(s, command.team);
      case 'casus.afsluiten':
        return closeCase(s, command.reason);
      case 'signaal.nieuw':
        return fileSignal(s, command);
      case 'signaal.bevestig':
        return acknowledgeByNumber(s, command.number, command.response);
      case 'signaal.sluit':
        return closeSignal(s, command.number, command.outcome);
      case 'signaal.lijst':
        return listSignals(s);
      case 'signaal.formulier':
        return { form: signalForm() };
      case 'veiligheid.score':
        return recordScore(s, command);
      case 'veiligheid.formulier':
        return { form: scoreForm() };
      case 'inzet.nieuw':
        return refer(s, command);
      case 'inzet.gestart':
        return recordStart(s, command.provider, command.date);
      case 'inzet.gestopt':
        return recordStop(s, command.provider, command.reason);
      case 'inzet.formulier':
        return { form: referralForm() };
      case 'overleg.gepland':
        return planMeeting(s, command.date, command.time);
      case 'overleg.gehouden':
        return recordMeeting(s, command.decisions, command.date);
      case 'overleg.agenda':
        return agenda(s);
      default:
        return notYet(command.name);
    }
  }

  async function newCase(ctx: Context, code: string, title?: string): Promise<Reply> {
    const t = caseTexts();
    const taken = caseByCode(db.q, code);
    if (taken) return refusal(t.codeTaken(code), t.codeTaken(code));
    const provisioner = deps.provisioner(ctx.actor.platform);
    let conversationId = ctx.conversationId;
    if (provisioner) {
      try {
        conversationId = await provisioner.createCaseConversation({
          code,
          ...(title ? { title } : {}),
          requestedIn: ctx.conversationId,
          creatorId: ctx.actor.userId,
        });
      } catch (err) {
        log.error({ caseCode: code, err: { message: (err as Error).message } }, 'case conversation could not be created');
        return refusal(t.refusedTitle, coreTexts().provisionFailed);
      }
    }
    return write((tx) => {
      const linked = caseByConversation(tx, ctx.actor.platform, conversationId);
      if (linked) return refusal(t.alreadyLinked(linked.code), t.alreadyLinked(linked.code));
      const kase = createCase(tx, ctx, code, conversationId, title);
      if (kase === 'taken') return refusal(t.codeTaken(code), t.codeTaken(code));
      refreshCard(scopeFor(tx, ctx, kase));
      return answer({ title: conversationId === ctx.conversationId ? t.created(code) : t.createdWhere(code), tone: 'success' });
    });
  }

  async function handleCommand(ctx: Context, command: Command): Promise<Reply> {
    switch (command.name) {
      case 'help': {
        const h = helpText(command.topic);
        return answer({ title: h.title, lines: h.lines });
      }
      case 'casus.nieuw':
        return newCase(ctx, command.code, command.title);
      case 'casus.koppel':
        return write((tx) => {
          const { reply, kase } = linkCase(tx, ctx, command.code);
          if (kase) refreshCard(scopeFor(tx, ctx, kase));
          return reply;
        });
      case 'team.koppel':
        return write((tx) => linkTeam(tx, ctx, command.team));
      case 'digest': {
        const team = teamByConversation(db.q, ctx);
        if (!team) return notATeamChannel();
        return answer(buildDigest(db.q, team, ctx.now, settings));
      }
      default:
        break;
    }
    const mutates = !readOnly.has(command.name);
    const body = (tx: Tx): Reply => {
      const kase = caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return noCase();
      const s = scopeFor(tx, ctx, kase);
      const denied = check(kase, s.me?.role, command.name);
      if (denied) return denied;
      return mutates ? refreshingCard(s, () => run(s, command)) : run(s, command);
    };
    if (!mutates) return body(db.q);
    return write(body);
  }

  async function handleText(ctx: Context, text: string): Promise<Reply> {
    // A BSN is refused before anything else looks at the text: nothing of it
    // is parsed, stored or logged.
    if (containsBsn(text)) {
      await db.tx((tx) => audit(tx, ctx.actor, 'bsn.geweigerd', null, '-', ctx.now));
      return refusal(caseTexts().bsnTitle, bsnRefusal());
    }
    const parsed = parseCommand(text, { today: dayOf(ctx.now) });
    if (!parsed.ok) return refusal(caseTexts().errorTitle, parsed.error, parsed.usage);
    const reply = await handleCommand(ctx, parsed.command);
    const contact = findContactDetails(text);
    if (!reply.error && reply.message && (contact.email || contact.phone)) {
      reply.message.lines = [...(reply.message.lines ?? []), `${caseTexts().contactWarning}: ${contactWarning(contact)}`];
    }
    return reply;
  }

  async function handleAction(ctx: Context, actionId: ActionId, value: string): Promise<Reply> {
    const id = Number(value);
    if (actionId === 'signal.ack' && Number.isInteger(id) && id > 0) {
      return write((tx) => {
        const signalCase = caseForSignal(tx, id);
        if (!signalCase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
        const s = scopeFor(tx, ctx, signalCase);
        const denied = check(signalCase, s.me?.role, 'signaal.bevestig');
        if (denied) return denied;
        return refreshingCard(s, () => acknowledgeById(s, id));
      });
    }
    return notYet(actionId);
  }

  async function submitForm(ctx: Context, formId: FormId, values: Record<string, string>): Promise<Reply> {
    const line = formLines[formId];
    if (!line) return refusal(caseTexts().errorTitle, coreTexts().unknownForm);
    return handleText(ctx, line(values));
  }

  return {
    handleText,
    handleCommand,
    handleAction,
    submitForm,
    onOutbox(listener) {
      listeners.push(listener);
    },
  };
}

function caseForSignal(tx: Tx, signalId: number): CaseRow | undefined {
  const signal = signalById(tx, signalId);
  return signal ? caseById(tx, signal.caseId) : undefined;
}

function notYet(what: string): Reply {
  return refusal(caseTexts().errorTitle, coreTexts().unsupported(what));
}
