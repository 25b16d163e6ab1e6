import type { types } from '@slack/bolt';
import { plainMentions, type Action, type Message, type Tone } from '../../src/kernel/message.js';
import { catalog } from '../../src/i18n/index.js';
import { truncateGraphemes } from '../../src/text/truncate.js';

type KnownBlock = types.KnownBlock;

// Message (platform-neutral) -> Block Kit. The core writes plain text with
// mentions as `<@userId>`; here it becomes Slack mrkdwn, escaped so that what a
// user typed can never turn into a link, a channel ping or markup tags.

export const toneEmoji: Record<Tone, string> = {
  info: ':information_source:',
  success: ':white_check_mark:',
  warning: ':warning:',
  danger: ':rotating_light:',
};

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const limits = {
  header: 150,
  section: 3000,
  fields: 10,
  field: 2000,
  context: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actions: 25,
  blocks: 50,
  fallback: 3000,
  /**
   * All text in one message's blocks. Slack refuses more (msg_blocks_too_long)
   * a little above 12,000 characters, a limit it does not publish; this leaves room.
   */
  total: 11_000,
  /** What the fields of one message may take together, so the rest still fits. */
  fieldsTotal: 7000,
  /** A long text is cut here, and points on to the rest. */
  text: 6000,
} as const;

/** A list item is shortened to no less than this before items are left out instead. */
const minItem = 160;

const texts = catalog({
  nl: {
    more: (n: number, command?: string) => (command ? `… en ${n} meer: typ ${command} om alles te zien.` : `… en ${n} meer.`),
    cut: (command?: string) => (command ? `(ingekort: typ ${command} om alles te zien)` : '(ingekort)'),
  },
  en: {
    more: (n: number, command?: string) => (command ? `… and ${n} more: type ${command} to see all.` : `… and ${n} more.`),
    cut: (command?: string) => (command ? `(shortened: type ${command} to see all)` : '(shortened)'),
  },
});

const mentionPattern = /<@([A-Z0-9][A-Z0-9._-]*)(?:\|[^>]*)?>/gi;

/** At most `max` characters, never cutting an emoji or other character in half. */
export function truncate(text: string, max: number): string {
  return truncateGraphemes(text, max);
}

/** Escapes &, < and > for Slack mrkdwn, keeping `<@U123>` mentions as mentions. */
export function mrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(mentionPattern)) {
    out += escapeText(text.slice(last, m.index)) + `<@${m[1]}>`;
    last = m.index + m[0].length;
  }
  return out + escapeText(text.slice(last));
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slash-command text as Slack sends it (with "escape channels, users and links"
 * on) -> the neutral text the core reads: `<@U123|naam>` stays a mention, the
 * rest becomes plain text (`<#C1|kanaal>` -> `#kanaal`, `<!here>` -> `@here`,
 * `<https://x|label>` -> `label (https://x)`), entities unescaped.
 */
export function neutralText(text: string): string {
  const converted = text.replace(/<([^<>]*)>/g, (whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) return `<@${target.slice(1)}${label !== undefined ? `|${label}` : ''}>`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? '@groep';
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return label && label !== target ? `${label} (${target})` : target;
    return whole;
  });
  // `&amp;` last, so that `&amp;lt;` stays the literal text `&lt;`.
  return converted.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function listSize(items: readonly string[]): number {
  return items.reduce((n, l) => n + l.length + 1, 0);
}

/**
 * A list within `budget` characters (newlines included): first every item is
 * shortened to an equal share, never below `minItem`; if that is not enough,
 * items are left out from the end and a last line says how many, and which
 * command shows them all. Never a silent cut.
 */
export function fitLines(items: readonly string[], budget: number, more?: string): string[] {
  if (listSize(items) <= budget) return [...items];
  const longest = Math.max(...items.map((l) => l.length));
  const sizeAt = (cap: number) => items.reduce((n, l) => n + Math.min(l.length, cap) + 1, 0);
  let lo = minItem;
  let hi = longest;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sizeAt(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const shown = items.map((l) => truncate(l, lo));
  if (listSize(shown) <= budget) return shown;
  let keep = shown.length;
  const tail = (k: number) => texts().more(items.length - k, more);
  while (keep > 0 && listSize(shown.slice(0, keep)) + tail(keep).length + 1 > budget) keep -= 1;
  return [...shown.slice(0, keep), tail(keep)];
}

/** The characters of text in blocks, as Slack adds them up for its size check. */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blocksTextLength(v), 0);
  if (!value || typeof value !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(value)) n += k === 'text' && typeof v === 'string' ? v.length : blocksTextLength(v);
  return n;
}

