// Inbound text: what a Teams message says -> the neutral line the core reads.
// The bot's own `<at>…</at>` mention goes; a mention of a person becomes the
// core's `<@userId|Naam>`; the little HTML Teams leaves in `text` goes too.

/** A mention entity as Teams sends it: `{ type: 'mention', text: '<at>Naam</at>', mentioned: { id, name } }`. */
export interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string; type?: string };
}

/** A mentioned account as far as the adapter can tell; `null` = not a person (a tag, a channel), keep it as text. */
export type ResolveMention = (mentioned: { id: string; name: string; aadObjectId?: string; type?: string }) => Promise<string | null>;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return entities[code.toLowerCase()] ?? whole;
  });
}

/** A display name that fits the core's mention token (no angle brackets, no bar). */
function safeName(name: string): string {
  return decodeEntities(name).replace(/[<>|]/g, '').replace(/\s+/g, ' ').trim();
}

const atTag = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;

/**
 * The message text as the core should read it. `botId` is the bot's account
 * id in this conversation (`activity.recipient.id`); its mentions are removed.
 */
export async function neutralText(
  text: string | undefined,
  mentions: readonly MentionEntity[] | undefined,
  botId: string | undefined,
  resolve: ResolveMention,
): Promise<string> {
  const raw = text ?? '';
  const pool = (mentions ?? []).filter((e) => e.type === 'mention' && e.mentioned?.id);
  const used = new Set<number>();
  const parts: Array<string | Promise<string>> = [];
  let last = 0;
  for (const m of raw.matchAll(atTag)) {
    parts.push(plainSegment(raw.slice(last, m.index)));
    last = m.index + m[0].length;
    const inner = safeName(m[1] ?? '');
    const index = pool.findIndex((e, i) => !used.has(i) && (e.text === m[0] || safeName(e.mentioned?.name ?? '') === inner));
    const entity = index >= 0 ? pool[index] : undefined;
    if (index >= 0) used.add(index);
    const mentioned = entity?.mentioned;
    if (!mentioned?.id) {
      parts.push(inner);
      continue;
    }
    if (botId && mentioned.id === botId) {
      parts.push(' ');
      continue;
    }
    const name = safeName(mentioned.name ?? inner) || inner;
    parts.push(
      resolve({ id: mentioned.id, name, ...(mentioned.aadObjectId ? { aadObjectId: mentioned.aadObjectId } : {}), ...(mentioned.type ? { type: mentioned.type } : {}) }).then(
        (userId) => (userId ? `<@${userId}|${name}>` : `@${name}`),
      ),
    );
  }
  parts.push(plainSegment(raw.slice(last)));
  const joined = (await Promise.all(parts.map((p) => Promise.resolve(p)))).join('');
  return mergeSplitMentions(joined).replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * Text between mentions: the markup Teams wraps formatted text in goes, HTML
 * entities are decoded, and a typed `<@…>` can never pose as a mention (only a
 * Teams mention entity makes one).
 */
function plainSegment(segment: string): string {
  const text = decodeEntities(
    segment
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<\/p>\s*<p[^>]*>/gi, ' ')
      .replace(/<\/?[a-z][^<>]*>/gi, ''),
  );
  return text.replace(/<@/g, '<\u2060@');
}

/**
 * Teams sometimes sends a name with a space as two mentions of the same
 * person (`<at>Joris</at> <at>Bakker</at>`): join them into one.
 */
export function mergeSplitMentions(text: string): string {
  let out = text;
  const pair = /<@([^\s|<>]+)\|([^<>]*)>\s+<@\1\|([^<>]*)>/;
  for (let i = 0; i < 20 && pair.test(out); i++) out = out.replace(pair, (_m, id: string, a: string, b: string) => `<@${id}|${a} ${b}>`);
  return out;
}

/** A channel conversation id without its thread suffix: `19:…@thread.tacv2;messageid=123` -> `19:…@thread.tacv2`. */
export function baseConversationId(id: string): string {
  const semi = id.indexOf(';');
  return semi === -1 ? id : id.slice(0, semi);
}
