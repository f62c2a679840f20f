// Prepares Tally's server for the benchmark: a fresh database in the given folder with one user
// and one device token. Runs in its own process so that the server's resident set does not
// carry the Argon2 hashing of the setup. Prints one JSON line: { "database": …, "token": … }.
import { join } from 'node:path';
import { Accounts } from '../src/accounts/accounts.ts';
import { createToken, hashToken } from '../src/accounts/tokens.ts';
import { SqliteStorage } from '../src/storage/sqlite.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: prepare-tally.ts DATA_DIR');
const database = join(dir, 'tally.sqlite');
const opened = SqliteStorage.open(database);
if (!opened.ok) throw new Error(opened.error);
const user = await new Accounts({ store: opened.value }).createUser('bench', 'bench password');
if (!user.ok) throw new Error(user.error.kind);
const token = createToken();
await opened.value.createDevice(user.value.id, 'load generator', hashToken(token), Date.now());
await opened.value.close();
process.stdout.write(JSON.stringify({ database, token }) + '\n');
