// A tolerant reader for OFX markup, both dialects: OFX 1.x SGML, where elements holding a value
// have no end tag (`<TRNAMT>-6.60<FITID>…`), and OFX 2.x XML with end tags. Banks also mix the
// two (an XML header over an SGML body, closing tags on some leaves only). The rule that covers
// all of them: an element without an end tag is a leaf, so when an ancestor's end tag (or a
// sibling after its value) shows it was never closed, whatever got nested under it is moved up
// to be its siblings. Every element keeps its line number, for error messages.
//
// Written here rather than using ofx-js: that library fails on empty SGML leaves (`<NAME>` with
// no value — "Missing closing tag for NAME"), reports errors without a line, and re-slices the
// whole input per tag (quadratic on large statements).
import { err, ok, type Result } from '../result.ts';

export interface Element {
  /** Upper case. */
  name: string;
  line: number;
  /** Text content with entities decoded and surrounding whitespace trimmed. */
  text: string;
  children: Element[];
  /** Had an explicit end tag. */
  closed: boolean;
}

export interface MarkupError {
  line: number;
  kind: 'syntax' | 'truncated';
  message: string;
}

const NAME = /^[A-Za-z_][\w.:-]*$/;

/** Parses markup from `start`; returns a synthetic root whose children are the top elements. */
export function parseMarkup(text: string, start = 0): Result<Element, MarkupError> {
  const root: Element = { name: '#root', line: 1, text: '', children: [], closed: true };
  const stack: Element[] = [root];
  let line = 1 + countNewlines(text, 0, start);
  let i = start;
  const n = text.length;

  const top = (): Element => stack[stack.length - 1] ?? root;
  const popImplicit = (): void => {
    const el = stack.pop();
    const parent = top();
    if (el && el.children.length > 0) {
      // Never closed, so it was a leaf: what looked nested under it are its siblings.
      // One by one: spreading a list of 100 000+ transactions overflows the call stack.
      for (const child of el.children) parent.children.push(child);
      el.children = [];
    }
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const chunkEnd = lt === -1 ? n : lt;
    if (chunkEnd > i) {
      const raw = text.slice(i, chunkEnd);
      const value = raw.trim();
      const el = top();
      // Text beside child elements (after an aggregate's end tags) is not a value.
      if (value !== '' && stack.length > 1 && el.children.length === 0) {
        el.text = el.text === '' ? decodeEntities(value) : `${el.text} ${decodeEntities(value)}`;
      }
      line += countNewlines(text, i, chunkEnd);
    }
    if (lt === -1) break;

    if (text.startsWith('<!--', lt) || text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const [close, label] = text.startsWith('<!--', lt)
        ? ['-->', 'comment']
        : text.startsWith('<?', lt)
          ? ['?>', 'processing instruction']
          : ['>', 'declaration'];
      const end = text.indexOf(close, lt);
      if (end === -1) {
        return err({ line, kind: 'truncated', message: `the ${label} is never closed` });
      }
      line += countNewlines(text, lt, end);
      i = end + close.length;
      continue;
    }

    const gt = text.indexOf('>', lt);
    const nextLt = text.indexOf('<', lt + 1);
    if (gt === -1) {
      return err({
        line,
        kind: 'truncated',
        message: `the file ends inside a tag ("${text.slice(lt, lt + 20).trim()}")`,
      });
    }
    if (nextLt !== -1 && nextLt < gt) {
      return err({
        line,
        kind: 'syntax',
        message: `"${text.slice(lt, nextLt).trim()}" is not a complete tag`,
      });
    }
    const inner = text.slice(lt + 1, gt).trim();
    const tagLine = line;
    line += countNewlines(text, lt, gt);
    i = gt + 1;

    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toUpperCase();
      if (!NAME.test(name)) {
        return err({ line: tagLine, kind: 'syntax', message: `"<${inner}>" is not a valid tag` });
      }
      const at = findOpen(stack, name);
      if (at < 0) continue; // a stray end tag: nothing open to close
      while (stack.length - 1 > at) popImplicit();
      const el = stack.pop();
      if (el) el.closed = true;
      continue;
    }

    const selfClosing = inner.endsWith('/');
    const name = (inner.replace(/\/$/, '').trim().split(/\s/)[0] ?? '').toUpperCase();
    if (!NAME.test(name)) {
      return err({ line: tagLine, kind: 'syntax', message: `"<${inner}>" is not a valid tag` });
    }
    // A leaf that has its value ends where the next tag starts.
    while (stack.length > 1 && top().text !== '' && !top().closed) popImplicit();
    const el: Element = { name, line: tagLine, text: '', children: [], closed: selfClosing };
    top().children.push(el);
    if (!selfClosing) stack.push(el);
  }

  // At the end only leaves may still be open, and the outermost element (<OFX>) if it lacks its
  // end tag; an open aggregate inside means the file was cut off.
  while (stack.length > 2) {
    const el = top();
    if (el.children.length > 0) {
      return err({
        line,
        kind: 'truncated',
        message: `the file ends inside <${el.name}> (opened on line ${el.line}); it looks cut off`,
      });
    }
    popImplicit();
  }
  stack.pop(); // the outer element keeps its children even without an end tag
  return ok(root);
}

function findOpen(stack: readonly Element[], name: string): number {
  for (let k = stack.length - 1; k >= 1; k--) if (stack[k]?.name === name) return k;
  return -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) count++;
  return count;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// ---- Reading the tree ----

export function child(el: Element | undefined, name: string): Element | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: Element | undefined, name: string): Element[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The text of the first child with this name, or undefined when absent. */
export function valueOf(el: Element | undefined, name: string): string | undefined {
  return child(el, name)?.text;
}

/** The first element along a path of child names. */
export function at(el: Element | undefined, ...path: string[]): Element | undefined {
  let cur = el;
  for (const name of path) cur = child(cur, name);
  return cur;
}

/** Every descendant with one of these names, in document order (not looking inside matches). */
export function findAll(el: Element, names: readonly string[]): Element[] {
  const found: Element[] = [];
  const visit = (node: Element): void => {
    for (const c of node.children) {
      if (names.includes(c.name)) found.push(c);
      else visit(c);
    }
  };
  visit(el);
  return found;
}
