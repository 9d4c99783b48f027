import { signedIn, SignedInAgent } from './factories';
import { bootTestApp, TestApp } from './test-app';
import { createTestDatabase } from './test-database';

export interface IatiImportApp {
  t: TestApp;
  staff: SignedInAgent;
  /** POST /api/v1/imports/iati of `xml` as staff (200 expected). */
  importXml(xml: string, dryRun: boolean, name?: string): ReturnType<SignedInAgent['post']>;
  /** Closes the app and drops its database. */
  close(): Promise<void>;
}

/** The IATI import suites' app, on a database of its own named `<prefix>_…`. */
export async function iatiImportApp(prefix: string): Promise<IatiImportApp> {
  const db = await createTestDatabase(prefix);
  const t = await bootTestApp({ databaseUrl: db.url, importRateLimit: 1000 });
  const staff = await signedIn(t, 'staff');
  return {
    t,
    staff,
    importXml: (xml, dryRun, name = 'traits.xml') =>
      staff
        .post(`/api/v1/imports/iati?dryRun=${dryRun}`)
        .attach('file', Buffer.from(xml), name)
        .expect(200),
    close: async () => {
      await t.close();
      await db.drop();
    },
  };
}
