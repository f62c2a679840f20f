#!/usr/bin/env node
// tally-server: run the sync server and look after its database. `npm run server -- help`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { AccountError } from './accounts/accounts.ts';
import { loadConfig, type Config } from './config.ts';
import type { SqliteStorage } from './storage/sqlite.ts';
import type { Result } from '@tally/model/result';

// Each command imports what it needs when it runs: `user add` should not load the server.
const ops = (): Promise<typeof import('./ops.ts')> => import('./ops.ts');
const sealedModule = (): Promise<typeof import('./backup/sealed.ts')> =>
  import('./backup/sealed.ts');
const accountsModule = (): Promise<typeof import('./accounts/accounts.ts')> =>
  import('./accounts/accounts.ts');

const USAGE = `Usage: npm run server -- <command> [options]

Commands:
  serve                  start the server
  user add NAME          create a user
  user passwd NAME       set a user's password
  user delete NAME       delete a user with every device and document (--yes to skip the question)
  user list              list users
  backup FILE            copy the live database to FILE (consistent, mode 0600);
                         --encrypt seals it with the operator's passphrase
  restore FILE           replace the database with a backup, encrypted or not (the current one
                         is backed up first; stop the server before)
  export USER FILE       write USER's documents to FILE as a Tally backup the app can restore;
                         --encrypt seals it (the app opens it with the same passphrase)
  check                  check the database: integrity, references, every stored update and
                         kept file

Options:
  --config FILE          JSON config file (or TALLY_CONFIG)
  --database PATH        the SQLite file (or TALLY_DATABASE; default data/tally.sqlite)
  --host HOST, --port N  where serve listens (or TALLY_HOST, TALLY_PORT)
  --yes                  do not ask before deleting
  --encrypt              backup, export: encrypt the file (AES-256-GCM, key from Argon2id)
  --key-file FILE        the passphrase for --encrypt and restore: FILE's text (one trailing
                         newline ignored); else TALLY_BACKUP_PASSPHRASE; else asked at a terminal
  -h, --help             this text

Passwords are read from TALLY_PASSWORD, else from standard input when it is not a terminal
(first line), else asked for at the terminal. A backup passphrase is never an argument: those
show in \`ps\`. Every TALLY_* setting is listed in the README.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      database: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      yes: { type: 'boolean', default: false },
      encrypt: { type: 'boolean', default: false },
      'key-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const configured = loadConfig({
    env: process.env,
    file: values.config,
    overrides: {
      database: values.database,
      host: values.host,
      port: values.port === undefined ? undefined : Number(values.port),
    },
  });
  if (!configured.ok) {
    console.error(`Configuration problems:\n  - ${configured.error.join('\n  - ')}`);
    return 2;
  }
  const config = configured.value;

  switch (command) {
    case 'serve':
      return serve(config);
    case 'user':
      return user(config, rest, values.yes);
    case 'backup': {
      const file = one(rest, 'backup FILE');
      const seal = await sealing(values.encrypt, values['key-file']);
      if (!seal.ok) return fail(seal.error);
      const result = await (await ops()).backupDatabase(config.database, file, seal.value);
      if (!result.ok) return fail(result.error);
      console.log(
        `Backed up ${config.database} to ${file} (${result.value.bytes} bytes, mode 0600` +
          `${result.value.sealed ? ', encrypted' : ''}).`,
      );
      return 0;
    }
    case 'restore': {
      const file = one(rest, 'restore FILE');
      if (values.encrypt)
        throw new UsageError('restore finds out by itself whether FILE is encrypted');
      let passphrase: string | undefined;
      if (existsSync(file) && (await (await sealedModule()).isSealed(file))) {
        const read = await operatorPassphrase(
          values['key-file'],
          false,
          `${file} is encrypted, so its passphrase is needed`,
        );
        if (!read.ok) return fail(read.error);
        passphrase = read.value;
      }
      const result = await (
        await ops()
      ).restoreDatabase(config.database, file, Date.now(), passphrase);
      if (!result.ok) return fail(result.error);
      if (result.value.safetyCopy)
        console.log(`The previous database is saved as ${result.value.safetyCopy}.`);
      console.log(
        `Restored ${config.database} from ${file}${result.value.sealed ? ' (decrypted)' : ''}.`,
      );
      return 0;
    }
    case 'export': {
      if (rest.length !== 2)
        throw new UsageError('export needs a user name and a file: export USER FILE');
      const [name, file] = rest as [string, string];
      const seal = await sealing(values.encrypt, values['key-file']);
      if (!seal.ok) return fail(seal.error);
      return withStorage(config, async (storage) => {
        const result = await (await ops()).exportUser(storage, name, file, Date.now(), seal.value);
        if (!result.ok) return fail(result.error);
        console.log(
          `Wrote ${result.value.docs} documents of ${name} to ${file}` +
            `${result.value.sealed ? ', encrypted' : ''}.`,
        );
        return 0;
      });
    }
    case 'check':
      return withStorage(config, async (storage) => {
        const { problems, docs, updates, files } = await (await ops()).checkDatabase(storage);
        if (problems.length > 0) {
          console.error(
            `${config.database}: ${problems.length} problems:\n  - ${problems.join('\n  - ')}`,
          );
          return 1;
        }
        console.log(
          `${config.database}: ok (${docs} documents, ${updates} updates in logs, ${files} kept files).`,
        );
        return 0;
      });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function one(rest: string[], form: string): string {
  if (rest.length !== 1) throw new UsageError(`expected: ${form}`);
  return rest[0] as string;
}

/** What --encrypt and --key-file ask of backup and export. */
async function sealing(
  encrypt: boolean,
  keyFile: string | undefined,
): Promise<Result<{ passphrase: string } | undefined, string>> {
  if (!encrypt) {
    if (keyFile !== undefined)
      throw new UsageError('--key-file encrypts only with --encrypt (restore reads it by itself)');
    return { ok: true, value: undefined };
  }
  const read = await operatorPassphrase(keyFile, true, '--encrypt needs a backup passphrase');
  if (!read.ok) return read;
  const { MIN_PASSPHRASE_LENGTH } = await sealedModule();
  if (read.value.length < MIN_PASSPHRASE_LENGTH)
    return {
      ok: false,
      error: `the backup passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    };
  return { ok: true, value: { passphrase: read.value } };
}

