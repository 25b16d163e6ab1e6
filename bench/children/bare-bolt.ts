// The yardstick: a Bolt app that does nothing but acknowledge every slash
// command, on Bolt's own HTTP receiver, with the same signing checks as the
// real app. Our /signaal latency is reported as a ratio to this one's.
//
// Usage: PORT=<port> SLACK_SIGNING_SECRET=<secret> tsx bench/children/bare-bolt.ts

import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const signingSecret = process.env.SLACK_SIGNING_SECRET ?? '';
const port = Number(process.env.PORT ?? '0');
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', processBeforeResponse: false });
const app = new App({
  token: 'xoxb-test',
  botId: 'B0TEST',
  botUserId: 'UBOT',
  tokenVerificationEnabled: false,
  receiver,
  logLevel: LogLevel.ERROR,
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.start({ port, host: '127.0.0.1' });
process.stdout.write(`ready ${port}\n`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
