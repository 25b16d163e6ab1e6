import type {
  ActionArray,
  CardElementArray,
  ContainerStyle,
  IAdaptiveCard,
  IColumnSet,
  IExecuteAction,
  IRichTextBlock,
  ITextRun,
} from '@microsoft/teams.cards';
import type { Entity, IMessageActivityInput } from '@microsoft/teams.api';
import { type Action, type ActionId, type Form, type FormField, type FormId, inboundTexts, mentionPattern, type Message, type Tone, toneEmoji, truncateGraphemes } from '../../src/public.js';
import { texts } from './messages.js';

// Message and Form (platform-neutral) -> Adaptive Cards, and card submissions
// back. All text a person typed is rendered as TextRun, which Teams never reads
// as Markdown: a signal text cannot become a link or a heading. Mentions
// `<@id>` become plain names (from `names`, else the resolver): a card in a
// case channel should not ping people on every update.

export const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
/** 1.5: Action.Execute (Universal Actions) and an update in place work in Teams. */
export const cardVersion = '1.5' as const;
/**
 * One card stays within 28 KB of UTF-8. Teams refuses a bot message over 100 KB
 * (413 MessageSizeTooBig) and recommends 80 KB; it counts the text as UTF-16,
 * without base64 images, so 28 KB of UTF-8 stays below either however much of
 * it is non-ASCII, with room for the activity around the card.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages
 */
export const maxCardBytes = 28 * 1024;

const base64Image = /data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*/gi;

/** A card's size as Teams counts it: its JSON in UTF-8 bytes, base64 images left out. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card).replace(base64Image, ''), 'utf8');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const utf8Size = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
/** Graphemes longer than this (in UTF-16 units) are not expected; the window around a cut covers them. */
const WINDOW = 64;

