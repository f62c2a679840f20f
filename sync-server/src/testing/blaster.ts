// A worker thread for the fuzz test: opens raw sockets, upgrades each with the token, sends one
// prepared WebSocket frame, and reports the close code the server answers with. Running it off
// the test's thread lets the server (on that thread) use a core of its own.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface BlastJob {
  readonly port: number;
  readonly token: string;
  readonly frames: Uint8Array[];
  readonly sockets: number;
}

export type BlastReport =
  { kind: 'progress'; done: number } | { kind: 'done'; codes: [number, number][] };

function blast(job: BlastJob, frame: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(job.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    socket.on('connect', () => {
      socket.write(
        'GET /sync/bills HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          `Sec-WebSocket-Protocol: tally, token.${job.token}\r\n\r\n`,
      );
      socket.write(frame);
    });
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      const body = received.indexOf('\r\n\r\n');
      if (body < 0) return;
      const at = received.indexOf(0x88, body + 4);
      if (at >= 0 && received.length >= at + 4) {
        resolve(received.readUInt16BE(at + 2));
        // Answer the close like a well-behaved client, then go.
        socket.end(Buffer.from([0x88, 0x80, 0, 0, 0, 0]));
      }
    });
    socket.on('error', () => resolve(-1));
    socket.on('close', () => resolve(-1));
  });
}

const port = parentPort;
if (port === null) throw new Error('blaster.ts runs as a worker thread');
const job = workerData as BlastJob;
const codes = new Map<number, number>();
let next = 0;
let done = 0;
await Promise.all(
  Array.from({ length: job.sockets }, async () => {
    while (next < job.frames.length) {
      const frame = job.frames[next++] as Uint8Array;
      const code = await blast(job, frame);
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (++done % 100 === 0) port.postMessage({ kind: 'progress', done } satisfies BlastReport);
    }
  }),
);
port.postMessage({ kind: 'done', codes: [...codes] } satisfies BlastReport);
