// XML for the GPX and TCX readers, through fast-xml-parser: it runs the same in a Web Worker
// (which has no DOMParser) and in Node. Namespace prefixes are dropped, so `gpxtpx:hr`,
// `ns3:hr` and a bare `hr` all read as `hr`. The parser gives a lone element as a value and
// repeated ones as a list; `children` always returns a list, so a file with one lap and a file
// with ten read the same way.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { err, ok, type Result } from '../result.ts';

export interface XmlElement {
  [name: string]: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Matchers instead of path strings: building a path per tag costs a third of the parse.
  jPath: false,
});

/** Bytes to text, honouring a BOM or the encoding the XML declaration names. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding this runtime does not know: UTF-8 is the best guess left.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

export interface XmlError {
  /** The text ends with elements still open: the file was cut short. */
  truncated: boolean;
  message: string;
}

/** The document's root element and its name, or why the text is not well-formed XML. */
export function parse(text: string): Result<{ name: string; root: XmlElement }, XmlError> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator reports elements left open at the end as "Invalid '[a, b]' found".
    const open = /^Invalid '\[([^\]]*)\]' found/.exec(valid.err.msg);
    if (open) {
      const names = (open[1] ?? '').replace(/[\s"]/g, '').split(',').filter(Boolean);
      return err({
        truncated: true,
        message: `the text ends with <${names.at(-1) ?? '?'}> still open`,
      });
    }
    // An error on the last line of a text that does not end with a closing tag: cut mid-way.
    const lastLine = text.trimEnd().split('\n').length;
    if (valid.err.line >= lastLine && !/<\/[\w:.-]+>\s*$/.test(text)) {
      return err({ truncated: true, message: `the text stops in the middle of line ${lastLine}` });
    }
    return err({
      truncated: false,
      message: `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    });
  }
  const doc = parser.parse(text) as XmlElement;
  for (const [name, value] of Object.entries(doc)) {
    if (name.startsWith('#') || name.startsWith('@')) continue;
    const root = Array.isArray(value) ? (value[0] as unknown) : value;
    return ok({ name, root: asElement(root) });
  }
  return err({ truncated: false, message: 'the file has no root element' });
}

/** Child elements called `name`. */
export function children(node: XmlElement | undefined, name: string): XmlElement[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(asElement);
}

export function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(node, name)[0];
}

/** The text of the first `name` child (or of `node` itself when `name` is omitted). */
export function text(node: XmlElement | undefined, name?: string): string | undefined {
  const target = name === undefined ? node : child(node, name);
  const value = target?.['#text'];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function attr(node: XmlElement | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, or undefined for anything else ("undefined", "x", "", "NaN"). */
export function number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** The first element called `name` anywhere below `node`, depth first. */
export function find(node: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!node) return undefined;
  const direct = child(node, name);
  if (direct) return direct;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key.startsWith('#')) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'object' || item === null) continue;
      const found = find(item as XmlElement, name);
      if (found) return found;
    }
  }
  return undefined;
}

function asElement(value: unknown): XmlElement {
  if (typeof value === 'object' && value !== null) return value as XmlElement;
  if (typeof value === 'string' || typeof value === 'number') return { '#text': String(value) };
  return {};
}
