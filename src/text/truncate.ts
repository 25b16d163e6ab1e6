// Shortening text for platform limits without splitting a character: a cut in
// the middle of a surrogate pair, an emoji with a skin tone or a flag leaves a
// broken glyph (or invalid UTF-16 that Slack and Teams refuse). Both functions
// cut on grapheme-cluster boundaries (Intl.Segmenter) and add the ellipsis only
// when something was cut, so the result never exceeds the limit.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Keeps whole graphemes of `text` while `fits(prefix)` holds, then appends the ellipsis. */
function cut(text: string, ellipsis: string, budget: number, size: (s: string) => number): string {
  const room = budget - size(ellipsis);
  if (room < 0) return '';
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const next = used + size(segment);
    if (next > room) break;
    used = next;
    end = index + segment.length;
  }
  return text.slice(0, end) + ellipsis;
}

/**
 * `text` in at most `max` UTF-16 code units (what Slack and JavaScript count as
 * characters), ellipsis included; whole graphemes only.
 */
export function truncateGraphemes(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  return cut(text, ellipsis, max, (s) => s.length);
}

/** `text` in at most `maxBytes` bytes of UTF-8 (what Teams measures), ellipsis included; whole graphemes only. */
export function truncateBytes(text: string, maxBytes: number, ellipsis = '…'): string {
  if (utf8Length(text) <= maxBytes) return text;
  return cut(text, ellipsis, maxBytes, utf8Length);
}
