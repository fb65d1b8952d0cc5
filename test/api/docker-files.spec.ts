import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { REPO_ROOT } from '../support/server-process';

// No container engine runs on this machine: these checks read docker/ statically.

const dockerDir = join(REPO_ROOT, 'docker');
const read = (file: string) => readFileSync(join(dockerDir, file), 'utf8');

/** The environment variables AppConfig reads (`env.NAME` in backend/src/config/app-config.ts). */
function appConfigVariables(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'backend/src/config/app-config.ts'), 'utf8');
  return [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))].sort();
}

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  volumes?: string[];
  ports?: string[];
  command?: string[];
}

describe('docker/compose.yaml', () => {
  const text = read('compose.yaml');
  const compose = parse(text) as { services: Record<string, Service>; volumes: Record<string, unknown> };

  it('is valid YAML without duplicate keys', () => {
    const doc = parseDocument(text, { uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('runs PostgreSQL 17 on a named volume, two or more backend replicas and a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backend', 'postgres', 'proxy']);
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:17(\.|$|-)/);
    expect(postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('pgdata');
    expect(JSON.stringify(postgres.healthcheck?.test)).toMatch(/pg_isready/);

    const backend = compose.services.backend;
    expect(backend.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(backend.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(backend.depends_on?.postgres.condition).toBe('service_healthy');
    expect(JSON.stringify(backend.healthcheck?.test)).toMatch(/\/(healthz|readyz)/);
    expect(backend.ports).toBeUndefined(); // only the proxy is published

    const proxy = compose.services.proxy;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.volumes).toContain('./nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(proxy.depends_on?.backend.condition).toBe('service_healthy');
    expect(proxy.ports).toHaveLength(1);
  });

  it('gives the backend only variables AppConfig knows, with DATABASE_URL on the postgres service and production mode', () => {
    const env = compose.services.backend.environment!;
    const known = appConfigVariables();
    expect(known).toEqual(expect.arrayContaining(['DATABASE_URL', 'AUTH_TOKEN_SECRET', 'METRICS_TOKEN', 'DATABASE_READ_URL', 'JOBS_ENABLED']));
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/\$\{POSTGRES_USER[^}]*\}:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/\$\{POSTGRES_DB[^}]*\}$/);
    // the secret must be given (same on every replica), never generated per container
    expect(env.AUTH_TOKEN_SECRET).toMatch(/^\$\{AUTH_TOKEN_SECRET:\?/);
    expect(env.TRUST_PROXY).toBe('true');
  });

  it('documents in .env.example every variable compose.yaml interpolates and every variable AppConfig reads', () => {
    const example = read('.env.example');
    const interpolated = [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))];
    expect(interpolated.length).toBeGreaterThanOrEqual(8);
    const assigned = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(interpolated.filter((name) => !assigned.has(name))).toEqual([]);
    const mentioned = appConfigVariables().filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(mentioned).toEqual([]);
    // no real secrets committed
    expect(example).toMatch(/^POSTGRES_PASSWORD=$/m);
    expect(example).toMatch(/^AUTH_TOKEN_SECRET=$/m);
  });
});

describe('docker/Dockerfile', () => {
  const text = read('Dockerfile');
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = lines.filter((l) => /^FROM /i.test(l)).map((l) => /\bAS\s+(\S+)/i.exec(l)?.[1]);
  const runtime = lines.slice(lines.findIndex((l) => /^FROM .* AS runtime$/i.test(l)));

  it('builds in stages: a full build, production dependencies, a slim runtime', () => {
    expect(stages).toEqual(['build', 'deps', 'runtime']);
    expect(text).toMatch(/ARG NODE_IMAGE=node:\d+-\S*slim/);
    const build = lines.slice(lines.findIndex((l) => / AS build$/.test(l)), lines.findIndex((l) => / AS deps$/.test(l)));
    expect(build).toEqual(expect.arrayContaining(['RUN npm ci --no-audit --no-fund', 'RUN npm run build']));
    const deps = lines.slice(lines.findIndex((l) => / AS deps$/.test(l)), lines.findIndex((l) => / AS runtime$/.test(l)));
    expect(deps.join('\n')).toMatch(/npm ci --omit=dev/);
    // the runtime takes node_modules only from the production-deps stage, and built output from the build stage
    expect(runtime).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(runtime.filter((l) => l.startsWith('COPY --from=build')).every((l) => /\/(dist|package\.json)\b/.test(l))).toBe(true);
    expect(runtime.some((l) => /^RUN npm/.test(l))).toBe(false);
  });

  it('runs as a non-root user with a healthcheck on /healthz', () => {
    const user = runtime.find((l) => l.startsWith('USER '));
    expect(user).toBe('USER node');
    const userIndex = runtime.indexOf(user!);
    expect(runtime.findIndex((l) => l.startsWith('CMD '))).toBeGreaterThan(userIndex);
    const health = runtime.find((l) => l.startsWith('HEALTHCHECK '));
    expect(health).toMatch(/\/healthz/);
  });

  it("starts like `npm start`'s production mode: node backend/dist/main.js with NODE_ENV=production", () => {
    const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(rootPackage.scripts.start).toBe('npm run build && npm run serve');
    const serve = /^NODE_ENV=(\S+) (node .+)$/.exec(rootPackage.scripts.serve);
    expect(serve).not.toBeNull();
    const cmd = runtime.find((l) => l.startsWith('CMD '))!;
    expect((JSON.parse(cmd.slice(4)) as string[]).join(' ')).toBe(serve![2]);
    expect(runtime.join('\n')).toMatch(new RegExp(`ENV NODE_ENV=${serve![1]}\\b`));
    // what it copies exists after `npm run build`
    expect(runtime).toEqual(expect.arrayContaining(['COPY --from=build /app/backend/dist ./backend/dist', 'COPY --from=build /app/frontend/dist ./frontend/dist', 'COPY --from=build /app/shared/dist ./shared/dist']));
  });

  it('leaves dependencies and local data out of the build context', () => {
    const ignore = read('Dockerfile.dockerignore');
    for (const pattern of ['**/node_modules', '.data', '.git', '**/.env']) expect(ignore.split('\n')).toContain(pattern);
  });
});

describe('docker/nginx.conf', () => {
  const text = read('nginx.conf');
  const block = (path: string) => new RegExp(`location ${path.replace(/\//g, '\\/')} \\{([^}]*)\\}`).exec(text)?.[1] ?? '';

  it('upgrades WebSocket connections on /graphql to the backend replicas', () => {
    expect(text).toMatch(/map \$http_upgrade \$connection_upgrade \{[^}]*default\s+upgrade;/);
    const graphql = block('/graphql');
    expect(graphql).toMatch(/proxy_pass http:\/\/salescircle;/);
    expect(graphql).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(graphql).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(graphql).toMatch(/proxy_read_timeout (\d{4,})s;/);
    expect(text).toMatch(/proxy_http_version 1\.1;/);
    expect(text).toMatch(/upstream salescircle \{[^}]*server backend:3000 resolve/);
  });

  it('forwards the client address and keeps /metrics private', () => {
    expect(text).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(block('= /metrics')).toMatch(/return 404;/);
    expect(text).toMatch(/client_max_body_size 1[6-9]m;/);
  });
});
