import type { types } from '@slack/bolt';
import { plainMentions, type Action, type Message, type Tone } from '../../src/message.js';
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
} as const;

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

/** Splits text into pieces of at most `max` characters, preferring line breaks. */
export function chunk(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
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

/** A Message as Block Kit blocks and a plain `text` fallback. */
export function renderMessage(message: Message, options: RenderOptions = {}): Rendered {
  const blocks: KnownBlock[] = [titleBlock(message)];
  if (message.text) for (const piece of chunk(mrkdwn(message.text), limits.section)) blocks.push(section(piece));
  if (message.fields?.length) {
    for (let i = 0; i < message.fields.length; i += limits.fields) {
      blocks.push({
        type: 'section',
        fields: message.fields.slice(i, i + limits.fields).map((f) => ({
          type: 'mrkdwn' as const,
          text: truncate(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, limits.field),
        })),
      });
    }
  }
  if (message.lines?.length) {
    const list = message.lines.map((l) => `• ${mrkdwn(l)}`).join('\n');
    for (const piece of chunk(list, limits.section)) blocks.push(section(piece));
  }
  if (options.footer) blocks.push(section(truncate(options.footer, limits.section)));
  if (message.actions?.length) blocks.push(...renderActions(message.actions));
  if (message.context) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn(message.context), limits.context) }] });
  }
  return { text: fallbackText(message), blocks: blocks.slice(0, limits.blocks) };
}

/** Title and text, as plain as Slack allows (mentions stay mentions). */
export function fallbackText(message: Message): string {
  const emoji = message.tone ? `${toneEmoji[message.tone]} ` : '';
  const parts = [emoji + mrkdwn(message.title)];
  if (message.text) parts.push(mrkdwn(message.text));
  return truncate(parts.join('\n'), limits.fallback);
}
