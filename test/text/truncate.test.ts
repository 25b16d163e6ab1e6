import { describe, expect, it } from 'vitest';
import { truncateBytes, truncateGraphemes } from '../../src/text/truncate.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;
/** A lone surrogate is half a character: what a plain slice leaves behind. */
const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('truncateGraphemes', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateGraphemes('kort', 4)).toBe('kort');
  });

  it('cuts to the limit, ellipsis included', () => {
    expect(truncateGraphemes('abcdefgh', 5)).toBe('abcd…');
  });

  it('never splits an emoji, a flag or a skin tone', () => {
    const text = 'ab😀🇳🇱👍🏽cd';
    for (let max = 1; max < text.length; max++) {
      const out = truncateGraphemes(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(lone);
      expect(text.startsWith(out.slice(0, -1))).toBe(true);
    }
    expect(truncateGraphemes(text, 5)).toBe('ab😀…');
    expect(truncateGraphemes(text, 6)).toBe('ab😀…');
  });

  it('takes another ellipsis, or none', () => {
    expect(truncateGraphemes('abcdefgh', 5, ' …')).toBe('abc …');
    expect(truncateGraphemes('abcdefgh', 3, '')).toBe('abc');
  });
});

describe('truncateBytes', () => {
  it('measures UTF-8 bytes, not characters', () => {
    const text = 'é'.repeat(10); // 20 bytes
    const out = truncateBytes(text, 10);
    expect(bytes(out)).toBeLessThanOrEqual(10);
    expect(out).toBe('ééé…'); // 6 + 3 bytes: a fourth é would make 11
  });

  it('never splits a character and stays within the bytes', () => {
    const text = 'x👨‍👩‍👧y😀z';
    for (let max = 3; max < bytes(text); max++) {
      const out = truncateBytes(text, max);
      expect(bytes(out)).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(lone);
    }
    expect(truncateBytes(text, 10)).toBe('x…');
  });

  it('leaves text within the limit alone', () => {
    expect(truncateBytes('😀', 4)).toBe('😀');
  });
});
