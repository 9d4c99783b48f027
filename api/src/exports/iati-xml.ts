/** A small XML tree, its serialiser and the escaping rules (XML 1.0, UTF-8). */

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | number | null | undefined>;
  children?: XmlNode[];
  text?: string;
}
export interface XmlComment {
  comment: string;
}
export type XmlNode = XmlElement | XmlComment;

export const isElement = (n: XmlNode): n is XmlElement => 'name' in n;

/** Characters XML 1.0 does not allow at all (controls, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A comment may not contain "--" nor end with "-". */
export function commentText(text: string): string {
  return ` ${xmlSafe(text).replace(/-{2,}/g, '-').replace(/-$/, '- ')} `;
}

export function el(
  name: string,
  attrs?: XmlElement['attrs'],
  children?: (XmlNode | null | undefined | false)[],
): XmlElement {
  return {
    name,
    attrs,
    children: children?.filter((c): c is XmlNode => Boolean(c)),
  };
}

export function textEl(name: string, text: string, attrs?: XmlElement['attrs']): XmlElement {
  return { name, attrs, text };
}

export function serialize(node: XmlNode, indent = ''): string {
  if (!isElement(node)) return `${indent}<!--${commentText(node.comment)}-->\n`;
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  if (node.text !== undefined) {
    return `${indent}<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>\n`;
  }
  if (!node.children?.length) return `${indent}<${node.name}${attrs}/>\n`;
  const inner = node.children.map((c) => serialize(c, `${indent}  `)).join('');
  return `${indent}<${node.name}${attrs}>\n${inner}${indent}</${node.name}>\n`;
}

/** Child elements named `name` (a path like "period/target" descends). */
export function find(node: XmlElement, path: string): XmlElement[] {
  let current: XmlElement[] = [node];
  for (const part of path.split('/')) {
    current = current.flatMap((n) =>
      (n.children ?? []).filter((c): c is XmlElement => isElement(c) && c.name === part),
    );
  }
  return current;
}

export function attr(node: XmlElement, name: string): string | undefined {
  const v = node.attrs?.[name];
  return v === null || v === undefined ? undefined : String(v);
}
