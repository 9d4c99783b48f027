/** An activity to read, for the readers' unit specs (jest runs *.spec.ts only). */
import { ActivityContext, newReadContext } from './read-context';
import { list, parseIatiRoot } from './xml-nodes';

export function activityOf(
  inner: string,
  attrs = 'xml:lang="en" default-currency="EUR"',
): ActivityContext {
  const root = parseIatiRoot(
    'a.xml',
    Buffer.from(
      `<iati-activities version="2.03"><iati-activity ${attrs}><iati-identifier>XM-1</iati-identifier>` +
        `<reporting-org ref="XM-BANK" type="40"><narrative>Bank</narrative></reporting-org>${inner}</iati-activity></iati-activities>`,
    ),
  );
  return {
    ctx: newReadContext('a.xml'),
    node: list(root, 'iati-activity')[0],
    identifier: 'XM-1',
    code: 'XM-1',
    lang: 'en',
    currency: 'EUR',
    base: 'iati-activity[1]',
    own: false,
  };
}
