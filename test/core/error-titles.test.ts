import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundTexts } from '../../src/inbound/messages.js';
import { texts as kernelTexts } from '../../src/kernel/messages.js';
import type { Reply } from '../../src/kernel/message.js';
import { refusal, unavailable } from '../../src/kernel/replies.js';
import { registry } from '../../src/core/registry.js';
import { getLocale, setLocale } from '../../src/i18n/index.js';
import { mentionOf } from '../helpers/people.js';
import { coreHarness, type CoreHarness } from './harness.js';

// Issue 22, Deliver 2: an error text never repeats its title. Every refusal
// the catalogues can produce goes through refusal(), which gives a body that
// would only repeat its title the plain "Niet gelukt"; this runs every
// command's example in the ways that are refused (an outsider, unknown
// numbers, words left over, a date in the future) and checks each answer,
// plus the errors the adapters build themselves.

/** The first sentence of a text, without its full stop. */
const firstSentence = (text: string) => (/^(.+?[.!?:])(\s|$)/.exec(text)?.[1] ?? text).replace(/[.!?:]$/, '');

function saysOnce(reply: Reply, what: string): void {
  const { title, text = '' } = reply.message!;
  const bare = title.replace(/[.!?:]$/, '');
  expect(text.startsWith(title), `${what}: "${title}" repeated in "${text}"`).toBe(false);
  expect(firstSentence(text), `${what}: "${title}" repeated in "${text}"`).not.toBe(bare);
}

describe('error texts say their reason once', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const examples = registry.filter((e) => e.mode !== 'outside').map((e) => e.example.replace(/@(\w+)/g, '<@U0EXAMPLE|$1>'));
  const variants = (line: string) => [
    ['U-XX', line],
    ['U-GM', line.replace(/\b([SREA])-\d+\b/g, '$1-99')],
    ['U-GM', `${line} 31-12-2099`],
    ['U-GM', line.split(' ').slice(0, 2).join(' ')],
  ];

  // A case of its own per example: one example (a handover, a removal) must not change who may run the next.
  it.each(examples.map((line, i) => [line, i] as const))('%s', async (line, i) => {
    const conversation = `C-ERR-${i}`;
    for (const [user, setup] of [
      ['U-GM', `/casus nieuw ERR-${100 + i}`],
      ['U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`],
      ['U-HA', '/signaal zorg normaal moeder mist afspraken'],
      ['U-GM', '/inzet Horizon ha spic 7 verwezen gisteren'],
    ] as const) {
      if ((await h.say(user, setup, conversation)).error) throw new Error(setup);
    }
    let refused = 0;
    for (const [user, variant] of variants(line)) {
      const reply = await h.say(user!, variant!, conversation);
      if (reply.error && reply.message) {
        refused++;
        saysOnce(reply, variant!);
      }
    }
    // The outsider at least is refused: the check ran.
    expect(refused).toBeGreaterThan(0);
  });

  it('a refusal whose reason is its title gets a plain title', () => {
    expect(refusal('Signaal S-99 bestaat niet in deze casus.', 'Signaal S-99 bestaat niet in deze casus.').message?.title).toBe(kernelTexts().notDoneTitle);
  });

  it.each(['nl', 'en'] as const)('the errors built outside refusal(), in %s', (locale) => {
    const before = getLocale();
    setLocale(locale);
    try {
      const t = inboundTexts();
      saysOnce({ error: true, message: { title: t.failureTitle, text: t.failure } }, 'failure');
      saysOnce({ error: true, message: { title: t.staleButtonTitle, text: t.staleButton } }, 'stale button');
      saysOnce(unavailable(), 'unavailable');
    } finally {
      setLocale(before);
    }
  });
});
