import { AppError } from '../../common/errors';
import { decodeXmlText, narratives, parseIatiRoot } from './xml-nodes';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

describe('xml-nodes', () => {
  it('decodes only the five XML escapes and character references', () => {
    expect(decodeXmlText('a &amp; b &#233; &#xE9; &nbsp;')).toBe('a & b é é &nbsp;');
  });

  it('refuses DOCTYPEs, files that are not well-formed, not IATI or IATI 1.x', () => {
    const parse = (s: string) => () => parseIatiRoot('x.xml', Buffer.from(s));
    expect(code(parse('<!DOCTYPE x><iati-activities/>'))).toBe('IMPORT_XML_DOCTYPE');
    expect(code(parse('<iati-activities><a></iati-activities>'))).toBe('IMPORT_CORRUPT_FILE');
    expect(code(parse('<iati-organisations/>'))).toBe('IMPORT_WRONG_FILE_TYPE');
    expect(code(parse('<iati-activities version="1.05"/>'))).toBe('IMPORT_WRONG_FILE_TYPE');
    expect(code(parse('hola'))).toBe('IMPORT_WRONG_FILE_TYPE');
  });

  it('keeps each narrative with its own language, else the default', () => {
    const root = parseIatiRoot(
      'x.xml',
      Buffer.from(
        '<iati-activities><t><narrative>Loan</narrative><narrative xml:lang="DE">Darlehen</narrative><narrative> </narrative></t></iati-activities>',
      ),
    );
    expect(narratives(root.t as never, 'en')).toEqual([
      { lang: 'en', text: 'Loan' },
      { lang: 'de', text: 'Darlehen' },
    ]);
  });
});