/** Splits text into pieces of at most `max` characters, preferring line breaks. */
export function chunk(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    // Never between the two halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length) pieces.push(rest);
  return pieces;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function titleBlock(message: Message): KnownBlock {
  const emoji = message.tone ? `${toneEmoji[message.tone]} ` : '';
  const plain = plainMentions(message.title, message.names ?? {});
  if (plain.length + emoji.length <= limits.header && plain === message.title) {
    return { type: 'header', text: { type: 'plain_text', text: emoji + message.title, emoji: true } };
  }
  // Mentions only work in mrkdwn, and long titles do not fit a header.
  return section(truncate(`${emoji}*${mrkdwn(message.title)}*`, limits.section));
}

/**
 * An action id must be unique within one message; a second button with the
 * same Action id gets a `#n` suffix, which `baseActionId` strips again.
 */
export function slackActionId(action: Action, index: number, seen: Map<string, number>): string {
  const n = (seen.get(action.id) ?? 0) + 1;
  seen.set(action.id, n);
  return n === 1 ? action.id : `${action.id}#${n}-${index}`;
}

export function baseActionId(actionId: string): string {
  const hash = actionId.indexOf('#');
  return hash === -1 ? actionId : actionId.slice(0, hash);
}

export function renderActions(actions: Action[]): KnownBlock[] {
  const seen = new Map<string, number>();
  const buttons = actions.map((action, i) => ({
    type: 'button' as const,
    action_id: slackActionId(action, i, seen),
    text: { type: 'plain_text' as const, text: truncate(plainMentions(action.label), limits.buttonText), emoji: true },
    value: action.value.slice(0, limits.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  }));
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += limits.actions) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + limits.actions) });
  }
  return blocks;
}

export interface Rendered {
  /** Plain fallback: notifications, screen readers, clients without blocks. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Extra lines appended as a section (already mrkdwn), e.g. a permalink. */
  footer?: string;
}

function fieldText(label: string, lines: string[]): string {
  return `*${mrkdwn(label)}*\n${lines.join('\n')}`;
}

/** Each field within Slack's 2,000 characters, and all of them within `fieldsTotal`, shortened line by line. */
function renderFields(fields: NonNullable<Message['fields']>): string[] {
  const fit = (cap: number) =>
    fields.map((f) => {
      const label = `*${mrkdwn(f.label)}*\n`;
      return fieldText(f.label, fitLines(f.value.split('\n').map(mrkdwn), cap - label.length, f.more));
    });
  const full = fit(limits.field);
  const total = full.reduce((n, t) => n + t.length, 0);
  if (total <= limits.fieldsTotal) return full;
  // Short fields keep their room; the long ones share what is left.
  const short = full.filter((t) => t.length <= limits.fieldsTotal / fields.length);
  const share = Math.max(400, Math.floor((limits.fieldsTotal - short.reduce((n, t) => n + t.length, 0)) / Math.max(1, full.length - short.length)));
  return fit(Math.min(limits.field, share)).map((t, i) => (full[i]!.length <= share ? full[i]! : t));
}

/**
 * A Message as Block Kit blocks and a plain `text` fallback, within Slack's
 * limits: long lists are shortened line by line with "… en N meer" and the
 * command that shows everything, never silently cut.
 */
export function renderMessage(message: Message, options: RenderOptions = {}): Rendered {
  const head: KnownBlock[] = [titleBlock(message)];
  if (message.text) {
    const text = mrkdwn(message.text);
    const shown = text.length > limits.text ? `${truncate(text, limits.text - 200)}\n${texts().cut(message.more)}` : text;
    for (const piece of chunk(shown, limits.section)) head.push(section(piece));
  }
  if (message.fields?.length) {
    const rendered = renderFields(message.fields);
    for (let i = 0; i < rendered.length; i += limits.fields) {
      head.push({ type: 'section', fields: rendered.slice(i, i + limits.fields).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, limits.field) })) });
    }
  }
  const tail: KnownBlock[] = [];
  if (options.footer) tail.push(section(truncate(options.footer, limits.section)));
  if (message.actions?.length) tail.push(...renderActions(message.actions));
  if (message.context) {
    tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn(message.context), limits.context) }] });
  }
  const blocks = [...head];
  if (message.lines?.length) {
    const room = Math.max(1000, limits.total - blocksTextLength(head) - blocksTextLength(tail));
    const list = fitLines(
      message.lines.map((l) => `• ${mrkdwn(l)}`),
      room,
      message.more,
    ).join('\n');
    for (const piece of chunk(list, limits.section)) blocks.push(section(piece));
  }
  blocks.push(...tail);
  return { text: fallbackText(message), blocks: blocks.slice(0, limits.blocks) };
}

/** Title and text, as plain as Slack allows (mentions stay mentions). */
export function fallbackText(message: Message): string {
  const emoji = message.tone ? `${toneEmoji[message.tone]} ` : '';
  const parts = [emoji + mrkdwn(message.title)];
  if (message.text) parts.push(mrkdwn(message.text));
  return truncate(parts.join('\n'), limits.fallback);
}
