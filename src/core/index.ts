import type { Db, Tx } from '../../db/connection.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { linkTeam, notATeamChannel, teamByConversation } from '../basisteams/service.js';
import { allows, access } from '../cases/access.js';
import { texts as caseTexts } from '../cases/messages.js';
import { activeMembers, caseById, caseByCode, caseByConversation, membershipOf, type CaseRow } from '../cases/model.js';
import { closureCheck, confirmClosure } from '../cases/closure.js';
import { exportCase } from '../cases/export.js';
import { homeFor } from '../cases/home.js';
import { addMember, caseInfo, createCase, linkCase, refreshCard, removeMember, setPhase, setTeam, timeline } from '../cases/service.js';
import { decide, escalate, listEscalations } from '../escalations/service.js';
import { meetingForm } from '../meetings/service.js';
import { listResults, progress, addResult } from '../results/service.js';
import { recordFollowUp } from '../cases/followup.js';
import { meetingFormReviews } from '../meetings/form.js';
import { dayOf, type Clock } from '../clock.js';
import { parseCommand } from '../commands/parse.js';
import type { Command, CommandName } from '../commands/types.js';
import { helpText, usageOf } from '../commands/usage.js';
import type { Settings } from '../config.js';
import { digestWithChart } from '../digests/chart.js';
import { words } from '../i18n/common.js';
import type { Logger } from '../log.js';
import { agenda, planMeeting, recordMeeting } from '../meetings/service.js';
import { members } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import type { ActionId, FormId, Reply } from '../kernel/message.js';
import { bsnRefusal, containsBsn, maskMentionLabels } from '../privacy/bsn.js';
import { guardCommand, guardContext, stringsOf } from '../privacy/guard.js';
import { contactWarning, findContactDetails } from '../privacy/contact.js';
import { recordStart, recordStop, refer, referralForm, referralFormLine } from '../referrals/service.js';
import { safetyChart } from '../safety/chart.js';
import { recordScore, scoreForm, scoreFormLine } from '../safety/service.js';
import { answerSilence, isSilenceAction } from '../cases/scheduled.js';
import { signalById } from '../signals/model.js';
import { acknowledgeById, acknowledgeByNumber, closeSignal, fileSignal, listSignals, signalForm, signalFormLine } from '../signals/service.js';
import { ProvisionError, type Core, type Provisioner } from './api.js';
import { checkCaseConversation } from './channels.js';
import { texts as coreTexts } from './messages.js';
import { answer, refusal, unavailable } from '../kernel/replies.js';
import { faultInfo, isDatabaseFault } from '../../db/faults.js';
import { Scope } from '../kernel/scope.js';

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
  'signaal.lijst',
  'signaal.formulier',
  'veiligheid.formulier',
  'inzet.formulier',
  'overleg.agenda',
  'overleg.formulier',
  'resultaat.lijst',
  'escalatie.lijst',
]);

/**
 * Commands that post in the channel without changing the case: they run in a
 * transaction (the post goes through the outbox) but leave the card alone, and
 * they still work on a closed case.
 */
const postsOnly = new Set<CommandName>(['casus.export', 'veiligheid.grafiek']);

