export default async function globalTeardown() {
  const pg = globalThis.__SC_TEST_PG__;
  if (pg) await pg.stop();
}
