/* eslint-disable @typescript-eslint/no-explicit-any -- Slack's JSON payloads are checked loosely, field by field */

// What Slack refuses, as the fake Web API enforces it. Each rule names the
// page it comes from; the error codes are the ones Slack answers with
// (`invalid_blocks` for chat.*, `invalid_arguments` for views.*, with the
// offending place as a JSON pointer in response_metadata.messages, as Slack
// does). Limits count characters as JavaScript does (UTF-16 code units).
//
// Not knowable here (needs a real workspace and token): scopes actually
// granted, channel and user existence beyond the fake's own state, the
// trigger_id's 3-second life, per-method rate limits beyond what a test
// injects, Slack's undocumented total-size check (msg_blocks_too_long, seen
// around 13,000 characters; we keep 12,000), emoji names, and mrkdwn links.

export interface Violation {
  /** Slack's error code. */
  error: string;
  /** What Slack puts in response_metadata.messages: `[ERROR] … [json-pointer:/…]`. */
  message: string;
}

const docs = {
  blocks: 'https://docs.slack.dev/reference/block-kit/blocks',
  section: 'https://docs.slack.dev/reference/block-kit/blocks/section-block',
  header: 'https://docs.slack.dev/reference/block-kit/blocks/header-block',
  context: 'https://docs.slack.dev/reference/block-kit/blocks/context-block',
  actions: 'https://docs.slack.dev/reference/block-kit/blocks/actions-block',
  input: 'https://docs.slack.dev/reference/block-kit/blocks/input-block',
  image: 'https://docs.slack.dev/reference/block-kit/blocks/image-block',
  button: 'https://docs.slack.dev/reference/block-kit/block-elements/button-element',
  select: 'https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element',
  textInput: 'https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element',
  option: 'https://docs.slack.dev/reference/block-kit/composition-objects/option-object',
  text: 'https://docs.slack.dev/reference/block-kit/composition-objects/text-object',
  modal: 'https://docs.slack.dev/reference/views/modal-views',
  home: 'https://docs.slack.dev/reference/views/home-tab-views',
  postMessage: 'https://docs.slack.dev/reference/methods/chat.postMessage',
  upload: 'https://docs.slack.dev/reference/methods/files.getUploadURLExternal',
  complete: 'https://docs.slack.dev/reference/methods/files.completeUploadExternal',
} as const;

/** Every rule, with its limit and source, for the report and the rule tests. */
export const slackLimits = {
  // docs.blocks: "up to 50 blocks in each message, and 100 blocks in modals or Home tabs"
  messageBlocks: { max: 50, source: docs.blocks },
  viewBlocks: { max: 100, source: docs.blocks },
  // docs.blocks: block_id max 255 characters, unique within the message or view;
  // docs.button: action_id max 255, unique within its block
  blockId: { max: 255, source: docs.blocks },
  sectionText: { max: 3000, source: docs.section },
  sectionFields: { max: 10, source: docs.section },
  sectionField: { max: 2000, source: docs.section },
  header: { max: 150, source: docs.header },
  contextElements: { max: 10, source: docs.context },
  actionsElements: { max: 25, source: docs.actions },
  buttonText: { max: 75, source: docs.button },
  buttonValue: { max: 2000, source: docs.button },
  actionId: { max: 255, source: docs.button },
  buttonUrl: { max: 3000, source: docs.button },
  inputLabel: { max: 2000, source: docs.input },
  inputHint: { max: 2000, source: docs.input },
  placeholder: { max: 150, source: docs.select },
  selectOptions: { max: 100, source: docs.select },
  optionText: { max: 75, source: docs.option },
  optionValue: { max: 150, source: docs.option },
  textInitial: { max: 3000, source: docs.textInput },
  imageAlt: { max: 2000, source: docs.image },
  modalTitle: { max: 24, source: docs.modal },
  modalButton: { max: 24, source: docs.modal },
  privateMetadata: { max: 3000, source: docs.modal },
  callbackId: { max: 255, source: docs.modal },
  // docs.postMessage: text is truncated beyond 40,000 characters (msg_too_long);
  // a message's blocks together fail (msg_blocks_too_long) a little above
  // 12,000 characters of text: the "about 12,000".
  messageText: { max: 40_000, source: docs.postMessage },
  messageTotal: { max: 12_000, source: docs.postMessage },
  uploadAlt: { max: 1000, source: docs.upload },
} as const;

