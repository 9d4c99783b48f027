import { KeptDocument, toXmlElement } from '../iati-kept';
import { PositionKeys } from '../iati-values';
import { ActivityContext, addRow, at, warn } from './read-context';
import { attr, decodeXmlText, inLang, list, narratives, one } from './xml-nodes';

/**
 * Activity document links → the action's documents (title and URL; a title without Spanish
 * keeps its language noted, `[en] …`), keyed by URL and position among equals; the element as
 * published (format, category, language, date) is kept for the export.
 */
export function readDocumentLinks(a: ActivityContext): void {
  const keys = new PositionKeys();
  list(a.node, 'document-link').forEach((d, i) => {
    const path = at(a, `document-link[${i + 1}]`);
    const url = attr(d, 'url');
    if (!url)
      return void warn(a, path, 'skipped_document', 'A document link without url: not imported');
    const titles = narratives(one(d, 'title'), a.lang);
    const title = (
      inLang(titles, 'es') ?? (titles[0] ? `[${titles[0].lang}] ${titles[0].text}` : url)
    ).slice(0, 500);
    const kept: KeptDocument = {
      element: toXmlElement('document-link', d, a.lang, decodeXmlText),
      position: i,
      derived: { title, url },
    };
    addRow(
      a.ctx,
      'document_links',
      path,
      {},
      {
        action_code: a.code,
        title,
        url,
        iati: kept,
        _import_key: keys.next(`document|${url}`),
      },
    );
  });
}
