import { catalog } from '../i18n/index.js';

// Contact details of a family do not belong in a case channel; they are in the
// file. Unlike a BSN this only warns: a provider's office number or a
// colleague's e-mail address can be fine to share.

export interface ContactDetails {
  email: boolean;
  phone: boolean;
}

const localChar = /[\p{L}\p{N}._%+-]/u;
const domainChar = /[\p{L}\p{N}.-]/u;
const label = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * Looks around each '@' with bounded steps instead of one big regex, so a long
 * line without a real address cannot make the search slow.
 */
function hasEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let from = at;
    while (from > 0 && at - from < 64 && localChar.test(text[from - 1]!)) from--;
    const local = text.slice(from, at);
    if (!local || local.startsWith('.')) continue;
    let to = at + 1;
    while (to < text.length && to - at < 255 && domainChar.test(text[to]!)) to++;
    const labels = text.slice(at + 1, to).replace(/[.-]+$/, '').split('.');
    const tld = labels[labels.length - 1] ?? '';
    if (labels.length >= 2 && labels.every((l) => label.test(l)) && /^\p{L}{2,}$/u.test(tld)) return true;
  }
  return false;
}

// Between digits: nothing, one space, or a '-' or '.' with optional spaces.
const SEP = String.raw`(?:\s?[-.]\s?|\s)?`;
const digits = (n: number) => String.raw`\d(?:${SEP}\d){${n - 1}}`;
const notAfterDigits = String.raw`(?<![\d+])(?<!\d[\s.-])`;
const notBeforeDigits = String.raw`(?!\d|[\s.-]\d)`;

// Dutch numbers have ten digits nationally (06-12345678, 020-1234567,
// (0174) 123456) and 31 plus nine digits internationally (+31 6 1234 5678,
// 0031 20 123 4567, +31 (0)20 …). Eight-digit numbers such as 0800-2000
// (Veilig Thuis, which the bot itself names) do not count.
const national = [
  String.raw`0[1-9]${SEP}${digits(8)}`,
  String.raw`\(0[1-9]\)\s?${digits(8)}`,
  String.raw`\(0[1-9]\d\)\s?${digits(7)}`,
  String.raw`\(0[1-9]\d{2}\)\s?${digits(6)}`,
].join('|');
const international = String.raw`(?:\+|00)\s?31${SEP}(?:\(0\)${SEP})?[1-9]${SEP}${digits(8)}`;
const phone = new RegExp(`${notAfterDigits}(?:${national}|${international})${notBeforeDigits}`);

export function findContactDetails(text: string): ContactDetails {
  if (typeof text !== 'string') return { email: false, phone: false };
  // Full-width digits and '@' are still digits and '@'.
  const s = text.normalize('NFKC');
  return { email: hasEmail(s), phone: phone.test(s) };
}

const texts = catalog({
  nl: {
    email: 'een e-mailadres',
    phone: 'een telefoonnummer',
    both: 'een e-mailadres en een telefoonnummer',
    warning: (what: string) =>
      `Je bericht bevat ${what}. Laat contactgegevens van het gezin liever weg: wie ze nodig heeft, vindt ze in het dossier.`,
  },
  en: {
    email: 'an e-mail address',
    phone: 'a phone number',
    both: 'an e-mail address and a phone number',
    warning: (what: string) =>
      `Your message contains ${what}. Better leave out the family's contact details: whoever needs them finds them in the file.`,
  },
});

/** A warning to show the sender, or null when nothing was found. */
export function contactWarning(found: ContactDetails): string | null {
  const t = texts();
  if (!found.email && !found.phone) return null;
  return t.warning(found.email && found.phone ? t.both : found.email ? t.email : t.phone);
}
