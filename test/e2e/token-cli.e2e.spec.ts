import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveSigningSecret } from '../../apps/api/src/auth/signing-secret';
import { TokenVerifier } from '../../apps/api/src/auth/token-verifier';

const run = promisify(execFile);

/** `npm run token` must print just a token the embedded default accepts, with no setup at all. */
describe('npm run token', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cases-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const token = (...args: string[]) =>
    run('npm', ['run', '-s', 'token', '--', ...args], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: '' },
    });

  it('prints only a token, signed with the secret generated under DATA_DIR', async () => {
    const { stdout } = await token('--role', 'protector', '--institution', 'LJR', '--sub', 'prot-42');
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(statSync(join(dataDir, 'auth-secret')).mode & 0o777).toBe(0o600);
    const verifier = new TokenVerifier({ secret: resolveSigningSecret(undefined, dataDir) });
    expect(await verifier.verify(stdout.trim())).toEqual({ ok: true, actor: { sub: 'prot-42', role: 'protector', institution: 'LJR' } });
  }, 60_000);

  it('refuses a protector without institution, with a message and exit code 2', async () => {
    await expect(token('--role', 'protector')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --institution/) });
  }, 60_000);
});