/**
 * The operator's backup passphrase: the text of --key-file, else TALLY_BACKUP_PASSPHRASE, else
 * asked at a terminal. Never an argument of its own: arguments show in `ps` and shell history.
 */
async function operatorPassphrase(
  keyFile: string | undefined,
  confirm: boolean,
  why: string,
): Promise<Result<string, string>> {
  if (keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(keyFile, 'utf8');
      if ((statSync(keyFile).mode & 0o077) !== 0)
        console.error(`Warning: others can read ${keyFile}; chmod 600 it.`);
    } catch (e) {
      return { ok: false, error: `the key file ${keyFile}: ${(e as Error).message}` };
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (passphrase === '') return { ok: false, error: `the key file ${keyFile} is empty` };
    return { ok: true, value: passphrase };
  }
  const fromEnv = process.env.TALLY_BACKUP_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return { ok: true, value: fromEnv };
  if (!process.stdin.isTTY)
    return {
      ok: false,
      error: `${why}: set TALLY_BACKUP_PASSPHRASE or give --key-file FILE`,
    };
  const first = await ask('Backup passphrase: ', true);
  if (confirm && (await ask('Again: ', true)) !== first)
    return { ok: false, error: 'the passphrases differ' };
  return { ok: true, value: first };
}

function fail(message: string): number {
  console.error(`Error: ${message}`);
  return 1;
}

