import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], {
    errorMap: () => ({ message: 'must be one of development, test, production' }),
  }),
  PORT: z.coerce
    .number({ invalid_type_error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535'),
  HOST: z.string().min(1, 'must not be empty'),
  DATABASE_URL: z
    .string({ required_error: 'is required (postgres://user:password@host:port/database)' })
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  ID_NUMBER_KEYS: z
    .string()
    .regex(
      /^[a-z0-9]{1,16}:[A-Za-z0-9+/]{43}=(,[a-z0-9]{1,16}:[A-Za-z0-9+/]{43}=)*$/,
      'must be a comma-separated list of <key id>:<32 random bytes in base64>, newest first (e.g. k2:…,k1:…)',
    ),
  ID_NUMBER_INDEX_KEY: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) }),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true'),
  DATA_DIR: z.string().min(1),
  WEB_DIR: z.string().min(1),
  JOBS: z.enum(['on', 'off'], { errorMap: () => ({ message: 'must be on or off' }) }),
  EVENTS_KEEP_DAYS: z.coerce
    .number({ invalid_type_error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be between 1 and 90 days')
    .max(90, 'must be between 1 and 90 days'),
  FIRST_SCREEN_WAIT_MS: z.coerce
    .number({ invalid_type_error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be between 0 and 60000 milliseconds')
    .max(60_000, 'must be between 0 and 60000 milliseconds'),
  ALLOWED_ORIGINS: z
    .string()
    .refine((v) => v === '' || v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), 'must be a comma-separated list of origins such as https://zhulian.example.org'),
  REDIS_URL: z.string().regex(/^(rediss?:\/\/\S+)?$/, 'must be a redis:// or rediss:// URL'),
});

export type AppConfig = Readonly<{
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string;
  jwtSecret: string;
  /** Keys the audit trail's hash chain (HMAC): someone who can write the database cannot forge it. */
  auditKey: string;
  /** AES-256-GCM keys for ID numbers by key id; the first encrypts, all decrypt (rotation). */
  idNumberKeys: ReadonlyArray<{ id: string; key: Buffer }>;
  /** HMAC key of the ID numbers' blind index (exact look-up without decrypting). */
  idNumberIndexKey: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  dataDir: string;
  /** The built web app (`vite build`), served at `/` when it exists. */
  webDir: string;
  /** Whether this process runs the background jobs (deadlines …); off by default in tests. */
  jobs: boolean;
  /** How long published events are kept for clients that reconnect (and replay what they missed). */
  eventsKeepDays: number;
  /** How long a page waits for the first screen the server draws before it goes without (0: never drawn). */
  firstScreenWaitMs: number;
  /** Origins whose pages may open a realtime socket, beside the API's own (http://HOST:PORT). */
  allowedOrigins: readonly string[];
  /** Redis for more than one API node (socket.io adapter, shared rate limits); null on one node. */
  redisUrl: string | null;
}>;

/** Secrets generated outside production and required in it. */
const SECRETS = ['JWT_SECRET', 'AUDIT_KEY', 'ID_NUMBER_KEYS', 'ID_NUMBER_INDEX_KEY'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the environment once, at start-up. Every bad value is reported at once with what
 * was expected, so an operator fixes them in one go. Values are never echoed (they may be secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const raw = {
    NODE_ENV: nodeEnv,
    PORT: env.PORT ?? '3000',
    HOST: env.HOST ?? '127.0.0.1',
    DATABASE_URL: env.DATABASE_URL,
    JWT_SECRET: env.JWT_SECRET ?? (nodeEnv === 'production' ? undefined : developmentSecret(dataDir, 'jwt-secret')),
    AUDIT_KEY: env.AUDIT_KEY ?? (nodeEnv === 'production' ? undefined : developmentSecret(dataDir, 'audit-key')),
    ID_NUMBER_KEYS:
      env.ID_NUMBER_KEYS ?? (nodeEnv === 'production' ? undefined : developmentSecret(dataDir, 'id-number-keys', () => `k1:${randomBytes(32).toString('base64')}`)),
    ID_NUMBER_INDEX_KEY: env.ID_NUMBER_INDEX_KEY ?? (nodeEnv === 'production' ? undefined : developmentSecret(dataDir, 'id-number-index-key')),
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    TRUST_PROXY: env.TRUST_PROXY ?? '0',
    DATA_DIR: dataDir,
    WEB_DIR: resolve(env.WEB_DIR ?? 'dist/web'),
    JOBS: env.JOBS ?? (nodeEnv === 'test' ? 'off' : 'on'),
    EVENTS_KEEP_DAYS: env.EVENTS_KEEP_DAYS ?? '7',
    FIRST_SCREEN_WAIT_MS: env.FIRST_SCREEN_WAIT_MS ?? '1500',
    ALLOWED_ORIGINS: env.ALLOWED_ORIGINS ?? '',
    REDIS_URL: env.REDIS_URL ?? '',
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const message =
          SECRETS.includes(name) && raw[name as keyof typeof raw] === undefined
            ? `is required when NODE_ENV=production (${name === 'ID_NUMBER_KEYS' ? 'e.g. `echo k1:$(openssl rand -base64 32)`' : 'at least 32 characters, e.g. `openssl rand -hex 32`'})`
            : issue.message;
        return `${name} ${message}`;
      }),
    );
  }
  const v = parsed.data;
  return Object.freeze({
    nodeEnv: v.NODE_ENV,
    isProduction: v.NODE_ENV === 'production',
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    jwtSecret: v.JWT_SECRET,
    auditKey: v.AUDIT_KEY,
    idNumberKeys: v.ID_NUMBER_KEYS.split(',').map((entry) => {
      const [id, key] = entry.split(':');
      return { id, key: Buffer.from(key, 'base64') };
    }),
    idNumberIndexKey: v.ID_NUMBER_INDEX_KEY,
    logLevel: v.LOG_LEVEL,
    trustProxy: v.TRUST_PROXY,
    dataDir: v.DATA_DIR,
    webDir: v.WEB_DIR,
    jobs: v.JOBS === 'on',
    eventsKeepDays: v.EVENTS_KEEP_DAYS,
    firstScreenWaitMs: v.FIRST_SCREEN_WAIT_MS,
    allowedOrigins: Object.freeze(v.ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean)),
    redisUrl: v.REDIS_URL === '' ? null : v.REDIS_URL,
  });
}

/** Outside production a missing secret is generated once and kept under the data directory. */
function developmentSecret(dataDir: string, name: string, generate = () => randomBytes(48).toString('base64url')): string {
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = generate();
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Two processes starting at once: the first one's secret wins.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
