import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Text outside the PDF's body font (Helvetica: WinAnsi, i.e. Latin-1 and a few typographic
 * signs). Emoji are drawn with Noto Emoji (the `@fontsource/noto-emoji` package, its "emoji"
 * subset); any other character becomes a visible substitute such as `[U+2192]`, never garbage.
 */
const EMOJI_FONT = 'node_modules/@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff';
export const EMOJI_FONT_NAME = 'coopera-emoji';

/** WinAnsi's characters above Latin-1's control range (0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Look-alikes for a few common signs the body font lacks. */
const ASCII_FOR: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '\u2009': ' ',
  '\u202f': ' ',
};
/** Joiners and variation selectors: part of an emoji, nothing on their own. */
const INVISIBLE = new Set(['\u200d', '\ufe0f', '\ufe0e', '\u200b']);

export function inBodyFont(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    c === 0x0a ||
    c === 0x09 ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xff) ||
    WIN_ANSI_EXTRA.has(ch)
  );
}

export interface Run {
  text: string;
  emoji: boolean;
}

/** Splits text into runs for the body font and the emoji font; the rest is substituted. */
export function fontRuns(text: string, hasEmoji: (codePoint: number) => boolean): Run[] {
  const runs: Run[] = [];
  const push = (piece: string, emoji: boolean) => {
    const last = runs[runs.length - 1];
    if (last && last.emoji === emoji) last.text += piece;
    else runs.push({ text: piece, emoji });
  };
  for (const ch of text) {
    if (inBodyFont(ch)) push(ch, false);
    else if (INVISIBLE.has(ch)) continue;
    else if (hasEmoji(ch.codePointAt(0) ?? 0)) push(ch, true);
    else
      push(
        ASCII_FOR[ch] ??
          `[U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`,
        false,
      );
  }
  return runs.length ? runs : [{ text: '', emoji: false }];
}

/** What Noto Emoji draws: pictographs (🌳 ✅ ⚠ ♀) and the regional indicators of flags (🇲🇽). */
const EMOJI = /^(\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier})$/u;
export const isEmoji = (codePoint: number) => EMOJI.test(String.fromCodePoint(codePoint));

/** The emoji font file, or null when the package is not installed (then: substitutes). */
export function emojiFontPath(cwd = process.cwd()): string | null {
  const path = join(cwd, EMOJI_FONT);
  return existsSync(path) ? path : null;
}

type TextArgs = [
  x?: number | PDFKit.Mixins.TextOptions,
  y?: number,
  options?: PDFKit.Mixins.TextOptions,
];

/**
 * Makes every `doc.text(…)` draw emoji with the emoji font and substitute what no font covers;
 * the caller keeps choosing its body fonts with `doc.font(…)` as before.
 */
export function withFallbackFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  const path = emojiFontPath();
  if (path) doc.registerFont(EMOJI_FONT_NAME, path);
  const has = path ? isEmoji : () => false;
  let body = 'Helvetica';
  const font = doc.font.bind(doc) as (name: string, size?: number) => PDFKit.PDFDocument;
  const text = doc.text.bind(doc) as (text: string, ...args: TextArgs) => PDFKit.PDFDocument;
  (doc as unknown as { font: typeof font }).font = (name: string, size?: number) => {
    if (name !== EMOJI_FONT_NAME) body = name;
    return font(name, size);
  };
  (doc as unknown as { text: typeof text }).text = (value: string, ...args: TextArgs) => {
    const runs = fontRuns(String(value ?? ''), has);
    if (runs.length === 1 && !runs[0].emoji) return text(runs[0].text, ...args);
    const [a, b, c] = args;
    const options = (typeof a === 'object' ? a : c) ?? {};
    const position = typeof a === 'number' ? [a, b] : [];
    const keepBody = body;
    runs.forEach((run, i) => {
      font(run.emoji ? EMOJI_FONT_NAME : keepBody);
      const last = i === runs.length - 1;
      const opts = { ...options, continued: last ? (options.continued ?? false) : true };
      if (i === 0 && position.length) text(run.text, position[0] as number, position[1], opts);
      else text(run.text, opts);
    });
    font(keepBody);
    return doc;
  };
  return doc;
}
