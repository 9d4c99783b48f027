import { HttpStatus } from '@nestjs/common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../common/errors';

/** A parsed element (fast-xml-parser: `@attr`, `#text`, children by name). */
export type Node = Record<string, unknown>;

/** Elements that are always read as lists, even when a file has one. */
const ARRAYS = new Set([
  'iati-activity',
  'narrative',
  'title',
  'description',
  'participating-org',
  'activity-date',
  'transaction',
  'budget',
  'planned-disbursement',
  'sector',
  'tag',
  'result',
  'indicator',
  'period',
  'baseline',
  'document-link',
]);

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** The five predefined entities and character references: nothing else is ever expanded. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return XML_ENTITIES[e];
  });
}

/** The children of `node` named `name` (none: an empty list). */
export const list = (node: unknown, name: string): Node[] =>
  node && typeof node === 'object' ? (((node as Node)[name] as Node[] | undefined) ?? []) : [];
/** The first child of `node` named `name`. */
export const one = (node: unknown, name: string): Node | undefined => {
  const v = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return Array.isArray(v) ? (v[0] as Node | undefined) : (v as Node | undefined);
};
/** An attribute, decoded and trimmed; undefined when absent or blank. */
export const attr = (node: Node | undefined, name: string): string | undefined => {
  const v = node?.[`@${name}`];
  return typeof v === 'string' && v.trim() ? decodeXmlText(v.trim()) : undefined;
};
/** The text of an element, decoded. */
export const textOf = (node: unknown): string | undefined => {
  if (typeof node === 'string') return decodeXmlText(node);
  const t = node && typeof node === 'object' ? (node as Node)['#text'] : undefined;
  return typeof t === 'string' ? decodeXmlText(t) : typeof t === 'number' ? String(t) : undefined;
};
/** `@iso-date` as YYYY-MM-DD, when it is one. */
export const isoDate = (node: Node | undefined) => {
  const d = attr(node, 'iso-date');
  return d && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : undefined;
};

export interface Narrative {
  lang: string;
  text: string;
}
/** The non-empty narratives of an element, each with its language (else `lang`). */
export const narratives = (node: Node | undefined, lang: string): Narrative[] =>
  list(node, 'narrative')
    .map((n) => ({
      lang: (attr(n, 'xml:lang') ?? lang).toLowerCase(),
      text: textOf(n)?.trim() ?? '',
    }))
    .filter((n) => n.text);
/** The text of the first narrative in `lang` (`es` also takes `es-MX`). */
export const inLang = (ns: Narrative[], lang: string) =>
  ns.find((n) => n.lang.startsWith(lang))?.text;

/** Refuses what could make a parser fetch, expand or loop: any DOCTYPE or ENTITY declaration. */
export function assertSafeXml(name: string, text: string): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_XML_DOCTYPE', { file: name });
}

/** The file as UTF-8 text that starts as XML (else 415 IMPORT_WRONG_FILE_TYPE). */
export function iatiText(name: string, buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'xml',
      reason: 'not UTF-8',
    });
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<'))
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'xml',
    });
  return text.replace(/^\uFEFF/, '');
}

/**
 * The `iati-activities` root of a file: safe (no DOCTYPE), well-formed (else 400
 * IMPORT_CORRUPT_FILE with the line), IATI 2.0x (else IMPORT_WRONG_FILE_TYPE).
 */
export function parseIatiRoot(name: string, buffer: Buffer): Node {
  const text = iatiText(name, buffer);
  assertSafeXml(name, text);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      row: valid.err.line,
      reason: valid.err.msg,
    });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (tag) => ARRAYS.has(tag),
  });
  const root = (parser.parse(text) as Node)['iati-activities'] as Node | undefined;
  if (!root || typeof root !== 'object')
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'iati-activities',
    });
  const version = attr(root, 'version');
  // IATI 1.x has another shape; anything else the schema accepts (its own tests say "xx").
  if (version && /^1\./.test(version))
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'IATI 2.0x',
      version,
    });
  return root;
}
