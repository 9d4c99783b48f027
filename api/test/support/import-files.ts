import { binary } from './binary';
import type { SignedInAgent } from './factories';
import { countRows, TestApp } from './test-app';

/** The tables an import writes (and the audit log), counted to prove what it wrote or did not. */
const TABLES = [
  'organisations',
  'actions',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
  'audit_log',
];

export async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await countRows(t.db, table);
  return out;
}

/** A file export's bytes (200 expected). */
export const download = async (agent: SignedInAgent, url: string) =>
  (await agent.get(url).buffer(true).parse(binary).expect(200)).body as Buffer;

/** POST /api/v1/imports/<kind> with `files` attached (a dry run when `dryRun`). */
export const importFiles = (
  agent: SignedInAgent,
  kind: 'workbook' | 'csv' | 'iati',
  files: { name: string; data: Buffer | string }[],
  dryRun = false,
) => {
  let req = agent.post(`/api/v1/imports/${kind}?dryRun=${dryRun}`);
  for (const f of files)
    req = req.attach('file', Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data), f.name);
  return req;
};