/** Whole graphemes of `line` from its start, at most `budget` bytes. Segments only a window around the cut. */
function headWithin(line: string, budget: number): string {
  let bytes = 0;
  let i = 0;
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    if (bytes + utf8Size(cp) > budget) break;
    bytes += utf8Size(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  if (i >= line.length) return line;
  const start = Math.max(0, i - WINDOW);
  let boundary = start;
  for (const { index, segment } of segmenter.segment(line.slice(start, i + WINDOW))) {
    const end = start + index + segment.length;
    if (end > i) break;
    boundary = end;
  }
  return line.slice(0, boundary);
}

/** Whole graphemes of `line` from its end, at most `budget` bytes. */
function tailWithin(line: string, budget: number): string {
  let bytes = 0;
  let i = line.length;
  while (i > 0) {
    const low = line.charCodeAt(i - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && i > 1;
    const cp = line.codePointAt(pair ? i - 2 : i - 1)!;
    if (bytes + utf8Size(cp) > budget) break;
    bytes += utf8Size(cp);
    i -= pair && cp > 0xffff ? 2 : 1;
  }
  if (i <= 0) return line;
  const start = Math.max(0, i - WINDOW);
  for (const { index } of segmenter.segment(line.slice(start, i + WINDOW))) {
    if (start + index >= i) return line.slice(start + index);
  }
  return '';
}

/**
 * A line in at most `maxBytes`, cut in the middle on grapheme boundaries: the
 * start (`R-3`, `S-12`) and the end (the status) are what a reader needs.
 */
export function cutMiddle(line: string, maxBytes: number): string {
  if (line.length <= maxBytes / 3 || Buffer.byteLength(line, 'utf8') <= maxBytes) return line;
  const ellipsis = '…';
  const head = headWithin(line, Math.ceil(maxBytes * 0.7) - Buffer.byteLength(ellipsis, 'utf8')) + ellipsis;
  const tail = tailWithin(line, maxBytes - Buffer.byteLength(head, 'utf8'));
  // Start the end part on a word, not in the middle of one.
  return `${head}${tail.replace(/^\S{1,24}\s+/u, '').trimStart()}`;
}

interface Part {
  lines: string[];
  dropped: number;
  more?: string;
}

/**
 * The message as it fits: first long lines are cut in the middle (and the
 * context says so), then whole lines are left out from the end of the largest
 * list, which then ends "… en N meer: alles met /signaal lijst".
 */
export function shortenToFit(message: Message, fits: (m: Message) => boolean): Message {
  if (fits(message)) return message;
  const t = texts();
  const split = (s: string | undefined): Part => ({ lines: s ? s.split('\n') : [], dropped: 0 });
  const text = { ...split(message.text), ...(message.more ? { more: message.more } : {}) };
  const lines: Part = { lines: [...(message.lines ?? [])], dropped: 0, ...(message.more ? { more: message.more } : {}) };
  const fields = (message.fields ?? []).map((f) => ({ ...split(f.value), ...(f.more ? { more: f.more } : {}) }));
  let cap = Number.POSITIVE_INFINITY;
  // Each try rebuilds the card; a line is cut once per cap (grapheme segmentation is slow).
  const memo = new Map<string, string>();
  const cut = (l: string) => {
    const key = `${cap}\u0000${l}`;
    let out = memo.get(key);
    if (out === undefined) memo.set(key, (out = cutMiddle(l, cap)));
    return out;
  };
  const shown = (p: Part) => [...p.lines, ...(p.dropped ? [t.more(p.dropped, p.more)] : [])].map(cut);
  const build = (): Message => {
    const out: Message = { ...message };
    if (message.text !== undefined) out.text = shown(text).join('\n');
    if (message.lines) out.lines = shown(lines);
    if (message.fields) out.fields = message.fields.map((f, i) => ({ ...f, value: shown(fields[i]!).join('\n') }));
    if (cap !== Number.POSITIVE_INFINITY) out.context = [message.context, t.shortened(message.more)].filter(Boolean).join(' · ');
    return out;
  };
  for (const next of [1500, 800, 400, 250]) {
    cap = next;
    const m = build();
    if (fits(m)) return m;
  }
  const parts = [text, lines, ...fields];
  const size = (p: Part) => p.lines.reduce((n, l) => n + Math.min(Buffer.byteLength(l, 'utf8'), cap) + 100, 0);
  for (;;) {
    const candidates = parts.filter((p) => p.lines.length > 1);
    if (!candidates.length) break;
    const biggest = candidates.reduce((a, b) => (size(a) >= size(b) ? a : b));
    const keep = Math.max(1, Math.floor(biggest.lines.length * 0.8));
    biggest.dropped += biggest.lines.length - keep;
    biggest.lines = biggest.lines.slice(0, keep);
    const m = build();
    if (fits(m)) return m;
  }
  cap = 120;
  return build();
}

const toneStyle: Record<Tone, ContainerStyle> = {
  info: 'emphasis',
  success: 'good',
  warning: 'warning',
  danger: 'attention',
};

/** What a card button carries back: the core's action id and its opaque value. */
export interface ActionData {
  regiebot: 'action';
  actionId: string;
  value: string;
}

/** What the form's submit button carries back; the inputs arrive beside it as `f_<field>`. */
export interface FormData {
  regiebot: 'form';
  formId: string;
}

export const formVerb = 'regiebot.form';
const inputPrefix = 'f_';

export type NameOf = (userId: string) => string | undefined;

/** A name looked up in the database; `preloadNames` turns it into a NameOf before rendering. */
export type LoadName = (userId: string) => Promise<string | undefined>;

/** `<@id>` / `<@id|Naam>` -> the name: from the message's names, the token, the resolver, or a neutral word. */
export function plainNames(text: string, names: Record<string, string> = {}, nameOf?: NameOf): string {
  return text.replace(mentionPattern, (_m, id: string, label?: string) => names[id] ?? (label || undefined) ?? nameOf?.(id) ?? inboundTexts().unknownUserLower);
}

/**
 * Looks up, before rendering, the name of everyone the texts in `sources` (a
 * Message, a Form…) mention without a name, so that rendering stays synchronous.
 */
export async function preloadNames(load: LoadName, ...sources: unknown[]): Promise<NameOf> {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(mentionPattern)) if (!m[2]) ids.add(m[1]!);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) walk(v);
    }
  };
  for (const source of sources) walk(source);
  const found = new Map<string, string | undefined>();
  for (const id of ids) found.set(id, await load(id));
  return (id) => found.get(id);
}

function run(text: string, extra: Partial<ITextRun> = {}): ITextRun {
  return { type: 'TextRun', text, ...extra };
}

function rich(text: string, extra: Partial<ITextRun> = {}, block: Partial<IRichTextBlock> = {}): IRichTextBlock {
  return { type: 'RichTextBlock', inlines: [run(text, extra)], ...block };
}

/** One RichTextBlock per line: a TextRun has no Markdown, so line breaks are blocks. */
function paragraphs(text: string, extra: Partial<ITextRun> = {}): IRichTextBlock[] {
  return text
    .split('\n')
    .map((line, i) => rich(line.length ? line : ' ', extra, { spacing: i === 0 ? 'Small' : 'None' }));
}

function fieldRow(label: string, value: string): IColumnSet {
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      { type: 'Column', width: 2, items: [rich(label, { weight: 'Bolder' })] },
      { type: 'Column', width: 3, items: paragraphs(value) },
    ],
  };
}

