import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './teams-zip.js';

// `npm run teams:package`: manifest/teams/{manifest.json,color.png,outline.png}
// -> dist/teams/regiebot-teams.zip, the app package to upload in Teams
// ("Apps > Manage your apps > Upload an app"). The manifest's app id and bot id
// become TEAMS_CLIENT_ID (the Entra app registration of the bot) when it is set.

export const placeholderId = '00000000-0000-0000-0000-000000000000';
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** The folder with manifest.json and the icons. */
  source: string;
  /** The bot's Entra app (client) id; the placeholder stays when absent. */
  clientId?: string;
  /** Replaces the manifest's version (x.y.z). */
  version?: string;
}

/** The manifest as it goes into the package. */
export function packagedManifest(raw: string, options: Pick<PackageOptions, 'clientId' | 'version'>): Record<string, unknown> {
  const manifest = JSON.parse(raw) as { id: string; version: string; bots?: Array<{ botId: string }> };
  if (options.clientId) {
    if (!guid.test(options.clientId)) throw new Error('TEAMS_CLIENT_ID is geen GUID (de Application (client) ID van de app-registratie).');
    manifest.id = options.clientId;
    for (const b of manifest.bots ?? []) b.botId = options.clientId;
  }
  if (options.version) manifest.version = options.version;
  return manifest;
}

export function buildPackage(options: PackageOptions): Buffer {
  const read = (name: string) => readFileSync(resolve(options.source, name));
  const manifest = packagedManifest(read('manifest.json').toString('utf8'), options);
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: 'color.png', data: read('color.png') },
    { name: 'outline.png', data: read('outline.png') },
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const clientId = process.env.TEAMS_CLIENT_ID?.trim() || undefined;
  const out = resolve(root, process.argv[2] ?? 'dist/teams/regiebot-teams.zip');
  const data = buildPackage({ source: resolve(root, 'manifest/teams'), ...(clientId ? { clientId } : {}), ...(process.env.TEAMS_APP_VERSION ? { version: process.env.TEAMS_APP_VERSION } : {}) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, data);
  console.log(`Teams-app-pakket geschreven: ${out} (${data.length} bytes)`);
  if (!clientId) {
    console.warn(`Let op: TEAMS_CLIENT_ID is niet gezet; app-id en bot-id zijn nog ${placeholderId}. Zet TEAMS_CLIENT_ID en draai opnieuw vóór het uploaden.`);
  }
}
