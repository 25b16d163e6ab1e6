import type { types } from '@slack/bolt';
import type { Message } from '../../src/kernel/message.js';
import { catalog } from '../../src/i18n/index.js';
import { renderMessage } from './render.js';

type HomeView = types.HomeView;
type KnownBlock = types.KnownBlock;

const maxBlocks = 100;

const texts = catalog({
  nl: { more: (n: number) => `… en nog ${n} meer. Typ /casus info in een casuskanaal.` },
  en: { more: (n: number) => `… and ${n} more. Type /casus info in a case channel.` },
});

/** Messages stacked into one home tab, separated by dividers, within Slack's 100 blocks. */
export function renderHome(messages: Message[]): HomeView {
  const blocks: KnownBlock[] = [];
  for (const [i, message] of messages.entries()) {
    const rendered = renderMessage(message).blocks;
    const needed = rendered.length + (i > 0 ? 1 : 0);
    if (blocks.length + needed > maxBlocks - 1) {
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: texts().more(messages.length - i) }] });
      break;
    }
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...rendered);
  }
  return { type: 'home', blocks };
}
