import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema.js';
import { personalChat, startTeams, tenantId, users, type TeamsRig } from './harness.js';

// Activities from another Microsoft 365 tenant than TEAMS_TENANT_ID never reach
// the core. Codes are invented.

describe('Teams: one tenant only', () => {
  let rig: TeamsRig;
  beforeAll(async () => {
    rig = await startTeams({ env: { TEAMS_TENANT_ID: tenantId } });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('ignores a command from another tenant and stores nothing', async () => {
    const user = Object.values(users)[0]!;
    const activity = rig.sim.messageActivity(user, personalChat(user), 'casus nieuw TEN-001');
    activity.conversation.tenantId = 'tenant-van-iemand-anders';
    activity.channelData.tenant.id = 'tenant-van-iemand-anders';
    await rig.sim.post(activity);
    await rig.app.flush();
    expect(await rig.app.db.q.select().from(cases)).toEqual([]);
    expect(rig.connector.callsOf('send')).toEqual([]);
  });

  it('answers the configured tenant', async () => {
    const user = Object.values(users)[0]!;
    await rig.sim.message(user, personalChat(user), 'help');
    await rig.app.flush();
    expect(rig.connector.callsOf('send').length).toBeGreaterThan(0);
  });
});
