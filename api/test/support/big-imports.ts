import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipOf } from './zip';

/**
 * Large import files built at run time (never committed): workbooks whose sheets or shared
 * strings expand to many MiB, long CSV tables and IATI files of thousands of activities. Used by
 * the limits test and by `npm run bench:imports`.
 */

/** Deterministic pseudo-random text so that deflate compresses like real data (not like zeros). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

const WORDS =
  'agua ciudad movilidad clima resiliencia planeación metropolitana cooperación proyecto resultado indicador vivienda transporte energía residuos'.split(
    ' ',
  );

const xml = (s: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);

function workbookParts(sheet: Buffer, sharedStrings?: Buffer): { name: string; data: Buffer }[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="results" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ];
}

/**
 * A workbook with one "results" sheet of inline-string rows whose XML is about `sheetBytes`
 * long (the header row, then rows of an action code and a statement of varied words).
 */
export function bigSheetWorkbook(sheetBytes: number, seed = 1): Buffer {
  const next = lcg(seed);
  const chunks: Buffer[] = [
    xml(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>action_code</t></is></c><c r="B1" t="inlineStr"><is><t>statement</t></is></c></row>',
    ),
  ];
  let size = chunks[0].length;
  let r = 2;
  let part: string[] = [];
  while (size < sheetBytes) {
    const words = Array.from({ length: 2 }, () => WORDS[next() % WORDS.length]).join(' ');
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>A-${r % 1000}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${words} del programa de cooperación internacional</t></is></c></row>`;
    part.push(row);
    size += row.length;
    r++;
    if (part.length === 10000) {
      chunks.push(Buffer.from(part.join('')));
      part = [];
    }
  }
  chunks.push(Buffer.from(`${part.join('')}</sheetData></worksheet>`));
  return zipOf(workbookParts(Buffer.concat(chunks)));
}

/**
 * A small sheet whose shared strings table is about `bytes` long, of distinct strings: phrases,
 * or (`tiny`) a few characters each, the most strings (and heap) per byte.
 */
export function bigSharedStringsWorkbook(bytes: number, seed = 2, tiny = false): Buffer {
  const next = lcg(seed);
  const parts: string[] = [];
  let size = 0;
  let count = 0;
  while (size < bytes) {
    const text = tiny
      ? count.toString(36)
      : `${Array.from({ length: 8 }, () => WORDS[next() % WORDS.length]).join(' ')} ${count}`;
    const s = `<si><t>${text}</t></si>`;
    parts.push(s);
    size += s.length;
    count++;
  }
  const strings = xml(
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${parts.join('')}</sst>`,
  );
  const sheet = xml(
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>action_code</t></is></c><c r="B1" t="inlineStr"><is><t>statement</t></is></c></row></sheetData></worksheet>',
  );
  return zipOf(workbookParts(sheet, strings));
}

/** results.csv with `rows` data rows (short rows: a million fit in about 14 MB). */
export function longCsv(rows: number): Buffer {
  const lines = ['action_code,statement'];
  for (let i = 0; i < rows; i++) lines.push(`A-${i % 100},R${i}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const IATI_FIXTURE = join(__dirname, '..', 'fixtures', 'imports', 'giz-eu-mexico-activities.xml');

/**
 * An IATI activity file of at least `bytes` (or exactly `activities` activities): the
 * activities of the donor fixture repeated with distinct identifiers.
 */
export function bigIatiFile(target: { bytes?: number; activities?: number }): Buffer {
  const text = readFileSync(IATI_FIXTURE, 'utf8');
  const start = text.indexOf('<iati-activity ');
  const end = text.lastIndexOf('</iati-activities>');
  const activities = text
    .slice(start, end)
    .split(/(?=<iati-activity )/)
    .map((a) => a.trim());
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    if (target.activities !== undefined && parts.length >= target.activities) break;
    if (target.bytes !== undefined && size >= target.bytes) break;
    const a = activities[i % activities.length].replace(
      /<iati-identifier>([^<]+)<\/iati-identifier>/,
      (_, id: string) => `<iati-identifier>${id}-B${i}</iati-identifier>`,
    );
    parts.push(a);
    size += a.length;
  }
  return Buffer.from(
    `${text.slice(0, start)}${parts.join('\n    ')}\n</iati-activities>\n`,
    'utf8',
  );
}