const L = slackLimits;

class Checker {
  readonly found: Violation[] = [];
  private readonly blockIds = new Set<string>();
  /** Action ids of the block being checked: Slack wants them unique within their block (docs.button). */
  private actionIds = new Set<string>();

  constructor(private readonly error: string) {}

  fail(pointer: string, what: string): void {
    this.found.push({ error: this.error, message: `[ERROR] ${what} [json-pointer:${pointer}]` });
  }

  max(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max) this.fail(pointer, `must be less than ${max + 1} characters`);
  }

  /** A text object: type, non-empty text, its limit; plain_text only where Slack wants it. */
  text(t: any, max: number, pointer: string, plainOnly = false): void {
    if (!t || typeof t !== 'object') return this.fail(pointer, 'must provide an object');
    if (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn')) return this.fail(`${pointer}/type`, `must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`);
    if (typeof t.text !== 'string' || t.text.length === 0) return this.fail(`${pointer}/text`, 'must be more than 0 characters');
    this.max(t.text, max, `${pointer}/text`);
  }

  actionId(el: any, pointer: string): void {
    if (el.action_id === undefined) return;
    this.max(el.action_id, L.actionId.max, `${pointer}/action_id`);
    if (this.actionIds.has(el.action_id)) this.fail(`${pointer}/action_id`, `\`action_id\` "${String(el.action_id)}" already exists`);
    this.actionIds.add(el.action_id);
  }

  option(o: any, pointer: string): void {
    this.text(o?.text, L.optionText.max, `${pointer}/text`, true);
    if (typeof o?.value !== 'string' || o.value.length === 0) this.fail(`${pointer}/value`, 'must be more than 0 characters');
    else this.max(o.value, L.optionValue.max, `${pointer}/value`);
  }

  element(el: any, pointer: string): void {
    if (!el || typeof el !== 'object') return this.fail(pointer, 'must provide an object');
    this.actionId(el, pointer);
    if (el.placeholder) this.text(el.placeholder, L.placeholder.max, `${pointer}/placeholder`, true);
    switch (el.type) {
      case 'button':
        this.text(el.text, L.buttonText.max, `${pointer}/text`, true);
        this.max(el.value, L.buttonValue.max, `${pointer}/value`);
        this.max(el.url, L.buttonUrl.max, `${pointer}/url`);
        break;
      case 'static_select': {
        const options: any[] = Array.isArray(el.options) ? el.options : [];
        if (!options.length) this.fail(`${pointer}/options`, 'must provide at least 1 item');
        if (options.length > L.selectOptions.max) this.fail(`${pointer}/options`, `must be less than ${L.selectOptions.max + 1} items`);
        options.forEach((o, i) => this.option(o, `${pointer}/options/${i}`));
        if (el.initial_option) {
          this.option(el.initial_option, `${pointer}/initial_option`);
          if (!options.some((o) => o?.value === el.initial_option.value)) this.fail(`${pointer}/initial_option`, 'must match one of the options');
        }
        break;
      }
      case 'plain_text_input':
        this.max(el.initial_value, L.textInitial.max, `${pointer}/initial_value`);
        break;
      case 'number_input': {
        // Numbers travel as strings; max_value cannot be less than min_value (block-elements reference).
        const bound = (key: string): number | undefined => {
          const v = el[key];
          if (v === undefined) return undefined;
          if (typeof v !== 'string' || !Number.isFinite(Number(v))) return this.fail(`${pointer}/${key}`, 'must provide a numeric string'), undefined;
          return Number(v);
        };
        const min = bound('min_value');
        const max = bound('max_value');
        const initial = bound('initial_value');
        if (min !== undefined && max !== undefined && max < min) this.fail(`${pointer}/max_value`, 'cannot be less than min_value');
        if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) this.fail(`${pointer}/initial_value`, 'must be between min_value and max_value');
        break;
      }
      case 'image':
        if (typeof el.alt_text !== 'string' || !el.alt_text) this.fail(`${pointer}/alt_text`, 'must provide a string');
        break;
      default:
        break;
    }
  }

  block(b: any, pointer: string): void {
    if (!b || typeof b !== 'object' || typeof b.type !== 'string') return this.fail(pointer, 'must provide a block');
    this.actionIds = new Set();
    if (b.block_id !== undefined) {
      this.max(b.block_id, L.blockId.max, `${pointer}/block_id`);
      if (this.blockIds.has(b.block_id)) this.fail(`${pointer}/block_id`, `block_id already exists: ${String(b.block_id)}`);
      this.blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section': {
        if (!b.text && !b.fields) this.fail(pointer, 'must provide text or fields');
        if (b.text) this.text(b.text, L.sectionText.max, `${pointer}/text`);
        if (b.fields !== undefined) {
          const fields: any[] = Array.isArray(b.fields) ? b.fields : [];
          if (fields.length > L.sectionFields.max) this.fail(`${pointer}/fields`, `must be less than ${L.sectionFields.max + 1} items`);
          fields.forEach((f, i) => this.text(f, L.sectionField.max, `${pointer}/fields/${i}`));
        }
        if (b.accessory) this.element(b.accessory, `${pointer}/accessory`);
        break;
      }
      case 'header':
        this.text(b.text, L.header.max, `${pointer}/text`, true);
        break;
      case 'context': {
        const elements: any[] = Array.isArray(b.elements) ? b.elements : [];
        if (!elements.length) this.fail(`${pointer}/elements`, 'must provide at least 1 item');
        if (elements.length > L.contextElements.max) this.fail(`${pointer}/elements`, `must be less than ${L.contextElements.max + 1} items`);
        elements.forEach((e, i) => (e?.type === 'image' ? this.element(e, `${pointer}/elements/${i}`) : this.text(e, L.sectionText.max, `${pointer}/elements/${i}`)));
        break;
      }
      case 'actions': {
        const elements: any[] = Array.isArray(b.elements) ? b.elements : [];
        if (!elements.length) this.fail(`${pointer}/elements`, 'must provide at least 1 item');
        if (elements.length > L.actionsElements.max) this.fail(`${pointer}/elements`, `must be less than ${L.actionsElements.max + 1} items`);
        elements.forEach((e, i) => this.element(e, `${pointer}/elements/${i}`));
        break;
      }
      case 'input':
        this.text(b.label, L.inputLabel.max, `${pointer}/label`, true);
        if (b.hint) this.text(b.hint, L.inputHint.max, `${pointer}/hint`, true);
        this.element(b.element, `${pointer}/element`);
        break;
      case 'image':
        if (typeof b.alt_text !== 'string' || !b.alt_text) this.fail(`${pointer}/alt_text`, 'must provide a string');
        else this.max(b.alt_text, L.imageAlt.max, `${pointer}/alt_text`);
        if (b.title) this.text(b.title, 2000, `${pointer}/title`, true);
        break;
      case 'divider':
      case 'rich_text':
      case 'markdown':
        break;
      default:
        this.fail(`${pointer}/type`, `unknown block type ${String(b.type)}`);
    }
  }

  blocks(blocks: unknown, max: number, pointer: string): void {
    if (!Array.isArray(blocks)) return this.fail(pointer, 'must provide an array');
    if (blocks.length > max) this.fail(pointer, `must be less than ${max + 1} items`);
    blocks.forEach((b, i) => this.block(b, `${pointer}/${i}`));
  }
}

