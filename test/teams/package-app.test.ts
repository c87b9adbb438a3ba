/**
 * The Teams app package: the zip Teams accepts holds manifest.json (app id filled in) and the
 * two icons at its root. Read back with Info-ZIP's `unzip`, an independent reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  MANIFEST_DIR,
  PackageError,
  fillManifest,
  packageTeamsApp,
} from '../../adapters/teams/package-app.ts';

const APP_ID = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';

function unzip(zip: string, ...args: string[]): Buffer {
  return execFileSync('unzip', [...args, zip], { maxBuffer: 10 * 1024 * 1024 });
}

describe('Teams app package', () => {
  it('zips the manifest with the app id filled in, and both icons at the right sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-teams-zip-'));
    const out = await packageTeamsApp({
      appId: APP_ID,
      out: join(dir, 'faxdesk-teams.zip'),
      domain: 'faxdesk.exemple.org',
    });
    unzip(out, '-tq'); // integrity
    const names = unzip(out, '-Z1').toString('utf8').trim().split('\n').sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(execFileSync('unzip', ['-p', out, 'manifest.json']).toString('utf8')) as {
      id: string;
      manifestVersion: string;
      bots: { botId: string; scopes: string[] }[];
      validDomains: string[];
      developer: { websiteUrl: string };
      name: { short: string; full: string };
      description: { short: string; full: string };
    };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: APP_ID, scopes: ['team', 'personal'] })]);
    expect(manifest.validDomains).toEqual(['faxdesk.exemple.org']);
    expect(manifest.developer.websiteUrl).toBe('https://faxdesk.exemple.org');
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.16);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);

    const color = await sharp(execFileSync('unzip', ['-p', out, 'color.png'])).metadata();
    expect([color.format, color.width, color.height]).toEqual(['png', 192, 192]);
    const outlineBuf = execFileSync('unzip', ['-p', out, 'outline.png']);
    const outline = await sharp(outlineBuf).metadata();
    expect([outline.format, outline.width, outline.height, outline.hasAlpha]).toEqual(['png', 32, 32, true]);
    // Outline: white where drawn, fully transparent elsewhere.
    const { data } = await sharp(outlineBuf).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      const alpha = data[i + 3]!;
      if (alpha === 0) continue;
      drawn++;
      expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThan(32 * 32);
  });

  it('keeps the manifest within Teams’ limits, in French', () => {
    const manifest = fillManifest(readFileSync(resolve(MANIFEST_DIR, 'manifest.json'), 'utf8'), {
      appId: APP_ID,
    }) as {
      name: { short: string; full: string };
      description: { short: string; full: string };
      validDomains: string[];
    };
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.description.full).toContain('télécopie');
    expect(manifest.validDomains).toEqual([]);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => fillManifest('{}', { appId: 'faxdesk' })).toThrow(PackageError);
  });

  it('runs as a command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-teams-cli-'));
    const out = join(dir, 'app.zip');
    execFileSync('npx', ['tsx', 'adapters/teams/package-app.ts', '--app-id', APP_ID, '--out', out], {
      stdio: 'pipe',
    });
    expect(unzip(out, '-Z1').toString('utf8')).toContain('manifest.json');
  });
});
