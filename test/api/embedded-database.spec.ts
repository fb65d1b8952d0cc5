import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVER_ENTRY, freePort, postgresProcessesFor, startServer, tempDataRoot, waitForHealthy } from '../support/server-process';

const LOGIN = 'mutation { login(email: "director@demo.local", password: "salescircle") { accessToken } }';

async function gql(url: string, query: string, token?: string): Promise<{ data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as never;
}

describe('the embedded default database (real server processes)', () => {
  beforeAll(() => {
    if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build the backend first (npm run build -w backend)`);
  });

  it('starts, seeds the demo, stops on SIGTERM leaving no process, and restarts quickly on the same data', async () => {
    const root = tempDataRoot('embedded');
    const dataDir = join(root, 'data');

    const first = startServer({ DATA_DIR: dataDir }, await freePort());
    const firstStartMs = await waitForHealthy(first);
    expect(first.output()).toMatch(/Demo sign-in/);
    const login = await gql(first.url, LOGIN);
    const token = (login.data?.login as { accessToken: string }).accessToken;
    expect(token).toBeTruthy();
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    const serverFile = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number; port: number };
    expect(serverFile.pid).toBe(first.child.pid);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);

    const second = startServer({ DATA_DIR: dataDir }, await freePort());
    const restartMs = await waitForHealthy(second);
    // same data and same kept secret: the token of the first run still works
    const me = await gql(second.url, '{ me { email } teams { id } }', token);
    expect(me.data?.me).toEqual({ email: 'director@demo.local' });
    expect((me.data?.teams as unknown[]).length).toBe(3);
    process.stdout.write(`embedded database: first start ${firstStartMs} ms, restart on existing data ${restartMs} ms\n`);
    expect(restartMs).toBeLessThan(15_000);

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('cleans up a postgres left behind by a killed server on the next start', async () => {
    const dataDir = join(tempDataRoot('orphan'), 'data');
    const first = startServer({ DATA_DIR: dataDir }, await freePort());
    await waitForHealthy(first);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0); // the orphan

    const second = startServer({ DATA_DIR: dataDir }, await freePort());
    await waitForHealthy(second);
    expect(second.output()).toMatch(/left running/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('says clearly when the HTTP port is taken, and leaves no database running', async () => {
    const dataDir = join(tempDataRoot('porttaken'), 'data');
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '0.0.0.0', () => r()));
    try {
      const server = startServer({ DATA_DIR: dataDir }, port);
      expect(await server.exited).toBe(1);
      expect(server.output()).toMatch(new RegExp(`Port ${port} is already in use`));
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad configuration with the variable named', async () => {
    const server = startServer({ DATA_DIR: join(tempDataRoot('badconfig'), 'data'), DATABASE_URL: 'mysql://nope' }, await freePort());
    expect(await server.exited).toBe(2);
    expect(server.output()).toMatch(/DATABASE_URL/);
  });
});
