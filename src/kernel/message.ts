// The platform-neutral message. Adapters render it as Block Kit, an Adaptive
// Card or HTML. Mentions are written `<@userId>` in text; adapters replace them
// with the platform's own mention, using `names` for a readable fallback.

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface Field {
  label: string;
  /** One item per line when it is a list (signals, results): a platform that must shorten it keeps whole lines. */
  value: string;
  /**
   * The command that shows all of `value` (`/signaal lijst`), named when a
   * platform has to leave lines out.
   */
  more?: string;
}

export type ActionId =
  | 'signal.ack'
  | 'case.close'
  | 'followup.goed'
  | 'followup.zorgen'
  | 'silence.ok'
  | 'silence.stagnatie'
  | 'silence.zorg';

export interface Action {
  id: ActionId;
  label: string;
  /** Opaque to adapters: handed back to the core as-is when pressed. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface Message {
  title: string;
  /** The message on one line (the case card folded: code, phase, open signals, next overleg). */
  summary?: string;
  text?: string;
  fields?: Field[];
  /** Short lines, rendered as a list. */
  lines?: string[];
  /** The command that shows all of `lines` and `text`, named when a platform has to shorten them. */
  more?: string;
  actions?: Action[];
  context?: string;
  tone?: Tone;
  names?: Record<string, string>;
  /** Pin it in the channel (the case card). */
  pin?: boolean;
  /** A file that goes with the message (the dossier export). */
  attachment?: Attachment;
  /**
   * A picture that goes with the message (the safety chart). `alt` is its text
   * alternative: Slack's alt text; Teams and the sandbox also show it as text.
   */
  image?: { png: string /* base64 */; alt: string; filename: string };
}

export interface Attachment {
  filename: string;
  mimeType: string;
  content: string;
}

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  label: string;
  type: 'select' | 'text' | 'textarea' | 'number' | 'date';
  options?: FormOption[];
  required: boolean;
  initial?: string;
  hint?: string;
  /** A number field's range, inclusive: the platform's input refuses what lies outside it. */
  min?: number;
  max?: number;
  /**
   * Fields of one group (one result's status and note) are shown or left out
   * together when a platform cannot show the whole form; the name (`R-4`) is
   * what the form's `overflow` notice lists.
   */
  group?: string;
  /** A refused submission: what was wrong with this field, shown under it (the form keeps what was typed as `initial`). */
  error?: string;
}

export type FormId = 'signaal' | 'veiligheid' | 'inzet' | 'overleg';

/** A form the adapter opens (Slack modal, Adaptive Card, sandbox form). */
export interface Form {
  id: FormId;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /**
   * Shown where groups had to be left out, followed by their names: how to
   * record those another way.
   */
  overflow?: string;
}

/** What the core answers to the person who typed a command or pressed a button. */
export interface Reply {
  /** Shown only to that person. */
  message?: Message;
  /**
   * Open a form instead. With `error`, a refused submission: the same form
   * again with what was typed as `initial` and the error under the fields
   * concerned, for the platform to keep open.
   */
  form?: Form;
  /** True when the command was refused or malformed: nothing changed. */
  error?: boolean;
  /**
   * A refused form submission: the field the refusal is about. The adapter
   * keeps the form open with what was typed and shows the message under it.
   */
  field?: string;
  /**
   * The database could not take the command (an outage): nothing was recorded,
   * so an adapter gives the request's id back and the platform's retry is handled.
   */
  unrecorded?: boolean;
  /**
   * What was typed held content others may not read (a confidential signal):
   * an adapter that echoes or keeps the typed line shows this instead.
   */
  typedShown?: string;
  /** Said where a typed message stays readable by the whole channel (Teams), with `typedShown`. */
  typedVisible?: string;
  /**
   * The answer confirms a post the action made in the person's own
   * conversation (that post's outbox id): `message` is the short "Geplaatst"
   * and only what the post does not say (`confirmPosted` in replies.ts).
   */
  posted?: number;
}

/**
 * A mention in the core's text: `<@id>` or `<@id|label>` (group 1 the id,
 * group 2 the label, if any). Global: use it with `replace` and `matchAll`,
 * which start from the beginning each time, not with `exec` or `test`.
 */
export const mentionPattern = /<@([^\s<>|]+)(?:\|([^<>]*))?>/g;

/** Replaces `<@id>` mentions with a plain-text name, for platforms without mentions. */
export function plainMentions(text: string, names: Record<string, string> = {}, prefix = '@'): string {
  return text.replace(mentionPattern, (_m, id: string) => `${prefix}${names[id] ?? id}`);
}

/**
 * The emoji before a message's title, by its tone: as a character (Teams, the
 * sandbox) and as Slack's shortcode, which Slack draws in its own style.
 */
export const toneEmoji: Record<Tone, { char: string; slack: string }> = {
  info: { char: 'ℹ️', slack: ':information_source:' },
  success: { char: '✅', slack: ':white_check_mark:' },
  warning: { char: '⚠️', slack: ':warning:' },
  danger: { char: '🚨', slack: ':rotating_light:' },
};
