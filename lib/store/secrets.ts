import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './db';

/**
 * The sandbox's own secrets (next-auth's session encryption secret), found
 * or created under `.data/secrets.json` (SANDBOX_DATA_DIR) by the app itself,
 * so `npm run dev`, `npm start`, `next start` and the tests all sign in alike.
 * `NEXTAUTH_SECRET` in the environment wins. Read lazily, at first use:
 * route modules are evaluated during `next build`, which must not create files.
 * scripts/server.mjs writes the same file in the same format.
 */
interface SandboxSecrets {
  NEXTAUTH_SECRET: string;
}

export class SecretsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsUnavailableError';
  }
}

let cached: { dir: string; secrets: SandboxSecrets } | undefined;

function validSecrets(v: unknown): v is SandboxSecrets {
  return typeof v === 'object' && v !== null && typeof (v as SandboxSecrets).NEXTAUTH_SECRET === 'string' && (v as SandboxSecrets).NEXTAUTH_SECRET.length >= 32;
}

function readSecretsFile(file: string): SandboxSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SecretsUnavailableError(`${file} could not be read as JSON (${e instanceof Error ? e.message : String(e)}): delete it and a new one is made`);
  }
  if (!validSecrets(parsed)) throw new SecretsUnavailableError(`${file} has no NEXTAUTH_SECRET of at least 32 characters: delete it and a new one is made`);
  return parsed;
}

/** The secrets under `dir`, created there (mode 0600) when missing. Two processes racing to create them agree on one file. */
export function loadOrCreateSecrets(dir: string): SandboxSecrets {
  const file = path.join(dir, 'secrets.json');
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new SecretsUnavailableError(`the data folder ${dir} cannot be created (${e instanceof Error ? e.message : String(e)}): set SANDBOX_DATA_DIR to a writable folder or NEXTAUTH_SECRET in the environment`);
  }
  if (!fs.existsSync(file)) {
    const fresh: SandboxSecrets = { NEXTAUTH_SECRET: randomBytes(32).toString('base64url') };
    // Written aside, then linked into place: link() fails if another process got there first,
    // and a reader never sees a half-written file.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(fresh, null, 2), { mode: 0o600 });
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new SecretsUnavailableError(`${file} cannot be written (${e instanceof Error ? e.message : String(e)}): set SANDBOX_DATA_DIR to a writable folder or NEXTAUTH_SECRET in the environment`);
      }
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return readSecretsFile(file);
}

/** next-auth's secret: NEXTAUTH_SECRET from the environment, else the one kept under `.data/`. Throws SecretsUnavailableError with the cause and the fix. */
export function nextAuthSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  const dir = dataDir();
  if (cached?.dir !== dir) cached = { dir, secrets: loadOrCreateSecrets(dir) };
  return cached.secrets.NEXTAUTH_SECRET;
}

/** The problem with the secrets, in words for the page and the log, or undefined when they are fine. */
export function secretsProblem(): string | undefined {
  try {
    nextAuthSecret();
    return undefined;
  } catch (e) {
    if (e instanceof SecretsUnavailableError) return e.message;
    throw e;
  }
}
