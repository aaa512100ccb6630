import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets, nextAuthSecret, secretsProblem, SecretsUnavailableError } from './secrets';

// Issue 9 item 3: whatever starts the app (npm run dev, next start, a test), it finds or creates its own secret.
describe('sandbox secrets under .data/', () => {
  let dir: string;
  const saved = { secret: process.env.NEXTAUTH_SECRET, data: process.env.SANDBOX_DATA_DIR };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-secrets-'));
    delete process.env.NEXTAUTH_SECRET;
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.env.NEXTAUTH_SECRET = saved.secret;
    if (saved.secret === undefined) delete process.env.NEXTAUTH_SECRET;
    process.env.SANDBOX_DATA_DIR = saved.data;
    if (saved.data === undefined) delete process.env.SANDBOX_DATA_DIR;
  });

  it('creates secrets.json (owner-only) in a folder that does not exist yet, and finds the same secret again', () => {
    const data = path.join(dir, 'nested', '.data');
    const first = loadOrCreateSecrets(data);
    expect(first.NEXTAUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const file = path.join(data, 'secrets.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecrets(data)).toEqual(first);
    expect(fs.readdirSync(data)).toEqual(['secrets.json']); // no temporary file left behind
  });

  it('keeps a file another process wrote first (scripts/server.mjs writes the same format)', () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ NEXTAUTH_SECRET: 'x'.repeat(40) }));
    expect(loadOrCreateSecrets(dir).NEXTAUTH_SECRET).toBe('x'.repeat(40));
  });

  it('nextAuthSecret() reads SANDBOX_DATA_DIR lazily; NEXTAUTH_SECRET in the environment wins', () => {
    process.env.SANDBOX_DATA_DIR = dir;
    const s = nextAuthSecret();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')).NEXTAUTH_SECRET).toBe(s);
    process.env.NEXTAUTH_SECRET = 'from-the-environment';
    expect(nextAuthSecret()).toBe('from-the-environment');
  });

  it('says what is wrong, naming the file and the fix, when the folder cannot be written', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the data folder should be');
    process.env.SANDBOX_DATA_DIR = path.join(blocker, '.data');
    expect(() => nextAuthSecret()).toThrow(SecretsUnavailableError);
    const problem = secretsProblem();
    expect(problem).toContain(path.join(blocker, '.data'));
    expect(problem).toMatch(/SANDBOX_DATA_DIR|NEXTAUTH_SECRET/);
  });

  it('refuses a damaged secrets file with a clear message instead of using it', () => {
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{"NEXTAUTH_SECRET": "short"}');
    expect(() => loadOrCreateSecrets(dir)).toThrow(/at least 32 characters: delete it/);
    fs.writeFileSync(path.join(dir, 'secrets.json'), '{not json');
    expect(() => loadOrCreateSecrets(dir)).toThrow(/could not be read as JSON/);
  });
});
