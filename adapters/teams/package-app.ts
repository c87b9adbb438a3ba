/**
 * Packages the Teams app: manifest/teams/manifest.json with the bot's app id (and version,
 * domain, web site) filled in, and its two icons, zipped at the root as Teams expects.
 * Upload the zip in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin centre.
 *
 *   npx tsx adapters/teams/package-app.ts --app-id <GUID> [--domain faxdesk.example.org]
 *     [--website https://…] [--version 1.0.0] [--out faxdesk-teams.zip]
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ZipFile } from 'yazl';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFEST_DIR = resolve(ROOT, 'manifest/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]+$/i;

export interface PackageOptions {
  appId: string;
  out: string;
  /** Public host name of the messaging endpoint (goes into validDomains). */
  domain?: string;
  /** Developer web site, privacy and terms pages (https). */
  website?: string;
  /** The app's version (x.y.z); Teams wants a higher one for each update. */
  version?: string;
  manifestDir?: string;
}

export class PackageError extends Error {
  override name = 'PackageError';
}

/** The manifest with its placeholders filled; throws PackageError on a bad value. */
export function fillManifest(template: string, opts: Omit<PackageOptions, 'out'>): Record<string, unknown> {
  if (!GUID.test(opts.appId))
    throw new PackageError(`--app-id : identifiant d’application (GUID) attendu, reçu « ${opts.appId} »`);
  if (opts.domain !== undefined && !HOST.test(opts.domain)) {
    throw new PackageError(
      `--domain : nom d’hôte attendu (ex. faxdesk.exemple.org), reçu « ${opts.domain} »`,
    );
  }
  const website = opts.website ?? (opts.domain ? `https://${opts.domain}` : 'https://localhost');
  if (!/^https:\/\/[^\s"]+$/.test(website))
    throw new PackageError(`--website : adresse https attendue, reçu « ${website} »`);
  const version = opts.version ?? '1.0.0';
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version))
    throw new PackageError(`--version : x.y.z attendu, reçu « ${version} »`);
  const filled = template
    .replaceAll('{{TEAMS_APP_ID}}', opts.appId.toLowerCase())
    .replaceAll('{{WEBSITE_URL}}', website)
    .replaceAll('{{VERSION}}', version)
    .replaceAll('{{DOMAIN}}', opts.domain ?? '');
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  manifest.validDomains = ((manifest.validDomains as string[]) ?? []).filter((d) => d !== '');
  const left = /\{\{[A-Z_]+\}\}/.exec(JSON.stringify(manifest));
  if (left) throw new PackageError(`manifest.json : espace réservé non rempli ${left[0]}`);
  return manifest;
}

export async function packageTeamsApp(opts: PackageOptions): Promise<string> {
  const dir = opts.manifestDir ?? MANIFEST_DIR;
  const manifest = fillManifest(readFileSync(resolve(dir, 'manifest.json'), 'utf8'), opts);
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), 'manifest.json');
  zip.addFile(resolve(dir, 'color.png'), 'color.png');
  zip.addFile(resolve(dir, 'outline.png'), 'outline.png');
  zip.end();
  const out = resolve(opts.out);
  await new Promise<void>((done, fail) => {
    const file = createWriteStream(out);
    file.on('close', done).on('error', fail);
    zip.outputStream.on('error', fail).pipe(file);
  });
  return out;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'app-id': { type: 'string' },
      out: { type: 'string', default: 'faxdesk-teams.zip' },
      domain: { type: 'string' },
      website: { type: 'string' },
      version: { type: 'string' },
    },
  });
  const appId = values['app-id'] ?? process.env.TEAMS_APP_ID;
  if (!appId) {
    process.stderr.write(
      'Usage : teams:package --app-id <GUID> [--domain hôte] [--website https://…] [--version x.y.z] [--out fichier.zip]\n',
    );
    return 2;
  }
  try {
    const out = await packageTeamsApp({
      appId,
      out: values.out,
      ...(values.domain ? { domain: values.domain } : {}),
      ...(values.website ? { website: values.website } : {}),
      ...(values.version ? { version: values.version } : {}),
    });
    process.stdout.write(`Paquet de l’application Teams écrit : ${out}\n`);
    if (!values.website && !values.domain) {
      process.stderr.write(
        'Note : pages du développeur mises à https://localhost ; précisez --website ou --domain.\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
