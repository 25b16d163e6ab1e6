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
import type { Action, ActionId, Form, FormField, FormId, Message, Tone } from '../../src/message.js';

// Message and Form (platform-neutral) -> Adaptive Cards, and card submissions
// back. All text a person typed is rendered as TextRun, which Teams never reads
// as Markdown: a signal text cannot become a link or a heading. Mentions
// `<@id>` become plain names (from `names`, else the resolver): a card in a
// case channel should not ping people on every update.

export const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
/** 1.5: Action.Execute (Universal Actions) and an update in place work in Teams. */
export const cardVersion = '1.5' as const;
/** Teams refuses messages over about 28 KB; cards stay well below. */
export const maxCardChars = 24_000;

export const toneEmoji: Record<Tone, string> = {
  info: 'ℹ️',
  success: '✅',
  warning: '⚠️',
  danger: '🚨',
};

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

const mentionPattern = /<@([^>|\s]+)(?:\|([^>]*))?>/g;

/** `<@id>` / `<@id|Naam>` -> the name: from the message's names, the token, the resolver, or a neutral word. */
export function plainNames(text: string, names: Record<string, string> = {}, nameOf?: NameOf): string {
  return text.replace(mentionPattern, (_m, id: string, label?: string) => names[id] ?? (label || undefined) ?? nameOf?.(id) ?? 'onbekende gebruiker');
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
  const parts = [`${message.tone ? `${toneEmoji[message.tone]} ` : ''}${plainNames(message.title, names, nameOf)}`];
  if (message.text) parts.push(plainNames(message.text, names, nameOf));
  const text = parts.join('\n');
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

/** A Message as an Adaptive Card. */
const attachmentNote =
  'Teams staat een bot zonder Graph-rechten geen bestanden in een kanaal toe. De beheerder maakt dit bestand met npm run export -- <casuscode>.';

export function renderCard(message: Message, options: RenderOptions = {}): IAdaptiveCard {
  const names = message.names ?? {};
  const plain = (t: string) => plainNames(t, names, options.nameOf);
  const head: CardElementArray = [];
  if (options.header) head.push(rich(options.header, { isSubtle: true, size: 'Small' }));
  const title = `${message.tone ? `${toneEmoji[message.tone]} ` : ''}${plain(message.title)}`;
  head.push({
    type: 'Container',
    style: toneStyle[message.tone ?? 'info'],
    bleed: true,
    items: [rich(title, { weight: 'Bolder', size: 'Medium' })],
  });
  const body: CardElementArray = [...head];
  if (message.text) body.push(...paragraphs(plain(message.text)));
  for (const f of message.fields ?? []) body.push(fieldRow(plain(f.label), plain(f.value)));
  // A chart travels inside the card; its alt text is already the card's text.
  if (message.image) body.push({ type: 'Image', url: `data:image/png;base64,${message.image.png}`, altText: message.image.alt, size: 'Stretch' });
  // A bot cannot place files in a Teams channel without Graph: say where the file is.
  if (message.attachment) body.push(rich(`📄 ${message.attachment.filename}: ${attachmentNote}`, { isSubtle: true }));
  const lines = (message.lines ?? []).map((l) => rich(`• ${plain(l)}`, {}, { spacing: 'Small' }));
  const tail: CardElementArray = [];
  if (message.context) tail.push(rich(plain(message.context), { isSubtle: true, size: 'Small' }, { spacing: 'Medium' }));
  const actions: ActionArray = [...(message.actions ?? []).map(actionButton), ...(options.extraActions ?? [])];

  const card = (shown: CardElementArray): IAdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: cardVersion,
    msteams: { width: 'full' },
    fallbackText: fallbackText(message, options.nameOf),
    body: [...body, ...shown, ...tail],
    ...(actions.length ? { actions } : {}),
  });
  // A long timeline or export must still fit in one Teams message.
  let shown = lines;
  let result = card(shown);
  while (JSON.stringify(result).length > maxCardChars && shown.length > 1) {
    shown = shown.slice(0, Math.floor(shown.length * 0.8));
    result = card([...shown, rich(`… en ${lines.length - shown.length} regels meer (ingekort voor Teams)`, { isSubtle: true })]);
  }
  return result;
}

function input(field: FormField, value: string | undefined): CardElementArray {
  const id = `${inputPrefix}${field.name}`;
  const common = { id, label: field.label, isRequired: field.required, errorMessage: `Vul "${field.label}" in.` };
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
        ...(field.required ? {} : { placeholder: '(geen)' }),
      });
      break;
    case 'number': {
      const n = initial !== undefined && initial !== '' ? Number(initial) : undefined;
      out.push({ type: 'Input.Number', ...common, ...(n !== undefined && Number.isFinite(n) ? { value: n } : {}) });
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

/** A Form as an Adaptive Card with inputs and one Action.Execute that carries the form id. */
export function renderFormCard(form: Form, options: FormRenderOptions = {}): IAdaptiveCard {
  const body: CardElementArray = [];
  if (options.header) body.push(rich(options.header, { isSubtle: true, size: 'Small' }));
  body.push({ type: 'Container', style: 'emphasis', bleed: true, items: [rich(`📝 ${form.title}`, { weight: 'Bolder', size: 'Medium' })] });
  if (options.error) {
    const e = options.error;
    const names = e.names ?? {};
    const text = [e.title, e.text ?? '', ...(e.lines ?? [])].filter(Boolean).map((t) => plainNames(t, names, options.nameOf));
    body.push({ type: 'Container', style: 'attention', items: text.map((t, i) => rich(i === 0 ? `🚨 ${t}` : t, i === 0 ? { weight: 'Bolder' } : {})) });
  }
  for (const field of form.fields) body.push(...input(field, options.values?.[field.name]));
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
