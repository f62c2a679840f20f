// A server in its own process, for tests that kill it (kill -9) or signal it (SIGTERM).
// Usage: node child-server.ts '<JSON server options>' — prints "LISTENING <url>" when ready.
import { startServer } from '../server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  staticDir: null,
  logLevel: 'warn',
  ...options,
});
process.stdout.write(`LISTENING ${server.url}\n`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
