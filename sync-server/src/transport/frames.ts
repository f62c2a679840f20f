// WebSocket framing for what the server relays. A relayed update goes to every other connection
// of its document: framing it once and writing the same bytes to each socket saves ws building
// a header (and more) per recipient, which is most of a relay's cost. Server frames are never
// masked, so the bytes are the same for everyone. This is only correct because ws never holds
// frames back on these sockets (no compression, no Blob data): its own writes (ping, close) and
// ours reach the socket in call order.

/** A final binary frame carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + len);
  out[0] = 0x82; // FIN + binary
  if (len < 126) out[1] = len;
  else if (len < 65536) {
    out[1] = 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(len / 2 ** 32), 2);
    out.writeUInt32BE(len >>> 0, 6);
  }
  out.set(payload, head);
  return out;
}

let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

/** `binaryFrame`, remembering the last one: a broadcast frames its message once. */
export function framed(payload: Uint8Array): Buffer {
  if (payload !== lastPayload || lastFrame === null) {
    lastFrame = binaryFrame(payload);
    lastPayload = payload;
  }
  return lastFrame;
}
