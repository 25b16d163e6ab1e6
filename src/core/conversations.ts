import type { Db, Tx } from '../../db/connection.js';
import type { Context } from '../actors.js';
import { texts as caseTexts } from '../cases/messages.js';
import { caseByCode, caseByConversation, type CaseRow } from '../cases/model.js';
import { createCase, linkCase, refreshCard } from '../casefile/service.js';
import type { Logger } from '../log.js';
import type { Reply } from '../kernel/message.js';
import { ProvisionError, type Provisioner } from './api.js';
import { checkCaseConversation } from './channels.js';
import { texts as coreTexts } from './messages.js';
import { answer, refusal, unavailable } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';

// Where a case meets the platform's conversations: making or checking the
// channel before the case is stored, and letting members in and out after.

interface ConversationDeps {
  db: Db;
  log: Logger;
  provisioner: (platform: Context['actor']['platform']) => Provisioner | undefined;
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  scopeFor(tx: Tx, ctx: Context, kase: CaseRow): Promise<Scope>;
}

export function conversations(deps: ConversationDeps) {
  const { db, log, write, scopeFor } = deps;

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

  return { newCase, linkHere, followMembership };
}

function withWarning(reply: Reply, warning: string | undefined): Reply {
  if (warning && reply.message) reply.message.lines = [...(reply.message.lines ?? []), warning];
  return reply;
}
