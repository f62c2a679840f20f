import { describe, expect, it } from 'vitest';
import { decode, declaredEncoding, sniffBinary } from './decode.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (bigEndian) out.push(c >> 8, c & 0xff);
    else out.push(c & 0xff, c >> 8);
  }
  return new Uint8Array(out);
}
// "Café €5" in windows-1252: é = E9, € = 80.
const cp1252 = bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35);

describe('decode', () => {
  it.each([
    ['UTF-8 without BOM', utf8('Date,Payee\nCafé €5'), 'utf-8', false],
    ['UTF-8 with BOM', concat(bytes(0xef, 0xbb, 0xbf), utf8('Date,Payee\nCafé €5')), 'utf-8', true],
    ['UTF-16 LE with BOM', utf16('Date,Payee\nCafé €5', false, true), 'utf-16le', true],
    ['UTF-16 BE with BOM', utf16('Date,Payee\nCafé €5', true, true), 'utf-16be', true],
    ['UTF-16 LE without BOM', utf16('Date,Payee\nCafé €5', false, false), 'utf-16le', false],
  ])('%s', (_label, input, encoding, bom) => {
    const d = decode(input);
    expect(d.encoding).toBe(encoding);
    expect(d.bom).toBe(bom);
    expect(d.text).toBe('Date,Payee\nCafé €5');
  });

  it('reads bytes that are not valid UTF-8 as windows-1252', () => {
    expect(decode(cp1252)).toMatchObject({ text: 'Café €5', encoding: 'windows-1252' });
  });

  it('follows an OFX CHARSET header', () => {
    const header = utf8(
      'OFXHEADER:100\nDATA:OFXSGML\nENCODING:USASCII\nCHARSET:8859-1\n\n<OFX><NAME>',
    );
    const d = decode(concat(header, cp1252));
    expect(d).toMatchObject({ encoding: 'iso-8859-1', declared: 'iso-8859-1' });
    expect(d.text.endsWith('<NAME>Café €5')).toBe(true);
  });

  it('prefers valid multi-byte UTF-8 over a declared single-byte charset', () => {
    const d = decode(utf8('OFXHEADER:100\nCHARSET:1252\n\n<OFX><NAME>Café'));
    expect(d).toMatchObject({ encoding: 'utf-8', declared: 'windows-1252' });
    expect(d.text.endsWith('Café')).toBe(true);
  });

  it('falls back to windows-1252 when a file declared UTF-8 is not', () => {
    const d = decode(concat(utf8('OFXHEADER:100\nENCODING:UTF-8\n\n<OFX><NAME>'), cp1252));
    expect(d.encoding).toBe('windows-1252');
    expect(d.reason).toContain('not valid UTF-8');
  });

  it('lets the person force an encoding', () => {
    expect(decode(utf8('Café'), 'windows-1252').text).toBe('CafÃ©');
  });

  it.each([
    ['OFXHEADER:100\nENCODING:UTF-8\nCHARSET:NONE\n\n<OFX>', 'utf-8'],
    ['OFXHEADER:100\nENCODING:USASCII\nCHARSET:1252\n\n<OFX>', 'windows-1252'],
    ['OFXHEADER:100\nENCODING:USASCII\nCHARSET:NONE\n\n<OFX>', undefined],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><OFX>', 'iso-8859-1'],
    ['Date,Amount', undefined],
  ])('declaredEncoding(%j) = %s', (head, expected) => {
    expect(declaredEncoding(utf8(head))).toBe(expected);
  });
});

describe('sniffBinary', () => {
  it.each([
    ['PDF', utf8('%PDF-1.7\n...'), 'pdf'],
    ['xlsx (zip)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0), 'zip'],
    ['old xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), 'ole'],
    ['gzip', bytes(0x1f, 0x8b, 0x08, 0), 'gzip'],
    [
      'random bytes',
      new Uint8Array(Array.from({ length: 256 }, (_, i) => (i * 37) % 256)),
      'binary',
    ],
    ['text', utf8('Date,Amount\n2025-01-01,1\n'), undefined],
  ])('%s', (_label, input, expected) => {
    expect(sniffBinary(input, decode(input).text)).toBe(expected);
  });
});
