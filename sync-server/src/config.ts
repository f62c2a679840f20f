// Server configuration: defaults, then a JSON config file, then TALLY_* environment variables,
// then explicit overrides (CLI flags, or the options a caller passes to startServer). Every value
// is checked at start, and every problem is reported at once, naming where the value came from.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { err, ok, type Result } from '@tally/model/result';
import { REPO_ROOT } from './paths.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Address to listen on. 127.0.0.1 by default; 0.0.0.0 (or ::) to serve the LAN. */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** The SQLite database file. */
  readonly database: string;
  /** The built PWA to serve on the same origin; null serves none. */
  readonly staticDir: string | null;
  /** PEM certificate and key: serve HTTPS/WSS directly. */
  readonly tlsCert: string | null;
  readonly tlsKey: string | null;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed. */
  readonly trustProxy: readonly string[];
  readonly logLevel: LogLevel;
  /** Log client addresses (off: logs carry no addresses). */
  readonly logClientAddresses: boolean;
  /** Let anyone create an account with POST /api/register. */
  readonly openRegistration: boolean;
  readonly sqliteSynchronous: 'NORMAL' | 'FULL';
  /** Largest WebSocket message accepted with a clear 4413 close; twice this is a hard cut. */
  readonly maxMessageBytes: number;
  readonly maxDocBytes: number;
  readonly userQuotaBytes: number;
  /** Largest kept file accepted by PUT /api/files/<hash>. */
  readonly maxFileBytes: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  readonly messageRate: number;
  readonly messageBurst: number;
  /** Time allowed to send a complete (authenticated) request, upgrades included. */
  readonly preAuthTimeoutMs: number;
  readonly maxConnectionsPerUser: number;
  readonly idleUnloadMs: number;
  readonly compactUpdates: number;
  readonly compactBytes: number;
  readonly gcIntervalMs: number;
  /** Send something to a connection that has heard nothing for this long. */
  readonly keepaliveMs: number;
  readonly loginFailuresPerAccount: number;
  readonly loginFailuresPerAddress: number;
  readonly loginWindowMs: number;
  /** When set, GET /metrics requires `Authorization: Bearer <metricsToken>`. */
  readonly metricsToken: string | null;
  readonly shutdownTimeoutMs: number;
  /** How often open connections are checked against the devices table (catches revocations
   * made with the CLI while the server runs). */
  readonly recheckDevicesMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULTS: Config = {
  host: '127.0.0.1',
  port: 8787,
  database: 'data/tally.sqlite',
  staticDir: resolve(REPO_ROOT, 'build'),
  tlsCert: null,
  tlsKey: null,
  trustProxy: [],
  logLevel: 'info',
  logClientAddresses: false,
  openRegistration: false,
  sqliteSynchronous: 'NORMAL',
  maxMessageBytes: 8 * MiB,
  maxDocBytes: 16 * MiB,
  userQuotaBytes: 512 * MiB,
  maxFileBytes: 32 * MiB,
  messageRate: 200,
  messageBurst: 2000,
  preAuthTimeoutMs: 10_000,
  maxConnectionsPerUser: 256,
  idleUnloadMs: 60_000,
  compactUpdates: 500,
  compactBytes: 1 * MiB,
  gcIntervalMs: 6 * 60 * 60 * 1000,
  keepaliveMs: 15_000,
  loginFailuresPerAccount: 5,
  loginFailuresPerAddress: 20,
  loginWindowMs: 15 * 60 * 1000,
  metricsToken: null,
  shutdownTimeoutMs: 10_000,
  recheckDevicesMs: 60_000,
};

