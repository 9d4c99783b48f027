import {
  docxFile,
  ole2File,
  pdfFile,
  pngFile,
  zipFile,
  odtFile,
} from '../../test/support/evidence-files';
import { claimsEvidenceType, declaredTypeAgrees, sniffKind } from './file-type';

describe('sniffKind (by content)', () => {
  it('recognises the allowed kinds', async () => {
    expect(await sniffKind(pdfFile())).toBe('pdf');
    expect(await sniffKind(pngFile())).toBe('png');
    expect(await sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('jpeg');
    expect(await sniffKind(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif');
    expect(await sniffKind(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(await sniffKind(docxFile())).toBe('docx');
    expect(await sniffKind(odtFile())).toBe('odt');
    expect(await sniffKind(ole2File(['WordDocument']))).toBe('doc');
    expect(await sniffKind(ole2File(['PowerPoint Document']))).toBe('ppt');
    expect(
      await sniffKind(
        zipFile({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }),
      ),
    ).toBe('xlsx');
  });

  it('refuses everything else, including look-alikes', async () => {
    expect(await sniffKind(Buffer.from('<!doctype html><html></html>'))).toBeNull();
    expect(await sniffKind(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(await sniffKind(Buffer.from('%!PS-Adobe-3.0'))).toBeNull();
    expect(await sniffKind(zipFile({ 'notas.txt': 'hola' }))).toBeNull();
    expect(await sniffKind(zipFile({ '[Content_Types].xml': '<Types/>' }))).toBeNull();
    expect(await sniffKind(docxFile('x', { 'word/vbaProject.bin': 'VBA' }))).toBeNull();
    expect(await sniffKind(ole2File(['SummaryInformation']))).toBeNull();
    expect(await sniffKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(await sniffKind(Buffer.alloc(0))).toBeNull();
  });
});

describe('declared types', () => {
  it('accepts the real type, neutral types and the office families', () => {
    expect(declaredTypeAgrees('application/pdf', 'pdf')).toBe(true);
    expect(declaredTypeAgrees('', 'pdf')).toBe(true);
    expect(declaredTypeAgrees('application/octet-stream', 'png')).toBe(true);
    expect(declaredTypeAgrees('image/jpg', 'jpeg')).toBe(true);
    expect(declaredTypeAgrees('application/x-zip-compressed', 'docx')).toBe(true);
    expect(declaredTypeAgrees('application/vnd.ms-word.document.12', 'docx')).toBe(true);
  });

  it('refuses types of another kind', () => {
    expect(declaredTypeAgrees('text/html', 'pdf')).toBe(false);
    expect(declaredTypeAgrees('image/png', 'pdf')).toBe(false);
    expect(declaredTypeAgrees('application/x-msdownload', 'pdf')).toBe(false);
    expect(declaredTypeAgrees('application/zip', 'pdf')).toBe(false);
    expect(declaredTypeAgrees('application/vnd.ms-excel.sheet.macroEnabled.12', 'xlsx')).toBe(
      false,
    );
    expect(claimsEvidenceType('application/pdf')).toBe(true);
    expect(claimsEvidenceType('application/zip')).toBe(false);
    expect(claimsEvidenceType('text/html')).toBe(false);
  });
});