export function actionButton(action: Action): IExecuteAction {
  const data: ActionData = { regiebot: 'action', actionId: action.id, value: action.value };
  return {
    type: 'Action.Execute',
    title: action.label,
    verb: action.id,
    data,
    ...(action.style ? { style: action.style === 'primary' ? 'positive' : 'destructive' } : {}),
  };
}

export interface RenderOptions {
  /** Resolves a mention the message's `names` do not cover. */
  nameOf?: NameOf;
  /** A line above the title, e.g. "Voor Sanne de Wit" on a reply in a channel. */
  header?: string;
  /** Extra buttons below the core's (a link to the channel message). */
  extraActions?: ActionArray;
}

/** Title and text as plain text: the notification preview and screen readers. */
export function fallbackText(message: Message, nameOf?: NameOf): string {
  const names = message.names ?? {};
  const parts = [`${message.tone ? `${toneEmoji[message.tone].char} ` : ''}${plainNames(message.title, names, nameOf)}`];
  if (message.text) parts.push(plainNames(message.text, names, nameOf));
  // Never cut inside a character: a split emoji is a broken glyph, or invalid UTF-16.
  return truncateGraphemes(parts.join('\n'), 1000);
}

/** A Message as an Adaptive Card. */

export function renderCard(message: Message, options: RenderOptions = {}): IAdaptiveCard {
  const card = (m: Message) => buildCard(m, options);
  return card(shortenToFit(message, (m) => cardBytes(card(m)) <= maxCardBytes));
}

function buildCard(message: Message, options: RenderOptions): IAdaptiveCard {
  const names = message.names ?? {};
  const plain = (t: string) => plainNames(t, names, options.nameOf);
  const body: CardElementArray = [];
  if (options.header) body.push(rich(options.header, { isSubtle: true, size: 'Small' }));
  const title = `${message.tone ? `${toneEmoji[message.tone].char} ` : ''}${plain(message.title)}`;
  body.push({
    type: 'Container',
    style: toneStyle[message.tone ?? 'info'],
    bleed: true,
    items: [rich(title, { weight: 'Bolder', size: 'Medium' })],
  });
  if (message.text) body.push(...paragraphs(plain(message.text)));
  for (const f of message.fields ?? []) body.push(fieldRow(plain(f.label), plain(f.value)));
  // A chart travels inside the card; its alt text is already the card's text.
  if (message.image) body.push({ type: 'Image', url: `data:image/png;base64,${message.image.png}`, altText: message.image.alt, size: 'Stretch' });
  // A bot cannot place files in a Teams channel without Graph: say where the file is.
  if (message.attachment) body.push(rich(`📄 ${message.attachment.filename}: ${texts().attachmentNote}`, { isSubtle: true }));
  for (const l of message.lines ?? []) body.push(rich(`• ${plain(l)}`, {}, { spacing: 'Small' }));
  if (message.context) body.push(rich(plain(message.context), { isSubtle: true, size: 'Small' }, { spacing: 'Medium' }));
  const actions: ActionArray = [...(message.actions ?? []).map(actionButton), ...(options.extraActions ?? [])];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: cardVersion,
    msteams: { width: 'full' },
    fallbackText: fallbackText(message, options.nameOf),
    body,
    ...(actions.length ? { actions } : {}),
  };
}

function input(field: FormField, value: string | undefined): CardElementArray {
  const id = `${inputPrefix}${field.name}`;
  const common = { id, label: field.label, isRequired: field.required, errorMessage: inboundTexts().fillIn(field.label) };
  const initial = value ?? field.initial;
  const out: CardElementArray = [];
  switch (field.type) {
    case 'select':
      out.push({
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(initial ? { value: initial } : {}),
        ...(field.required ? {} : { placeholder: inboundTexts().noChoice }),
      });
      break;
    case 'number': {
      const n = initial !== undefined && initial !== '' ? Number(initial) : undefined;
      const range = { ...(field.min !== undefined ? { min: field.min } : {}), ...(field.max !== undefined ? { max: field.max } : {}) };
      out.push({ type: 'Input.Number', ...common, ...range, ...(n !== undefined && Number.isFinite(n) ? { value: n } : {}) });
      break;
    }
    case 'date':
      out.push({ type: 'Input.Date', ...common, ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { value: initial } : {}) });
      break;
    case 'text':
    case 'textarea':
      out.push({ type: 'Input.Text', ...common, isMultiline: field.type === 'textarea', maxLength: 3000, ...(initial ? { value: initial } : {}) });
      break;
  }
  if (field.hint) out.push(rich(field.hint, { isSubtle: true, size: 'Small' }, { spacing: 'None' }));
  return out;
}

