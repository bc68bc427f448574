import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.ts';
import { bearer, startTestApp, type TestContext } from './helpers/app.ts';

/** The app's real log, kept in memory: every line pino writes. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, text: () => lines.join('\n') };
}

describe('the log never carries bound parameters, password hashes or emails of failed queries', () => {
  let ctx: TestContext;
  let token: string;
  const log = memoryLog();
  beforeAll(async () => {
    ctx = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: log.stream });
    token = (await ctx.userToken('coordinator')).token;
  });
  afterAll(() => ctx?.close());

  it('four parallel POST /users with one email: one 201, three 422 email_taken as in sequence, and no hash in the log', async () => {
    const email = 'race-volunteer@kassi.test';
    const body = { email, name: 'Race', role: 'warehouse', password: 'correct-horse-battery' };
    const answers = await Promise.all(Array.from({ length: 4 }, () => ctx.http().post('/users').set(bearer(token)).send(body)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
    for (const r of answers.filter((a) => a.status === 422)) expect(r.body.code).toBe('email_taken');
    const sequential = await ctx.http().post('/users').set(bearer(token)).send(body);
    expect([sequential.status, sequential.body.code]).toEqual([422, 'email_taken']);
    await new Promise((r) => setTimeout(r, 50)); // let pino flush
    expect(log.text()).not.toMatch(/argon2/);
    expect(log.text()).not.toContain(email);
  });

  it('a failed query is logged as its SQLSTATE code and constraint, without the query’s values', async () => {
    const secret = 'someone.secret@kassi.test';
    const failed = await ctx.deps.database.db.select().from(users).where(eq(users.id, sql`${secret}::uuid`)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    ctx.deps.log.error({ err: failed }, 'login query failed');
    ctx.deps.log.warn({ err: (failed as Error).message }, 'login query failed (as text)');
    const dup = await ctx.deps.database.db.insert(users).values({ email: 'dup@kassi.test', name: 'x', role: 'driver', passwordHash: '$argon2id$v=19$secret-hash' })
      .then(() => ctx.deps.database.db.insert(users).values({ email: 'dup@kassi.test', name: 'x', role: 'driver', passwordHash: '$argon2id$v=19$secret-hash' }))
      .catch((e: unknown) => e);
    ctx.deps.log.error({ err: dup }, 'insert failed');
    await new Promise((r) => setTimeout(r, 50));
    const text = log.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('secret-hash');
    expect(text).not.toContain('dup@kassi.test');
    const lines = text.split('\n').map((l) => JSON.parse(l) as { msg: string; err?: { code?: string; constraint?: string } });
    expect(lines.find((l) => l.msg === 'login query failed')?.err).toMatchObject({ code: '22P02' });
    expect(lines.find((l) => l.msg === 'insert failed')?.err).toMatchObject({ code: '23505', constraint: 'users_email_unique' });
  });
});

describe('the log is readable on a terminal and JSON elsewhere', () => {
  const logOnce = `import { createLogger } from './src/log.ts'; createLogger({ LOG_LEVEL: 'info' }, 'kassi').info({ port: 3000 }, 'kassi api ready');`;

  it('writes coloured lines to a terminal (a pseudo-terminal from script(1)) and JSON lines to a pipe', () => {
    const onTerminal = execFileSync('script', ['-qec', `node --import tsx -e "${logOnce}"`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    expect(onTerminal).toMatch(/INFO.*\(kassi\).*kassi api ready/);
    expect(onTerminal).not.toContain('{"level"');
    const piped = execFileSync('node', ['--import', 'tsx', '-e', logOnce], { encoding: 'utf8' });
    expect(JSON.parse(piped.trim())).toMatchObject({ level: 30, name: 'kassi', msg: 'kassi api ready', port: 3000 });
  });
});
