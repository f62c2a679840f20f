import { describe, expect, it } from 'vitest';
import { decodeEntities, parseMarkup, type Element } from './markup.ts';

/** The tree as nested [name, text, children] for compact assertions. */
function shape(el: Element): unknown {
  return el.children.length > 0 ? [el.name, el.children.map(shape)] : [el.name, el.text];
}

function parse(text: string): unknown {
  const result = parseMarkup(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.children.map(shape);
}

describe('parseMarkup', () => {
  it('moves 200 000 elements out of an unclosed leaf without overflowing the stack', () => {
    // SGML OFX: every <STMTTRN> after an unclosed <DTEND> nests under it until </BANKTRANLIST>.
    const n = 200_000;
    const result = parseMarkup(`<L><DTEND>20260101${'<T></T>'.repeat(n)}</L>`);
    if (!result.ok) throw new Error(result.error.message);
    const list = result.value.children[0];
    expect(list?.children.length).toBe(n + 1);
    expect(list?.children[0]?.name).toBe('DTEND');
    expect(list?.children[n]?.name).toBe('T');
  });

  it('closes SGML leaves at the next tag', () => {
    expect(parse('<A><B>1<C>2</A>')).toEqual([
      [
        'A',
        [
          ['B', '1'],
          ['C', '2'],
        ],
      ],
    ]);
  });

  it('makes what followed an empty SGML leaf its siblings', () => {
    expect(parse('<A><B><C>x<D>y</A>')).toEqual([
      [
        'A',
        [
          ['B', ''],
          ['C', 'x'],
          ['D', 'y'],
        ],
      ],
    ]);
  });

  it('reads XML with end tags and empty elements', () => {
    expect(parse('<A>\n  <B>1</B>\n  <C></C>\n  <E/>\n</A>')).toEqual([
      [
        'A',
        [
          ['B', '1'],
          ['C', ''],
          ['E', ''],
        ],
      ],
    ]);
  });

  it('ignores comments, declarations and stray end tags', () => {
    expect(parse('<?xml version="1.0"?><!-- hi --><A><B>1</X></B></A>')).toEqual([
      ['A', [['B', '1']]],
    ]);
  });

  it('ignores text beside child elements instead of taking the aggregate for a leaf', () => {
    expect(parse('<A><B><C>1</C> stray <D>2</D></B><E>3</A>')).toEqual([
      [
        'A',
        [
          [
            'B',
            [
              ['C', '1'],
              ['D', '2'],
            ],
          ],
          ['E', '3'],
        ],
      ],
    ]);
  });

  it('keeps line numbers', () => {
    const result = parseMarkup('<A>\n<B>1\n\n<C>2\n</A>');
    const a = result.ok ? result.value.children[0] : undefined;
    expect(a?.children.map((c) => [c.name, c.line])).toEqual([
      ['B', 2],
      ['C', 4],
    ]);
  });

  it.each([
    ['<A><B><C>1', 'truncated', 'ends inside <B>'],
    ['<A><B>1</B', 'truncated', 'ends inside a tag'],
    ['<A><!-- never closed', 'truncated', 'comment is never closed'],
    ['<A><1B>x</A>', 'syntax', 'not a valid tag'],
  ])('%s → %s', (text, kind, message) => {
    const result = parseMarkup(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.message).toContain(message);
  });
});

describe('decodeEntities', () => {
  it.each([
    ['A &amp; B', 'A & B'],
    ['&lt;x&gt; &quot;y&quot; &apos;z&apos;', `<x> "y" 'z'`],
    ['&#233;&#xE9;', 'éé'],
    ['AT&T', 'AT&T'],
    ['&bogus;', '&bogus;'],
  ])('%s → %s', (text, expected) => {
    expect(decodeEntities(text)).toBe(expected);
  });
});