export interface FormRenderOptions {
  /** A refused submission: shown above the inputs, which keep what was entered. */
  error?: Message;
  values?: Record<string, string>;
  header?: string;
  nameOf?: NameOf;
}

/**
 * A Form as an Adaptive Card with inputs and one Action.Execute that carries
 * the form id, within the card limit: long labels are cut in the middle (the
 * end says the status), then whole groups (one result's status and note) are
 * left out from the end, and the form's `overflow` notice names them.
 */
export function renderFormCard(form: Form, options: FormRenderOptions = {}): IAdaptiveCard {
  const fits = (card: IAdaptiveCard) => cardBytes(card) <= maxCardBytes;
  let card = buildFormCard(form, options, Number.POSITIVE_INFINITY, []);
  for (const cap of [400, 200]) {
    if (fits(card)) return card;
    card = buildFormCard(form, options, cap, []);
  }
  const groups = [...new Set(form.fields.flatMap((f) => (f.group ? [f.group] : [])))];
  const left: string[] = [];
  while (!fits(card) && groups.length > 1) {
    left.unshift(groups.pop()!);
    card = buildFormCard(form, options, 200, left);
  }
  return card;
}

function buildFormCard(form: Form, options: FormRenderOptions, labelCap: number, leftOut: string[]): IAdaptiveCard {
  const body: CardElementArray = [];
  if (options.header) body.push(rich(options.header, { isSubtle: true, size: 'Small' }));
  body.push({ type: 'Container', style: 'emphasis', bleed: true, items: [rich(`📝 ${form.title}`, { weight: 'Bolder', size: 'Medium' })] });
  if (options.error) {
    const e = options.error;
    const names = e.names ?? {};
    const text = [e.title, e.text ?? '', ...(e.lines ?? [])].filter(Boolean).map((t) => plainNames(t, names, options.nameOf));
    body.push({ type: 'Container', style: 'attention', items: text.map((t, i) => rich(i === 0 ? `🚨 ${t}` : t, i === 0 ? { weight: 'Bolder' } : {})) });
  }
  if (leftOut.length) body.push({ type: 'Container', style: 'warning', items: [rich(`${form.overflow ?? ''} ${leftOut.join(', ')}`.trim())] });
  const skip = new Set(leftOut);
  for (const field of form.fields) {
    if (field.group && skip.has(field.group)) continue;
    body.push(...input({ ...field, label: cutMiddle(field.label, labelCap) }, options.values?.[field.name]));
  }
  const data: FormData = { regiebot: 'form', formId: form.id };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: cardVersion,
    msteams: { width: 'full' },
    fallbackText: form.title,
    body,
    actions: [{ type: 'Action.Execute', title: form.submitLabel, verb: formVerb, data, associatedInputs: 'auto', style: 'positive' }],
  };
}

export type Submission =
  | { kind: 'action'; actionId: ActionId; value: string }
  | { kind: 'form'; formId: FormId; values: Record<string, string> }
  | { kind: 'unknown' };

const idPattern = /^[a-z][a-z0-9_.-]{0,63}$/;

/**
 * What a card button sent (the `data` of an Action.Execute invoke, or the
 * `value` of a message from an Action.Submit): the core's action or a form.
 * The ids are only shape-checked; the core decides what they mean.
 */
export function parseSubmission(data: unknown): Submission {
  if (!data || typeof data !== 'object') return { kind: 'unknown' };
  const d = data as Record<string, unknown>;
  if (d.regiebot === 'action' && typeof d.actionId === 'string' && idPattern.test(d.actionId)) {
    const value = typeof d.value === 'string' ? d.value : d.value === undefined ? '' : String(d.value);
    return { kind: 'action', actionId: d.actionId as ActionId, value: value.slice(0, 2000) };
  }
  if (d.regiebot === 'form' && typeof d.formId === 'string' && idPattern.test(d.formId)) {
    const values: Record<string, string> = {};
    for (const [key, raw] of Object.entries(d)) {
      if (!key.startsWith(inputPrefix) || raw === undefined || raw === null) continue;
      const value = (typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '').trim();
      if (value !== '') values[key.slice(inputPrefix.length)] = value.slice(0, 4000);
    }
    return { kind: 'form', formId: d.formId as FormId, values };
  }
  return { kind: 'unknown' };
}

/** The activity that carries one card. */
export function cardActivity(card: IAdaptiveCard, text?: string, entities?: Entity[]): IMessageActivityInput {
  return {
    type: 'message',
    ...(text ? { text } : {}),
    attachments: [{ contentType: adaptiveCardType, content: card }],
    ...(entities?.length ? { entities } : {}),
  };
}