async function withStorage(
  config: Config,
  work: (storage: SqliteStorage) => Promise<number>,
): Promise<number> {
  const { SqliteStorage } = await import('./storage/sqlite.ts');
  const opened = SqliteStorage.open(config.database, { synchronous: config.sqliteSynchronous });
  if (!opened.ok) return fail(opened.error);
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

/**
 * V8 flags the server runs with (TALLY_V8_FLAGS; empty for none). --optimize-for-size keeps the
 * young generation small: the server's garbage is short-lived per-message objects, and V8 keeps
 * the pages of a grown heap resident after a burst (about 40% less RSS after a flood here, for
 * about the same throughput). Flags must be given when Node starts, so `serve` re-executes
 * itself with them (same process id, so signals and supervisors are unaffected).
 */
const DEFAULT_V8_FLAGS = '--optimize-for-size';

function reexecWithV8Flags(): void {
  const flags = (process.env.TALLY_V8_FLAGS ?? DEFAULT_V8_FLAGS)
    .split(/\s+/)
    .filter((f) => f !== '');
  const missing = flags.filter((f) => !process.execArgv.includes(f));
  if (missing.length === 0 || process.execve === undefined || process.env.TALLY_REEXECUTED === '1')
    return;
  process.execve(
    process.execPath,
    [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
    { ...process.env, TALLY_REEXECUTED: '1' },
  );
}

async function serve(config: Config): Promise<number> {
  reexecWithV8Flags();
  const { start } = await import('./server.ts');
  const server = await start(config);
  console.error(`Tally sync server listening on ${server.url} (database ${config.database})`);
  return new Promise((resolveExit) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        console.error(`${signal} again: exiting now`);
        resolveExit(1);
        return;
      }
      stopping = true;
      server.close().then(
        () => resolveExit(0),
        (e: unknown) => {
          console.error(`Error while stopping: ${(e as Error).message}`);
          resolveExit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

async function user(config: Config, rest: string[], yes: boolean): Promise<number> {
  const [action, name] = rest;
  if (action === 'list') {
    return withStorage(config, async (storage) => {
      const users = await storage.listUsers();
      if (users.length === 0) console.log('No users yet: npm run server -- user add NAME');
      for (const u of users) {
        console.log(
          `${u.name}\tcreated ${new Date(u.createdAt).toISOString().slice(0, 10)}\t` +
            `${u.devices} devices\t${u.docs} documents\t${u.bytes} bytes`,
        );
      }
      return 0;
    });
  }
  if (name === undefined || rest.length !== 2)
    throw new UsageError('expected: user add|passwd|delete NAME, or user list');
  const { Accounts } = await accountsModule();
  return withStorage(config, async (storage) => {
    const accounts = new Accounts({ store: storage });
    switch (action) {
      case 'add': {
        const password = await readPassword(`Password for ${name}: `, true);
        const result = await accounts.createUser(name, password);
        if (!result.ok) return fail(accountMessage(result.error, name));
        console.log(`Created user ${result.value.name}.`);
        return 0;
      }
      case 'passwd': {
        const password = await readPassword(`New password for ${name}: `, true);
        const result = await accounts.setPassword(name, password);
        if (!result.ok) return fail(accountMessage(result.error, name));
        console.log(`Changed the password of ${name}. Signed-in devices stay signed in.`);
        return 0;
      }
      case 'delete': {
        if (!yes) {
          if (!process.stdin.isTTY) return fail('deleting needs --yes when not run at a terminal');
          const answer = await ask(
            `Delete ${name} with every device and document? Type the name to confirm: `,
          );
          if (answer.trim() !== name) return fail('not confirmed; nothing deleted');
        }
        const result = await accounts.deleteUser(name);
        if (!result.ok) return fail(accountMessage(result.error, name));
        console.log(`Deleted ${name}.`);
        return 0;
      }
      default:
        throw new UsageError(`unknown user command "${action ?? ''}"`);
    }
  });
}

function accountMessage(e: AccountError, name: string): string {
  switch (e.kind) {
    case 'invalid-input':
      return e.message;
    case 'name-taken':
      return `a user named ${name} already exists`;
    case 'no-such-user':
      return `no user named ${e.name}`;
    default:
      return e.kind;
  }
}

/** TALLY_PASSWORD, else the first line of stdin (scripts), else a hidden prompt (twice). */
async function readPassword(prompt: string, confirm: boolean): Promise<string> {
  const fromEnv = process.env.TALLY_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin as AsyncIterable<Buffer>)
      text += chunk.toString('utf8');
    return text.split(/\r?\n/)[0] ?? '';
  }
  const first = await ask(prompt, true);
  if (confirm && (await ask('Again: ', true)) !== first) {
    throw new UsageError('the passwords differ');
  }
  return first;
}

function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolveAnswer) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolveAnswer(answer);
    });
    muted = hidden;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`Error: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  },
);
