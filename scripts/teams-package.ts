import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipFiles } from './teams-zip.ts';

/**
 * `npm run teams:package`: appPackage/ → dist/kpibot-teams.zip, the file to upload in Teams (Apps → Manage your apps →
 * Upload an app) or in the Teams admin centre. The manifest's placeholders come from the environment:
 *   MICROSOFT_APP_ID     the bot's Microsoft Entra app id (required, a GUID), also the Teams app id
 *   KPIBOT_PUBLIC_HOST   the host serving kpibot (default example.com): website, privacy and terms URLs, valid domain
 * Options: --out <file> (default dist/kpibot-teams.zip).
 */
export class PackageUsageError extends Error {}

export interface TeamsPackageOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** The folder holding manifest.json, color.png and outline.png. */
  sourceDir: string;
  outFile: string;
  /** The app's version in the manifest: Teams only updates an installed app to a higher one. */
  version: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const PACKAGE_FILES = ['color.png', 'outline.png'] as const;

export function manifestVariables(env: TeamsPackageOptions['env']): Record<string, string> {
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!appId) {
    throw new PackageUsageError(
      "MICROSOFT_APP_ID is not set. Set it to your Azure Bot's Microsoft App ID (a GUID, e.g. MICROSOFT_APP_ID=00000000-0000-0000-0000-000000000000 npm run teams:package).",
    );
  }
  if (!GUID.test(appId)) {
    throw new PackageUsageError(
      `MICROSOFT_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000 (your Azure Bot's Microsoft App ID), got "${appId}".`,
    );
  }
  const host = env.KPIBOT_PUBLIC_HOST?.trim() || 'example.com';
  if (!HOST.test(host)) {
    throw new PackageUsageError(
      `KPIBOT_PUBLIC_HOST must be a bare host name like kpibot.example.com (no https://, port or path), got "${host}".`,
    );
  }
  return { MICROSOFT_APP_ID: appId, KPIBOT_PUBLIC_HOST: host.toLowerCase() };
}

/** The manifest with its `{{NAME}}` placeholders filled in and the version set; refuses a placeholder left over. */
export function renderManifest(template: string, variables: Record<string, string>, version: string): string {
  const filled = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (placeholder, name: string) => {
    const value = variables[name];
    if (value === undefined)
      throw new PackageUsageError(`appPackage/manifest.json: unknown placeholder ${placeholder}`);
    return value;
  });
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  manifest.version = version;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function buildTeamsPackage(opts: TeamsPackageOptions): {
  outFile: string;
  appId: string;
  host: string;
} {
  const variables = manifestVariables(opts.env);
  const template = readFileSync(join(opts.sourceDir, 'manifest.json'), 'utf8');
  const manifest = renderManifest(template, variables, opts.version);
  const zip = zipFiles([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    ...PACKAGE_FILES.map((name) => ({ name, data: readFileSync(join(opts.sourceDir, name)) })),
  ]);
  mkdirSync(dirname(opts.outFile), { recursive: true });
  writeFileSync(opts.outFile, zip);
  return {
    outFile: opts.outFile,
    appId: variables.MICROSOFT_APP_ID ?? '',
    host: variables.KPIBOT_PUBLIC_HOST ?? '',
  };
}

function outFileFrom(argv: readonly string[]): string {
  const at = argv.indexOf('--out');
  if (at === -1) return resolve('dist/kpibot-teams.zip');
  const value = argv[at + 1];
  if (!value || value.startsWith('--'))
    throw new PackageUsageError('--out needs a file name, e.g. --out dist/kpibot-teams.zip');
  return resolve(value);
}

function main(): void {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
  try {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const built = buildTeamsPackage({
      env: process.env,
      sourceDir: join(root, 'appPackage'),
      outFile: outFileFrom(process.argv.slice(2)),
      version,
    });
    console.log(
      `Wrote ${built.outFile} (app id ${built.appId}, host ${built.host}, version ${version}). Upload it in Teams: Apps → Manage your apps → Upload an app.`,
    );
  } catch (error) {
    if (error instanceof PackageUsageError) {
      console.error(`teams:package: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
