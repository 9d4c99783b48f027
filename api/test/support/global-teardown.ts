export default async function globalTeardown(): Promise<void> {
  await globalThis.__COOPERA_TEST_DB__?.drop();
}
