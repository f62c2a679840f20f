// Structured JSON logs (pino). What goes in is chosen at each call site: user ids, document
// names, request ids, paths without their query strings. Tokens, passwords and query strings are
// never logged; client addresses only when the operator turns that on. The redaction list is a
// second line of defence against a future call site that passes a whole object.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

const REDACT = [
  'token',
  'password',
  'authorization',
  '*.token',
  '*.password',
  '*.authorization',
  'headers',
  '*.headers',
  'query',
  '*.query',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tally-sync' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