type Kind =
  | { type: 'string'; nullable?: boolean; path?: boolean }
  | { type: 'int'; min: number; max: number; bytes?: boolean }
  | { type: 'bool' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list' };

const FIELDS: { [K in keyof Config]: Kind } = {
  host: { type: 'string' },
  port: { type: 'int', min: 0, max: 65535 },
  database: { type: 'string', path: true },
  staticDir: { type: 'string', nullable: true, path: true },
  tlsCert: { type: 'string', nullable: true, path: true },
  tlsKey: { type: 'string', nullable: true, path: true },
  trustProxy: { type: 'list' },
  logLevel: { type: 'enum', values: LOG_LEVELS },
  logClientAddresses: { type: 'bool' },
  openRegistration: { type: 'bool' },
  sqliteSynchronous: { type: 'enum', values: ['NORMAL', 'FULL'] },
  maxMessageBytes: { type: 'int', min: 1024, max: 256 * MiB, bytes: true },
  maxDocBytes: { type: 'int', min: 1024, max: 2 ** 40, bytes: true },
  userQuotaBytes: { type: 'int', min: 1024, max: 2 ** 50, bytes: true },
  // Held in memory while it is checked, so bounded well below the heap.
  maxFileBytes: { type: 'int', min: 1024, max: 512 * MiB, bytes: true },
  messageRate: { type: 'int', min: 1, max: 1_000_000 },
  messageBurst: { type: 'int', min: 1, max: 10_000_000 },
  preAuthTimeoutMs: { type: 'int', min: 100, max: 600_000 },
  maxConnectionsPerUser: { type: 'int', min: 1, max: 1_000_000 },
  idleUnloadMs: { type: 'int', min: 10, max: 7 * 24 * 3600_000 },
  compactUpdates: { type: 'int', min: 1, max: 1_000_000 },
  compactBytes: { type: 'int', min: 1024, max: 2 ** 40, bytes: true },
  gcIntervalMs: { type: 'int', min: 0, max: 365 * 24 * 3600_000 },
  keepaliveMs: { type: 'int', min: 100, max: 29_000 },
  loginFailuresPerAccount: { type: 'int', min: 1, max: 1_000_000 },
  loginFailuresPerAddress: { type: 'int', min: 1, max: 1_000_000 },
  loginWindowMs: { type: 'int', min: 1000, max: 7 * 24 * 3600_000 },
  metricsToken: { type: 'string', nullable: true },
  shutdownTimeoutMs: { type: 'int', min: 0, max: 600_000 },
  recheckDevicesMs: { type: 'int', min: 50, max: 24 * 3600_000 },
};

export const CONFIG_KEYS = Object.keys(FIELDS) as (keyof Config)[];

/** TALLY_ + the key in SCREAMING_SNAKE_CASE: maxDocBytes → TALLY_MAX_DOC_BYTES. */
export function envName(key: keyof Config): string {
  return 'TALLY_' + key.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase();
}

export interface ConfigSources {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A JSON config file; TALLY_CONFIG in `env` names one too. */
  readonly file?: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** What relative paths outside the config file are relative to. */
  readonly cwd?: string;
}

export function loadConfig(sources: ConfigSources = {}): Result<Config, string[]> {
  const env = sources.env ?? {};
  const cwd = sources.cwd ?? process.cwd();
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) values[key] = resolvePath(FIELDS[key], DEFAULTS[key], cwd);

  const file = sources.file ?? env.TALLY_CONFIG;
  if (file !== undefined && file !== '') {
    const path = resolve(cwd, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      const reason =
        (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      return err([`${path}: cannot read the config file: ${reason}`]);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return err([`${path}: the config file must hold a JSON object`]);
    }
    for (const [key, raw] of Object.entries(json)) {
      if (!(key in FIELDS)) {
        problems.push(`${path}: unknown setting "${key}"${suggest(key)}`);
        continue;
      }
      const k = key as keyof Config;
      const parsed = parseValue(FIELDS[k], raw, false);
      if (parsed.ok) values[k] = resolvePath(FIELDS[k], parsed.value, dirname(path));
      else problems.push(`${path}: "${key}": ${parsed.error}`);
    }
  }

  for (const key of CONFIG_KEYS) {
    const name = envName(key);
    const raw = env[name];
    if (raw === undefined) continue;
    const parsed = parseValue(FIELDS[key], raw, true);
    if (parsed.ok) values[key] = resolvePath(FIELDS[key], parsed.value, cwd);
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error}`);
  }

  for (const [key, raw] of Object.entries(sources.overrides ?? {})) {
    if (raw === undefined) continue;
    if (!(key in FIELDS)) {
      problems.push(`option "${key}": unknown setting${suggest(key)}`);
      continue;
    }
    const k = key as keyof Config;
    const parsed = parseValue(FIELDS[k], raw, false);
    if (parsed.ok) values[k] = resolvePath(FIELDS[k], parsed.value, cwd);
    else problems.push(`option "${key}": ${parsed.error}`);
  }

  const config = values as unknown as Config;
  if ((config.tlsCert === null) !== (config.tlsKey === null)) {
    problems.push('tlsCert and tlsKey go together: set both (for HTTPS) or neither');
  }
  if (config.messageBurst < config.messageRate) {
    problems.push(
      `messageBurst (${config.messageBurst}) must be at least messageRate (${config.messageRate})`,
    );
  }
  return problems.length > 0 ? err(problems) : ok(config);
}

function resolvePath(kind: Kind, value: unknown, base: string): unknown {
  if (kind.type !== 'string' || kind.path !== true || typeof value !== 'string') return value;
  if (value === ':memory:' || isAbsolute(value)) return value;
  return resolve(base, value);
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

function parseValue(kind: Kind, raw: unknown, fromText: boolean): Result<unknown, string> {
  switch (kind.type) {
    case 'string':
      if (kind.nullable && (raw === null || (fromText && (raw === '' || raw === 'off'))))
        return ok(null);
      if (typeof raw !== 'string' || raw === '') {
        return err(
          `expected ${kind.nullable ? 'a non-empty string or null' : 'a non-empty string'}`,
        );
      }
      return ok(raw);
    case 'bool':
      if (typeof raw === 'boolean') return ok(raw);
      if (fromText && typeof raw === 'string') {
        const v = raw.trim().toLowerCase();
        if (['1', 'true', 'yes', 'on'].includes(v)) return ok(true);
        if (['0', 'false', 'no', 'off'].includes(v)) return ok(false);
      }
      return err('expected true or false');
    case 'enum':
      if (typeof raw === 'string' && kind.values.includes(raw)) return ok(raw);
      return err(`expected one of ${kind.values.join(', ')}`);
    case 'list':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return ok(raw);
      if (typeof raw === 'string') {
        return ok(
          raw
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        );
      }
      return err('expected a list of strings (comma-separated in an environment variable)');
    case 'int': {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string') {
        const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(raw);
        const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
        if (!m || unit === undefined || (!kind.bytes && m[2] !== '')) {
          return err(
            kind.bytes
              ? 'expected a whole number of bytes, optionally with a unit (KiB, MiB, GiB, KB, MB, GB)'
              : 'expected a whole number',
          );
        }
        n = Number(m[1]) * unit;
      } else return err('expected a whole number');
      if (!Number.isSafeInteger(n) || n < kind.min || n > kind.max) {
        return err(`expected a whole number from ${kind.min} to ${kind.max}`);
      }
      return ok(n);
    }
  }
}

function suggest(key: string): string {
  const lower = key.toLowerCase();
  const match = CONFIG_KEYS.find((k) => k.toLowerCase() === lower);
  return match ? ` (did you mean "${match}"?)` : '';
}
