import type { types, ViewStateValue } from '@slack/bolt';
import { type Form, type FormField, type FormId, inboundTexts, type Message, plainMentions, truncateGraphemes } from '../../src/public.js';
import { mrkdwn, truncate } from './render.js';

type ModalView = types.ModalView;
type InputBlock = types.InputBlock;
type SectionBlock = types.SectionBlock;
type PlainTextOption = types.PlainTextOption;

// Form (platform-neutral) <-> Slack modal. The form id is the callback_id; the
// channel the command was typed in travels in private_metadata, so that the
// submission is handled in the same conversation as a typed command would be.

/** The action id of the single element in each input block; the block id is the field name. */
export const valueActionId = 'value';

export const formIds: readonly FormId[] = ['signaal', 'veiligheid', 'inzet', 'overleg'];

export function isFormId(id: string): id is FormId {
  return (formIds as readonly string[]).includes(id);
}

const limit = {
  title: 24,
  button: 24,
  label: 2000,
  hint: 2000,
  optionText: 75,
  optionValue: 150,
  options: 100,
  initialText: 3000,
  metadata: 3000,
  /** https://docs.slack.dev/reference/views/modal-views: up to 100 blocks. */
  blocks: 100,
  section: 3000,
  /** An error under an input: a line or two, not the whole refusal. */
  error: 300,
} as const;

export interface FormMetadata {
  /** The conversation the form was opened from. */
  channelId: string;
}

export function encodeMetadata(meta: FormMetadata): string {
  return JSON.stringify({ c: meta.channelId }).slice(0, limit.metadata);
}

export function decodeMetadata(raw: string | undefined): FormMetadata {
  try {
    const parsed = JSON.parse(raw ?? '') as { c?: unknown };
    return { channelId: typeof parsed.c === 'string' ? parsed.c : '' };
  } catch {
    return { channelId: '' };
  }
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(plainMentions(text), max), emoji: true };
}

function option(value: string, label: string): PlainTextOption {
  return { text: plain(label, limit.optionText), value: truncateGraphemes(value, limit.optionValue, '') };
}

function element(field: FormField): InputBlock['element'] {
  switch (field.type) {
    case 'select': {
      const options = (field.options ?? []).slice(0, limit.options).map((o) => option(o.value, o.label));
      const initial = options.find((o) => o.value === field.initial);
      return { type: 'static_select', action_id: valueActionId, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'number':
      return {
        type: 'number_input',
        action_id: valueActionId,
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial !== undefined && field.initial !== '' ? { initial_value: field.initial } : {}),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: valueActionId,
        ...(field.initial && /^\d{4}-\d{2}-\d{2}$/.test(field.initial) ? { initial_date: field.initial } : {}),
      };
    case 'textarea':
    case 'text':
      return {
        type: 'plain_text_input',
        action_id: valueActionId,
        multiline: field.type === 'textarea',
        ...(field.initial ? { initial_value: truncateGraphemes(field.initial, limit.initialText, '') } : {}),
      };
  }
}

/**
 * The fields that fit in one modal: whole groups (one result's status and
 * note) are left out from the end until the rest and a notice fit in Slack's
 * 100 blocks; the names of those left out go into the notice.
 */
function fitting(form: Form): { fields: FormField[]; left: string[] } {
  if (form.fields.length <= limit.blocks) return { fields: form.fields, left: [] };
  const groups = [...new Set(form.fields.flatMap((f) => (f.group ? [f.group] : [])))];
  const left: string[] = [];
  let fields = form.fields;
  while (fields.length + 1 > limit.blocks && groups.length) {
    const group = groups.pop()!;
    left.unshift(group);
    fields = fields.filter((f) => f.group !== group);
  }
  return { fields: fields.slice(0, limit.blocks - (left.length ? 1 : 0)), left };
}

function input(field: FormField): InputBlock {
  return {
    type: 'input',
    block_id: field.name,
    label: plain(field.label, limit.label),
    optional: !field.required,
    element: element(field),
    ...(field.hint ? { hint: plain(field.hint, limit.hint) } : {}),
  };
}

/** A Form as a Slack modal (views.open). */
export function renderForm(form: Form, meta: FormMetadata): ModalView {
  const { fields, left } = fitting(form);
  const blocks: Array<InputBlock | SectionBlock> = fields.map(input);
  if (left.length) {
    // Right after the last group shown, where the missing ones would have been.
    const lastGrouped = fields.findLastIndex((f) => f.group !== undefined);
    const notice: SectionBlock = {
      type: 'section',
      block_id: 'overflow',
      text: { type: 'mrkdwn', text: truncate(mrkdwn(`${form.overflow ?? ''} ${left.join(', ')}.`.trim()), limit.section) },
    };
    blocks.splice(lastGrouped + 1, 0, notice);
  }
  return {
    type: 'modal',
    callback_id: form.id,
    private_metadata: encodeMetadata(meta),
    title: plain(form.title, limit.title),
    submit: plain(form.submitLabel, limit.button),
    close: plain('Annuleren', limit.button),
    blocks,
  };
}

function valueOf(state: ViewStateValue): string | undefined {
  const v = state.selected_option?.value ?? state.selected_date ?? state.value ?? undefined;
  return v === null || v === undefined || v === '' ? undefined : String(v);
}

/** The submitted values, field name -> entered value; empty optional fields are left out. */
export function formValues(values: Record<string, Record<string, ViewStateValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const state = actions[valueActionId] ?? Object.values(actions)[0];
    const v = state ? valueOf(state) : undefined;
    if (v !== undefined) out[blockId] = v;
  }
  return out;
}

/**
 * A refused submission -> `response_action: 'errors'`, whose keys Slack
 * accepts only as block ids of the view's input blocks: the errors the core
 * put under its fields, or else one under the field the message names (by
 * name or label), or else under the first field.
 */
export function formErrors(
  view: { blocks: ReadonlyArray<{ type: string; block_id?: string; label?: { text: string } }> },
  message: Message | undefined,
  form?: Form,
  field?: string,
): Record<string, string> {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id) as Array<{ block_id: string; label?: { text: string } }>;
  const ids = new Set(inputs.map((b) => b.block_id));
  const under = Object.fromEntries((form?.fields ?? []).flatMap((f) => (f.error && ids.has(f.name) ? [[f.name, truncate(plainMentions(f.error), limit.error)]] : [])));
  if (Object.keys(under).length) return under;
  const text = message ? [message.title, message.text ?? '', ...(message.lines ?? [])].join('\n') : '';
  const haystack = text.toLowerCase();
  const target =
    (field ? inputs.find((b) => b.block_id === field) : undefined) ??
    inputs.find((b) => b.label && haystack.includes(b.label.text.toLowerCase())) ??
    inputs.find((b) => new RegExp(`\\b${escapeRegExp(b.block_id.toLowerCase())}\\b`).test(haystack)) ??
    inputs[0];
  if (!target) return {};
  const shown = message ? plainMentions([message.title, message.text].filter(Boolean).join(': '), message.names ?? {}) : inboundTexts().invalidInput;
  return { [target.block_id]: truncate(shown, limit.error) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
