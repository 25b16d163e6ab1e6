import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../scripts/teams-icons.js';
import { buildPackage, placeholderId } from '../../scripts/teams-package.js';
import { crc32 } from '../../scripts/teams-zip.js';
import { parseCommand } from '../../src/core/parse.js';

// The Teams app package: manifest.json (schema 1.25), color.png 192x192,
// outline.png 32x32 white on transparent, zipped by `npm run teams:package`.

const dir = new URL('../../manifest/teams/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));

interface Png {
  width: number;
  height: number;
  colourType: number;
  pixels: Buffer;
}

function readPng(data: Buffer): Png {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (off < data.length) {
    const len = data.readUInt32BE(off);
    const type = data.toString('ascii', off + 4, off + 8);
    const body = data.subarray(off + 8, off + 8 + len);
    expect(data.readUInt32BE(off + 8 + len)).toBe(crc32(data.subarray(off + 4, off + 8 + len)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colourType = body[9]!;
    }
    if (type === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colourType, pixels };
}

/** The entries of a ZIP file, read from its central directory. */
function unzip(data: Buffer): Map<string, Buffer> {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = data.readUInt16LE(end + 10);
  let off = data.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(data.readUInt32LE(off)).toBe(0x02014b50);
    const method = data.readUInt16LE(off + 10);
    const crc = data.readUInt32LE(off + 16);
    const size = data.readUInt32LE(off + 20);
    const nameLen = data.readUInt16LE(off + 28);
    const local = data.readUInt32LE(off + 42);
    const name = data.toString('utf8', off + 46, off + 46 + nameLen);
    const localName = data.readUInt16LE(local + 26);
    const localExtra = data.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    const body = data.subarray(start, start + size);
    const content = method === 8 ? inflateRawSync(body) : body;
    expect(crc32(content)).toBe(crc);
    out.set(name, content);
    off += 46 + nameLen;
  }
  return out;
}

describe('manifest.json', () => {
  it('follows a current schema and names the bot for channels, group chats and personal chats', () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(manifest.id).toBe(placeholderId);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(manifest.icons).toEqual({ outline: 'outline.png', color: 'color.png' });
    const [botEntry] = manifest.bots;
    expect(manifest.bots).toHaveLength(1);
    expect(botEntry.botId).toBe(placeholderId);
    expect(botEntry.scopes).toEqual(['team', 'groupChat', 'personal']);
    for (const developerUrl of Object.values(manifest.developer).filter((v) => typeof v === 'string' && v.startsWith('http'))) expect(developerUrl).toMatch(/^https:\/\//);
  });

  it('lists the command words with Dutch descriptions, within the limits Teams sets', () => {
    const lists = manifest.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
        // Every title is a command word the core knows: `help <title>` parses.
        const parsed = parseCommand(`/help ${c.title}`, { today: '2026-03-02' as never });
        expect({ title: c.title, ok: parsed.ok }).toEqual({ title: c.title, ok: true });
      }
    }
    expect(lists[0]!.commands.map((c) => c.title)).toEqual(['casus', 'signaal', 'veiligheid', 'inzet', 'overleg', 'resultaat', 'escalatie', 'team', 'digest', 'help']);
    expect(lists[0]!.commands.find((c) => c.title === 'signaal')!.description).toMatch(/Signaal melden/);
  });
});

describe('manifest.json against Microsoft\'s schema', () => {
  // The JSON schema of the version the manifest declares, as Microsoft ships it
  // in @microsoft/app-manifest (offline: no fetch), validated as that package
  // validates it (ajv for draft-04, all errors, the uri/email/regex formats); its
  // own validator needs fs-extra, which it does not declare.
  const schemaFile = createRequire(import.meta.url).resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
  );
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // CommonJS modules with an `exports.default`: reached the same way under tsc and vitest.
  const Ajv = (ajvDraft04 as unknown as { default?: typeof ajvDraft04.default }).default ?? (ajvDraft04 as unknown as typeof ajvDraft04.default);
  const addFormats = (ajvFormats as unknown as { default?: typeof ajvFormats.default }).default ?? (ajvFormats as unknown as typeof ajvFormats.default);
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const check = ajv.compile(schema);
  const validate = async (m: unknown): Promise<string[]> => (check(m) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

  it('is valid at the version it declares', async () => {
    expect(schema.properties.manifestVersion.const).toBe(manifest.manifestVersion);
    expect(await validate(manifest)).toEqual([]);
  });

  it('and the same check refuses a manifest that breaks the schema', async () => {
    const broken = structuredClone(manifest);
    broken.name.short = 'regiebot voor regie op veiligheid en zorg';
    broken.bots[0].scopes = ['team', 'kanaal'];
    delete broken.developer.privacyUrl;
    const errors = await validate(broken);
    expect(errors.join('\n')).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(errors.join('\n')).toMatch(/\/bots\/0\/scopes\/1 must be equal to one of the allowed values/);
    expect(errors.join('\n')).toMatch(/\/developer must have required property 'privacyUrl'/);
  });
});

describe('icons', () => {
  it('color.png is 192x192 RGBA and is what scripts/teams-icons.ts draws', () => {
    const file = readFileSync(new URL('color.png', dir));
    const png = readPng(file);
    expect([png.width, png.height, png.colourType]).toEqual([192, 192, 6]);
    expect(file.equals(colorIcon())).toBe(true);
  });

  it('outline.png is 32x32, white on a transparent background', () => {
    const file = readFileSync(new URL('outline.png', dir));
    const png = readPng(file);
    expect([png.width, png.height, png.colourType]).toEqual([32, 32, 6]);
    let transparent = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!, png.pixels[i + 3]!];
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    // Corners and most of the square are transparent.
    expect(png.pixels[3]).toBe(0);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(file.equals(outlineIcon())).toBe(true);
  });
});

describe('npm run teams:package', () => {
  it('zips the manifest and both icons; the client id becomes the app id and the bot id', () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const entries = unzip(buildPackage({ source: new URL('.', dir).pathname, clientId, version: '1.2.3' }));
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const packaged = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(packaged).toMatchObject({ id: clientId, version: '1.2.3', bots: [{ botId: clientId }] });
    expect(entries.get('color.png')!.equals(readFileSync(new URL('color.png', dir)))).toBe(true);
    expect(entries.get('outline.png')!.equals(readFileSync(new URL('outline.png', dir)))).toBe(true);
  });

  it('gives the same bytes for the same input, and refuses a client id that is not a GUID', () => {
    const source = new URL('.', dir).pathname;
    expect(buildPackage({ source }).equals(buildPackage({ source }))).toBe(true);
    expect(() => buildPackage({ source, clientId: 'regiebot' })).toThrow(/GUID/);
  });
});
