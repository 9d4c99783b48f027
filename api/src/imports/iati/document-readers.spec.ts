import { readDocumentLinks } from './document-readers';
import { activityOf } from './fixtures.test';

describe('readDocumentLinks', () => {
  it('each document link becomes a document: title in its language, URL, the element kept, keyed by URL', () => {
    const a = activityOf(
      `<document-link url="https://x.org/a.pdf" format="application/pdf"><title><narrative>Plan</narrative><narrative xml:lang="es">Plan del proyecto</narrative></title><category code="A02"/></document-link>
       <document-link url="https://x.org/b.pdf" format="application/pdf"><title><narrative>Review</narrative></title></document-link>
       <document-link url="https://x.org/a.pdf" format="application/pdf"/>`,
    );
    readDocumentLinks(a);
    expect(
      a.ctx.tables.document_links.map((r) => [r.values.title, r.values.url, r.values._import_key]),
    ).toEqual([
      ['Plan del proyecto', 'https://x.org/a.pdf', 'document|https://x.org/a.pdf#1'],
      ['[en] Review', 'https://x.org/b.pdf', 'document|https://x.org/b.pdf#1'],
      ['https://x.org/a.pdf', 'https://x.org/a.pdf', 'document|https://x.org/a.pdf#2'],
    ]);
    expect(a.ctx.tables.document_links[0].values.iati).toMatchObject({
      position: 0,
      element: {
        name: 'document-link',
        attrs: { url: 'https://x.org/a.pdf', format: 'application/pdf' },
        children: [
          expect.objectContaining({ name: 'title' }),
          { name: 'category', attrs: { code: 'A02' } },
        ],
      },
    });
  });
});
