import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTeamsPackage, manifestVariables, PackageUsageError } from '../../../scripts/teams-package.ts';
import { zipFiles } from '../../../scripts/teams-zip.ts';
import { readZip } from './archive-readers.ts';

const APP_ID = '6F1C2E9A-1B2C-4D3E-8F90-A1B2C3D4E5F6';
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpibot-teams-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('teams:package', () => {
  it('zips manifest.json (placeholders filled, version set), color.png and outline.png at the root', () => {
    const outFile = join(tempDir(), 'nested', 'kpibot-teams.zip');
    buildTeamsPackage({
      env: { MICROSOFT_APP_ID: APP_ID, KPIBOT_PUBLIC_HOST: 'KPI.Acme.test' },
      sourceDir: 'appPackage',
      outFile,
      version: '1.4.2',
    });
    const files = readZip(readFileSync(outFile));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.version).toBe('1.4.2');
    expect(manifest.developer.privacyUrl).toBe('https://kpi.acme.test/privacy');
    expect(manifest.validDomains).toEqual(['kpi.acme.test']);
    expect(files.get('manifest.json')?.toString('utf8')).not.toContain('{{');
    expect(files.get('color.png')).toEqual(readFileSync('appPackage/color.png'));
    expect(files.get('outline.png')).toEqual(readFileSync('appPackage/outline.png'));
  });

  it('defaults the host to example.com', () => {
    expect(manifestVariables({ MICROSOFT_APP_ID: APP_ID })).toEqual({
      MICROSOFT_APP_ID: APP_ID,
      KPIBOT_PUBLIC_HOST: 'example.com',
    });
  });

  it.each([
    [{}, /MICROSOFT_APP_ID is not set/],
    [{ MICROSOFT_APP_ID: '  ' }, /MICROSOFT_APP_ID is not set/],
    [{ MICROSOFT_APP_ID: 'my-bot' }, /must be a GUID.*"my-bot"/],
    [{ MICROSOFT_APP_ID: `${APP_ID}0` }, /must be a GUID/],
    [{ MICROSOFT_APP_ID: APP_ID, KPIBOT_PUBLIC_HOST: 'https://kpi.acme.test' }, /bare host name/],
    [{ MICROSOFT_APP_ID: APP_ID, KPIBOT_PUBLIC_HOST: 'kpi.acme.test:8443' }, /bare host name/],
    [{ MICROSOFT_APP_ID: APP_ID, KPIBOT_PUBLIC_HOST: 'kpi.acme.test/bot' }, /bare host name/],
  ])('refuses %j', (env, message) => {
    expect(() => manifestVariables(env)).toThrow(PackageUsageError);
    expect(() => manifestVariables(env)).toThrow(message);
  });

  it('as a command: exit 2 with the reason when MICROSOFT_APP_ID is missing, the zip when it is set', () => {
    const env = { ...process.env };
    delete env.MICROSOFT_APP_ID;
    const tsx = join('node_modules', '.bin', 'tsx');
    const outFile = join(tempDir(), 'out.zip');
    const missing = spawnSync(tsx, ['scripts/teams-package.ts', '--out', outFile], { env, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('MICROSOFT_APP_ID is not set');
    expect(existsSync(outFile)).toBe(false);
    const ok = spawnSync(tsx, ['scripts/teams-package.ts', '--out', outFile], {
      env: { ...env, MICROSOFT_APP_ID: APP_ID },
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const manifest = JSON.parse(readZip(readFileSync(outFile)).get('manifest.json')?.toString('utf8') ?? '');
    expect(manifest.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  // Where Info-ZIP is installed, a second opinion on the format besides our own reader.
  it.skipIf(spawnSync('unzip', ['-v']).error !== undefined)('writes archives that unzip accepts', () => {
    const file = join(tempDir(), 'x.zip');
    const big = Buffer.from('kpibot '.repeat(10_000));
    buildTeamsPackage({
      env: { MICROSOFT_APP_ID: APP_ID },
      sourceDir: 'appPackage',
      outFile: file,
      version: '0.1.0',
    });
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    const other = join(tempDir(), 'y.zip');
    writeFileSync(
      other,
      zipFiles([
        { name: 'a/b.txt', data: big },
        { name: 'empty', data: Buffer.alloc(0) },
      ]),
    );
    expect(execFileSync('unzip', ['-p', other, 'a/b.txt'], { maxBuffer: 1 << 20 })).toEqual(big);
    expect(execFileSync('unzip', ['-Z1', other], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      'a/b.txt',
      'empty',
    ]);
  });
});
