import { TestApp } from './support/test-app';
import { binary } from './support/binary';
import { pdfText } from './support/pdf-text';
import { exportPortfolio } from './support/export-portfolio';
import type { SignedInAgent } from './support/factories';

describe('exports: the project sheet PDF', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let ownCode: string;
  let ownId: string;

  beforeAll(async () => {
    ({ t, director, partner, ownCode, ownId } = await exportPortfolio());
  });
  afterAll(() => t.close());

  describe('project sheet PDF', () => {
    it('renders a PDF with the action code, partners and funding, in Spanish or English', async () => {
      const es = await partner
        .get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=es`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(es.headers['content-type']).toBe('application/pdf');
      expect(es.headers['content-disposition']).toBe(`attachment; filename="${ownCode}-ficha.pdf"`);
      const pdf = es.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(0);
      const text = pdfText(pdf);
      expect(text).toContain(ownCode);
      expect(text).toContain('Ficha de proyecto');
      expect(text).toContain('Financiador');
      expect(text).toContain('16,187,025.00');
      expect(text).toMatch(/Página 1 de \d/);
      expect(text).toContain('Identificación'); // accents render through WinAnsi (Helvetica)
      expect(text).not.toContain('NOTA-INTERNA');
      const en = await director
        .get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=en`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const enText = pdfText(en.body as Buffer);
      expect(enText).toContain('Project sheet');
      expect(enText).toContain('Ceiling');
      expect(enText).toMatch(/Page 1 of \d/);
      await director.get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=fr`).expect(400);
    });
  });
});
