import { createHash } from 'node:crypto';
import type { ImportInput, InputTable, InputTableName, ReadImportOptions } from './import-model';
import { usableRef } from './iati-values';
import { readActionRow } from './iati/activity-readers';
import { readDocumentLinks } from './iati/document-readers';
import { readBudgets, readPlannedDisbursements, readTransactions } from './iati/money-readers';
import { readParticipations } from './iati/participation-readers';
import { ActivityContext, newReadContext, ReadContext } from './iati/read-context';
import { readResults } from './iati/result-readers';
import { attr, list, narratives, Node, one, parseIatiRoot, textOf } from './iati/xml-nodes';

/**
 * IATI 2.03 activity file (as published by a donor such as GIZ or the EU) → the rows of the
 * export tables, so that the one planner matches and writes them. One small reader per element
 * (api/src/imports/iati/), each adding rows and problems to the shared read context; the
 * mapping is in docs/imports.md. New actions are cooperation projects where the institute is
 * the recipient.
 */
export const ACTIVITY_READERS: ((a: ActivityContext) => void)[] = [
  readActionRow,
  readParticipations,
  readTransactions,
  readBudgets,
  readPlannedDisbursements,
  readResults,
  readDocumentLinks,
];

const codeOf = (identifier: string) =>
  identifier
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 60);

/** The action code of an IATI identifier; our own export's prefix is taken off (item 14). */
export function codeOfIdentifier(identifier: string, ownPrefix?: string): string {
  const own = ownPrefix && identifier.startsWith(`${ownPrefix}-`);
  return codeOf(own ? identifier.slice(ownPrefix.length + 1) : identifier);
}

/** A deterministic identifier for an activity without one: reporting org + digest of its text. */
function standInIdentifier(node: Node): string {
  const reporting = usableRef(attr(one(node, 'reporting-org'), 'ref'));
  const text = [
    ...narratives(list(node, 'title')[0], ''),
    ...list(node, 'description').flatMap((d) => narratives(d, '')),
  ]
    .map((n) => n.text)
    .join('\n');
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `${reporting ?? 'IATI'}-sin-id-${digest}`;
}

/** The reading context of the activity `node` (`ai`: its index in the file). */
function activityContext(
  ctx: ReadContext,
  root: Node,
  node: Node,
  ai: number,
  ownPrefix: string | undefined,
): ActivityContext {
  const base = `iati-activity[${ai + 1}]`;
  let identifier = textOf(one(node, 'iati-identifier'))?.trim();
  if (!identifier) {
    // The schema allows an empty identifier: a stand-in made from what the activity says, so
    // that the same activity gets the same one on every import.
    identifier = standInIdentifier(node);
    ctx.warnings.push({
      location: { file: ctx.file, path: `${base}/iati-identifier` },
      code: 'missing_identifier',
      message: `The activity has no iati-identifier: imported as ${identifier}`,
      value: identifier,
    });
  }
  return {
    ctx,
    node,
    identifier,
    code: codeOfIdentifier(identifier, ownPrefix),
    own: Boolean(ownPrefix && identifier.startsWith(`${ownPrefix}-`)),
    lang: (attr(node, 'xml:lang') ?? attr(root, 'xml:lang') ?? 'en').toLowerCase(),
    currency: attr(node, 'default-currency') ?? attr(root, 'default-currency'),
    base,
  };
}

/** Parses an IATI activity file into import rows (errors carry element paths). */
export function readIati(
  name: string,
  buffer: Buffer,
  _today: string,
  options: ReadImportOptions = {},
): ImportInput {
  const root = parseIatiRoot(name, buffer);
  const ctx = newReadContext(name);
  list(root, 'iati-activity').forEach((node, ai) => {
    const a = activityContext(ctx, root, node, ai, options.iati?.ownPrefix);
    for (const read of ACTIVITY_READERS) read(a);
  });
  const tables: InputTable[] = (Object.keys(ctx.tables) as InputTableName[]).map((table) => ({
    table,
    file: name,
    headers: [],
    rows: ctx.tables[table],
  }));
  return { kind: 'iati', tables, issues: ctx.issues, warnings: ctx.warnings };
}
