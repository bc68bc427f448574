// `npm run bench:http [-- --seconds N --connections N]`: cold start of `npm start` in embedded mode, and
// requests/second of GET /health/ready and an authenticated GET /sites against PostgreSQL (autocannon).
// Needs PostgreSQL on 127.0.0.1:5432 (or BENCH_POSTGRES_URL); creates and drops its own database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = new URL('..', import.meta.url).pathname;

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function readyAfter(port: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return performance.now() - t0;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(child: ReturnType<typeof start>) {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const admin = { email: 'bench@kassi.example', password: 'bench-password-1' };

// 1. Cold start in embedded mode: a fresh DATA_DIR (PGlite created and migrated), then a restart.
const dataDir = mkdtempSync(join(tmpdir(), 'kassi-bench-'));
let child = start({ PORT: '3901', DATA_DIR: dataDir });
const firstStartMs = await readyAfter(3901);
await stop(child);
child = start({ PORT: '3901', DATA_DIR: dataDir });
const restartMs = await readyAfter(3901);
await stop(child);
rmSync(dataDir, { recursive: true, force: true });
console.log(`embedded cold start (new DATA_DIR, migrations): ${(firstStartMs / 1000).toFixed(2)} s; restart: ${(restartMs / 1000).toFixed(2)} s`);

// 2. Throughput against PostgreSQL.
const dbName = `kassi_bench_http_${Date.now()}`;
const pgAdmin = new pg.Client({ connectionString: adminUrl });
await pgAdmin.connect();
await pgAdmin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
child = start({ PORT: '3902', DATABASE_URL: dbUrl.toString(), BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_PASSWORD: admin.password });
try {
  await readyAfter(3902);
  const base = 'http://127.0.0.1:3902';
  const { token } = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) })).json() as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let i = 0; i < 20; i++) {
    await fetch(`${base}/sites`, { method: 'POST', headers, body: JSON.stringify({ kind: i % 2 ? 'donor' : 'point', name: `Site ${i}`, municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }) });
  }
  for (const [label, path, h] of [['GET /health/ready', '/health/ready', {}], ['GET /sites (authenticated, 20 sites)', '/sites', { authorization: headers.authorization }]] as const) {
    const r = await autocannon({ url: `${base}${path}`, headers: h, connections, duration: seconds });
    console.log(`${label}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx} (${connections} connections, ${seconds} s)`);
  }
} finally {
  await stop(child);
  await pgAdmin.query(`drop database if exists ${dbName} with (force)`);
  await pgAdmin.end();
}