/** All text a reader sees in blocks, summed: what msg_blocks_too_long counts. */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + textLength(v), 0);
  if (!value || typeof value !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(value)) n += k === 'text' && typeof v === 'string' ? v.length : textLength(v);
  return n;
}

/**
 * A message as chat.postMessage, chat.postEphemeral, chat.update or a
 * response_url / slash-command answer sends it. Slack's first error wins.
 */
export function checkMessage(args: Record<string, any>): Violation | undefined {
  const c = new Checker('invalid_blocks');
  const text = args.text;
  if (typeof text === 'string' && text.length > L.messageText.max) return { error: 'msg_too_long', message: `[ERROR] text must be less than ${L.messageText.max + 1} characters` };
  if (args.blocks === undefined || args.blocks === null) return undefined;
  // Without a top-level text, notifications and screen readers get nothing (chat.postMessage: "text … highly recommended").
  if (typeof text !== 'string' || !text.trim()) return { error: 'no_text', message: '[ERROR] a message with blocks must carry a top-level text as its fallback' };
  c.blocks(args.blocks, L.messageBlocks.max, '/blocks');
  if (c.found[0]) return c.found[0];
  if (textLength(args.blocks) > L.messageTotal.max) return { error: 'msg_blocks_too_long', message: `[ERROR] the blocks' text must be less than ${L.messageTotal.max + 1} characters in all` };
  return undefined;
}

