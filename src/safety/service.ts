import { safetyScores } from '../../db/schema.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Form, Reply } from '../kernel/message.js';
import { scoreMessage, texts } from './messages.js';
import { recentScores } from './model.js';

export async function recordScore(s: Scope, input: { actueel: number; blijvend: number; note?: string }): Promise<Reply> {
  const previous = (await recentScores(s.tx, s.kase.id, 1))[0];
  const [row] = await s.tx
    .insert(safetyScores)
    .values({ caseId: s.kase.id, actueel: input.actueel, blijvend: input.blijvend, note: input.note ?? null, byId: s.ctx.actor.userId, at: s.now })
    .returning();
  await s.post(scoreMessage(row!, previous));
  await s.audit('veiligheid.gescoord', `actueel ${input.actueel} blijvend ${input.blijvend}`);
  return answer({ title: texts().done, tone: 'success' });
}

export function scoreForm(): Form {
  const t = texts();
  return {
    id: 'veiligheid',
    title: t.formTitle,
    submitLabel: t.formSubmit,
    fields: [
      { name: 'actueel', label: t.scoreOf(t.actueel), type: 'number', required: true, min: 0, max: 10 },
      { name: 'blijvend', label: t.scoreOf(t.blijvend), type: 'number', required: true, min: 0, max: 10 },
      { name: 'toelichting', label: t.note, type: 'textarea', required: false },
    ],
  };
}
