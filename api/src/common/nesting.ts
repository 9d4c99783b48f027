/** Deepest nesting of objects/arrays a JSON body may have (an action with its parts needs 5). */
export const MAX_JSON_DEPTH = 32;

/** Deepest element nesting an XML file may have (IATI activities need about 8). */
export const MAX_XML_DEPTH = 64;

/**
 * True when `text` (JSON) nests objects/arrays deeper than `max`. One pass over the characters,
 * strings skipped, without parsing: a deep body is refused before the parser or the validators
 * recurse into it.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * True when `text` (XML) nests elements deeper than `max`. One pass over the tags (comments,
 * CDATA, processing instructions and declarations skipped), without parsing.
 */
export function xmlDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length) {
    const next = text[i + 1];
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      i = end === -1 ? -1 : text.indexOf('<', end + 3);
      continue;
    }
    // End of the tag: the first '>' outside a quoted attribute value.
    let j = i + 1;
    let quote = '';
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (next === '/') depth--;
    else if (next !== '?' && next !== '!' && text[j - 1] !== '/') {
      if (++depth > max) return true;
    }
    i = text.indexOf('<', j + 1);
  }
  return false;
}