/** A view as views.open, views.update, views.publish or a `response_action: update` sends it. */
export function checkView(view: any): Violation | undefined {
  const c = new Checker('invalid_arguments');
  if (!view || typeof view !== 'object') return { error: 'invalid_arguments', message: '[ERROR] must provide an object [json-pointer:/view]' };
  if (view.type !== 'modal' && view.type !== 'home') c.fail('/view/type', 'must be modal or home');
  if (view.type === 'modal') {
    c.text(view.title, L.modalTitle.max, '/view/title', true);
    if (view.submit) c.text(view.submit, L.modalButton.max, '/view/submit', true);
    if (view.close) c.text(view.close, L.modalButton.max, '/view/close', true);
    if (!view.submit && Array.isArray(view.blocks) && view.blocks.some((b: any) => b?.type === 'input')) c.fail('/view/submit', 'must provide submit when the view has input blocks');
  }
  c.max(view.private_metadata, L.privateMetadata.max, '/view/private_metadata');
  c.max(view.callback_id, L.callbackId.max, '/view/callback_id');
  c.blocks(view.blocks, L.viewBlocks.max, '/view/blocks');
  return c.found[0];
}

/**
 * A `response_action: errors` answer to a view_submission: an object whose
 * keys are the block_ids of input blocks in the submitted view and whose
 * values are the texts shown under them (docs.slack.dev, "Displaying errors
 * in views" of modals). Slack refuses the answer otherwise and the user sees
 * a generic error instead of the modal's field errors.
 */
export function checkViewErrors(errors: unknown, view: any): Violation | undefined {
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return { error: 'invalid_arguments', message: '[ERROR] errors must be an object [json-pointer:/errors]' };
  const entries = Object.entries(errors as Record<string, unknown>);
  if (!entries.length) return { error: 'invalid_arguments', message: '[ERROR] errors must name at least one block [json-pointer:/errors]' };
  const inputs = new Set(((view?.blocks ?? []) as any[]).filter((b) => b?.type === 'input' && typeof b.block_id === 'string').map((b) => b.block_id as string));
  for (const [key, text] of entries) {
    if (!inputs.has(key)) return { error: 'invalid_arguments', message: `[ERROR] ${key} is not the block_id of an input block of the view [json-pointer:/errors/${key}]` };
    if (typeof text !== 'string' || !text.trim()) return { error: 'invalid_arguments', message: `[ERROR] must provide a string [json-pointer:/errors/${key}]` };
  }
  return undefined;
}

/** files.getUploadURLExternal: filename, a positive length, alt_txt (not alt_text) within 1000 characters. */
export function checkUploadUrl(args: Record<string, any>): Violation | undefined {
  if (!args.filename) return { error: 'invalid_arguments', message: '[ERROR] missing required field: filename' };
  if (!(Number(args.length) > 0)) return { error: 'missing_argument', message: '[ERROR] length must be more than 0' };
  if (typeof args.alt_txt === 'string' && args.alt_txt.length > L.uploadAlt.max) return { error: 'alt_txt_too_large', message: `[ERROR] alt_txt must be less than ${L.uploadAlt.max + 1} characters` };
  return undefined;
}

/** files.completeUploadExternal: initial_comment is message text; blocks are checked as a message's. */
export function checkCompleteUpload(args: Record<string, any>): Violation | undefined {
  if (typeof args.initial_comment === 'string' && args.initial_comment.length > L.messageText.max) return { error: 'msg_too_long', message: '[ERROR] initial_comment is too long' };
  return undefined;
}
