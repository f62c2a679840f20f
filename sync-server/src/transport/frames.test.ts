import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { binaryFrame, framed } from './frames.ts';

// ws's own frame parser (not exported by name, nor in its type definitions).
const require = createRequire(import.meta.url);
const Receiver = require(
  require.resolve('ws').replace(/index\.js$/, 'lib/receiver.js'),
) as new (options: { isServer: boolean; maxPayload: number }) => Writable;

function decode(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) =>
      isBinary ? resolve(data) : reject(new Error('text')),
    );
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('binaryFrame', () => {
  it.each([0, 1, 125, 126, 65535, 65536, 200_000])(
    'frames %i bytes as ws reads them',
    async (size) => {
      const payload = Uint8Array.from({ length: size }, (_, i) => i % 251);
      expect(Uint8Array.from(await decode(binaryFrame(payload)))).toEqual(payload);
    },
  );

  it('frames a broadcast once', () => {
    const payload = Uint8Array.of(0, 2, 1, 0);
    expect(framed(payload)).toBe(framed(payload));
    expect(framed(Uint8Array.of(1))).not.toBe(framed(payload));
  });
});