/** Forms that are a command line in disguise: one validation for both. */
const formLines: Partial<Record<FormId, (values: Record<string, string>) => string>> = {
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
  async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
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
    if (kase.status === 'closed' && !readOnly.has(name) && !postsOnly.has(name)) return refusal(t.refusedTitle, t.closedCase(kase.code));
    return undefined;
  }

  async function scopeFor(tx: Tx, ctx: Context, kase: CaseRow): Promise<Scope> {
    const me = await membershipOf(tx, kase.id, ctx.actor.platform, ctx.actor.userId);
    return new Scope(tx, ctx, settings, dayOf(ctx.now), kase, me, await activeMembers(tx, kase.id));
  }

  /** The dossier export goes into the case channel as a file; the card stays as it is. */
  async function exportToChannel(s: Scope): Promise<Reply> {
    const file = await exportCase(s.tx, s.kase, s.now);
    await s.post({ title: coreTexts().exportTitle(s.kase.code), text: coreTexts().exportText, attachment: { ...file, mimeType: 'text/markdown' }, tone: 'info' });
    await s.audit('casus.geexporteerd', s.kase.code);
    return answer({ title: coreTexts().exportDone(file.filename), tone: 'success' });
  }

  /** Runs a handler; when it changed anything, the pinned card follows. */
  async function refreshingCard(s: Scope, fn: () => Promise<Reply>): Promise<Reply> {
    const before = await db.changes(s.tx);
    const reply = await fn();
    if (!reply.error && (await db.changes(s.tx)) !== before) await refreshCard(s);
    return reply;
  }

  async function run(s: Scope, command: Command): Promise<Reply> {
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
      case 'casus.verwijder': {
        const provisioner = deps.provisioner(s.ctx.actor.platform);
        const manual = provisioner && !provisioner.remove ? provisioner.manualRemoval?.bind(provisioner) : undefined;
        return removeMember(s, command.userId, manual ? (who) => manual(s.ctx.conversationId, who) : undefined);
      }
      case 'casus.export':
        return exportToChannel(s);
      case 'casus.afsluiten':
        return command.confirm ? confirmClosure(s, command.reason) : closureCheck(s, command.reason);
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
      case 'veiligheid.grafiek':
        return safetyChart(s);
      case 'inzet.nieuw':
        return refer(s, command);
      case 'inzet.gestart':
        return recordStart(s, command.provider, command.date);
      case 'inzet.gestopt':
      case 'inzet.afronden':
        return recordStop(s, command.provider, command.reason, command.date);
      case 'inzet.formulier':
        return { form: referralForm() };
      case 'overleg.gepland':
        return planMeeting(s, command.date, command.time);
      case 'overleg.gehouden':
        return recordMeeting(s, command.decisions, command.date);
      case 'overleg.agenda':
        return agenda(s);
      case 'overleg.formulier':
        return { form: await meetingForm(s, command.date) };
      case 'resultaat.nieuw':
        return addResult(s, command.text);
      case 'resultaat.voortgang':
        return progress(s, command.number, command.status, command.note);
      case 'resultaat.lijst':
        return listResults(s);
      case 'escalatie.nieuw':
        return escalate(s, command.topic, command.text);
      case 'escalatie.besluit':
        return decide(s, command.number, command.decision);
      case 'escalatie.lijst':
        return listEscalations(s);
      default:
        return notYet(command.name);
    }
  }

  async function newCase(ctx: Context, code: string, title?: string): Promise<Reply> {
    const t = caseTexts();
    const taken = await caseByCode(db.q, code);
    if (taken) return refusal(t.codeTaken(code), t.codeTaken(code));
    const provisioner = deps.provisioner(ctx.actor.platform);
    // The channel is made before the case is stored: on a database that reads
    // but cannot write (a full disk), it would stay behind without its case.
    if (provisioner && !(await db.probe('casus-nieuw')).ok) return unavailable();
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
        return refusal(t.refusedTitle, err instanceof ProvisionError ? err.message : coreTexts().provisionFailed);
      }
    }
    // A channel the platform made for the case is private; one it was typed in must be.
    const verdict = conversationId === ctx.conversationId ? await checkCaseConversation(provisioner, conversationId, code, { suggestNew: false }) : { ok: true as const };
    if (!verdict.ok) return verdict.reply;
    return write(async (tx) => {
      const linked = await caseByConversation(tx, ctx.actor.platform, conversationId);
      if (linked) return refusal(t.alreadyLinked(linked.code), t.alreadyLinked(linked.code));
      const kase = await createCase(tx, ctx, code, conversationId, title);
      if (kase === 'taken') return refusal(t.codeTaken(code), t.codeTaken(code));
      await refreshCard(await scopeFor(tx, ctx, kase));
      return withWarning(answer({ title: conversationId === ctx.conversationId ? t.created(code) : t.createdWhere(code), tone: 'success' }), verdict.warning);
    });
  }

  /** `/casus koppel`: only in a private channel; the check comes before anything is written. */
  async function linkHere(ctx: Context, code: string): Promise<Reply> {
    const verdict = await checkCaseConversation(deps.provisioner(ctx.actor.platform), ctx.conversationId, code, { suggestNew: !(await caseByCode(db.q, code)) });
    if (!verdict.ok) return verdict.reply;
    return write(async (tx) => {
      const { reply, kase } = await linkCase(tx, ctx, code);
      if (kase) await refreshCard(await scopeFor(tx, ctx, kase));
      return reply.error ? reply : withWarning(reply, verdict.warning);
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
        return linkHere(ctx, command.code);
      case 'team.koppel':
        return write((tx) => linkTeam(tx, ctx, command.team));
      case 'digest': {
        const team = await teamByConversation(db.q, ctx);
        if (!team) return notATeamChannel();
        return answer(await digestWithChart(db.q, team, ctx.now, settings));
      }
      default:
        break;
    }
    const mutates = !readOnly.has(command.name);
    const body = async (tx: Tx): Promise<Reply> => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return noCase();
      const s = await scopeFor(tx, ctx, kase);
      const denied = check(kase, s.me?.role, command.name);
      if (denied) {
        log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: true }, 'command refused');
        return denied;
      }
      const reply = mutates && !postsOnly.has(command.name) ? await refreshingCard(s, () => run(s, command)) : await run(s, command);
      // Codes and names of commands only: never the text people typed.
      log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: Boolean(reply.error) }, 'command');
      return reply;
    };
    if (!mutates) return body(db.q);
    if (command.name !== 'casus.lid' && command.name !== 'casus.verwijder') return write(body);
    // The new member is let into the channel before its messages go out.
    const reply = await db.tx(body);
    if (!reply.error) await followMembership(ctx, command.name === 'casus.lid' ? 'invite' : 'remove', command.userId, reply);
    notify();
    return reply;
  }

  /** Lets a new member into the channel, or out of it; the record is already written. */
  async function followMembership(ctx: Context, what: 'invite' | 'remove', userId: string, reply: Reply): Promise<void> {
    const provisioner = deps.provisioner(ctx.actor.platform);
    const call = what === 'invite' ? provisioner?.invite.bind(provisioner) : provisioner?.remove?.bind(provisioner);
    if (!call) return;
    const who = `<@${userId}>`;
    try {
      await call(ctx.conversationId, userId);
      // Only now is it true that they cannot read the channel any more.
      if (what === 'remove' && reply.message) reply.message.lines = [...(reply.message.lines ?? []), caseTexts().outOfChannel(who)];
    } catch (err) {
      log.warn({ platform: ctx.actor.platform, err: { message: (err as Error).message } }, `channel ${what} failed`);
      const note = err instanceof ProvisionError ? err.message : coreTexts().channelFailed;
      if (what === 'remove') await tellStillReads(ctx, who, reply);
      if (reply.message) reply.message.lines = [...(reply.message.lines ?? []), note];
    }
  }

  /** The platform did not take the person out: the channel and the answer say they can still read it. */
  async function tellStillReads(ctx: Context, who: string, reply: Reply): Promise<void> {
    const warning = caseTexts().kickFailed(who);
    await db.tx(async (tx) => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (kase) await (await scopeFor(tx, ctx, kase)).post({ title: warning, ...(reply.message?.names ? { names: reply.message.names } : {}), tone: 'warning' });
    });
    if (reply.message) {
      reply.message.lines = [...(reply.message.lines ?? []), warning];
      reply.message.tone = 'warning';
    }
  }

  async function handleText(ctx: Context, text: string): Promise<Reply> {
    const reply = await handleLine(ctx, text);
    // A message typed in a Teams channel stays there for every member to read; the bot cannot delete it.
    if (reply.typedVisible && ctx.actor.platform === 'teams' && reply.message) {
      reply.message.lines = [...(reply.message.lines ?? []), reply.typedVisible];
    }
    return reply;
  }

  async function handleLine(ctx: Context, typed: string): Promise<Reply> {
    // A BSN is refused before anything else looks at the text: nothing of it
    // is parsed, stored or logged. A mention label is the platform's name for
    // someone, not typed: one holding a BSN is hidden instead.
    const text = maskMentionLabels(typed);
    if (containsBsn(text)) return refuseBsn(ctx);
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
    if (isSilenceAction(actionId)) return write((tx) => answerSilence(tx, ctx, settings, actionId, value));
    const [idPart = '', ...rest] = value.split('|');
    const id = Number(idPart);
    if (!Number.isInteger(id) || id <= 0) return refusal(caseTexts().errorTitle, coreTexts().unknownAction);
    switch (actionId) {
      case 'signal.ack':
        return write(async (tx) => {
          const signalCase = await caseForSignal(tx, id);
          if (!signalCase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, signalCase);
          const denied = check(signalCase, s.me?.role, 'signaal.bevestig');
          if (denied) return denied;
          return refreshingCard(s, () => acknowledgeById(s, id));
        });
      case 'case.close':
        return write(async (tx) => {
          const kase = await caseById(tx, id);
          if (!kase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, kase);
          const denied = check(kase, s.me?.role, 'casus.afsluiten');
          if (denied) return denied;
          const reason = rest.join('|').trim();
          return refreshingCard(s, () => confirmClosure(s, reason || undefined));
        });
      case 'followup.goed':
      case 'followup.zorgen':
        return write(async (tx) => {
          const kase = await caseById(tx, id);
          if (!kase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, kase);
          // The case is closed by now: only its gezinsmanager or teamleider answers.
          if (s.me?.role !== 'gezinsmanager' && s.me?.role !== 'teamleider') {
            return refusal(caseTexts().refusedTitle, caseTexts().roleRefused(kase.code, caseTexts().gmOrTl));
          }
          return recordFollowUp(s, actionId === 'followup.goed' ? 'goed' : 'zorgen');
        });
      default:
        return refusal(caseTexts().errorTitle, coreTexts().unknownAction);
    }
  }

  async function submitForm(ctx: Context, formId: FormId, values: Record<string, string>): Promise<Reply> {
    // Every field is checked for a BSN, including those no command line carries.
    if (stringsOf(values).some((v) => containsBsn(v))) return refuseBsn(ctx);
    if (formId === 'overleg') return submitMeetingForm(ctx, values);
    const line = formLines[formId];
    if (!line) return refusal(caseTexts().errorTitle, coreTexts().unknownForm);
    return handleLine(ctx, line(values));
  }

  async function submitMeetingForm(ctx: Context, values: Record<string, string>): Promise<Reply> {
    const form = meetingFormReviews(values, dayOf(ctx.now));
    if (!form.ok) return refusal(caseTexts().errorTitle, form.error, [usageOf('overleg.gehouden')]);
    return write(async (tx) => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return noCase();
      const s = await scopeFor(tx, ctx, kase);
      const denied = check(kase, s.me?.role, 'overleg.gehouden');
      if (denied) return denied;
      return refreshingCard(s, () => recordMeeting(s, form.decisions, form.date, form.reviews));
    });
  }

  async function refuseBsn(ctx: Context): Promise<Reply> {
    await db.tx((tx) => audit(tx, ctx.actor, 'bsn.geweigerd', null, '-', ctx.now));
    return refusal(caseTexts().bsnTitle, bsnRefusal());
  }

  async function memberLeft(ctx: Context): Promise<void> {
    await write(async (tx) => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return;
      const s = await scopeFor(tx, ctx, kase);
      if (!s.me) return;
      await tx.update(members).set({ active: false, removedAt: ctx.now }).where(eq(members.id, s.me.id));
      await s.audit('casus.lid-verwijderd', `${s.me.role} ${s.me.userId} kanaal verlaten`);
      s.members = await activeMembers(tx, kase.id);
      await refreshCard(s);
    });
  }

  /**
   * A database that is down is not a bug: the person hears, only for them,
   * that nothing was recorded (the transaction rolled back) and to try again.
   */
  function honest<A extends unknown[]>(what: string, fn: (...args: A) => Promise<Reply>): (...args: A) => Promise<Reply> {
    return async (...args) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isDatabaseFault(err)) throw err;
        log.warn({ what, err: faultInfo(err) }, 'database unavailable: command not recorded');
        return unavailable();
      }
    };
  }

  // Every entry first hides a display name that holds a BSN, so no name with
  // one is stored in a record or sent in a message.
  return {
    handleText: honest('text', (ctx: Context, text: string) => handleText(guardContext(ctx), text)),
    handleCommand: honest('command', async (ctx: Context, command: Command) => {
      const guarded = guardCommand(command);
      return guarded === 'bsn' ? refuseBsn(guardContext(ctx)) : handleCommand(guardContext(ctx), guarded);
    }),
    // A button's value is the core's own (`id|text`), but a forged one must not get a BSN in either.
    handleAction: honest('action', (ctx: Context, actionId: ActionId, value: string) =>
      value.split('|').some((part) => containsBsn(part)) ? refuseBsn(guardContext(ctx)) : handleAction(guardContext(ctx), actionId, value),
    ),
    submitForm: honest('form', (ctx: Context, formId: FormId, values: Record<string, string>) => submitForm(guardContext(ctx), formId, values)),
    memberLeft: (ctx) => memberLeft(guardContext(ctx)),
    async homeFor(ctx) {
      return homeFor(db.q, guardContext(ctx), settings);
    },
    onOutbox(listener) {
      listeners.push(listener);
    },
  };
}

async function caseForSignal(tx: Tx, signalId: number): Promise<CaseRow | undefined> {
  const signal = await signalById(tx, signalId);
  return signal ? caseById(tx, signal.caseId) : undefined;
}

function withWarning(reply: Reply, warning: string | undefined): Reply {
  if (warning && reply.message) reply.message.lines = [...(reply.message.lines ?? []), warning];
  return reply;
}

function notYet(what: string): Reply {
  return refusal(caseTexts().errorTitle, coreTexts().unsupported(what));
}
