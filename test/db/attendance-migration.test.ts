import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.ts';
import { databaseBefore } from '../helpers/migrations.ts';

/**
 * Attendance recorded before it became append-only (one row per shift and volunteer, the
 * correction written over it) survives the migration: each row gets an id and becomes the
 * current record of its shift and volunteer, and the table then refuses changes.
 */
describe('the attendance history migration', () => {
  let old: Awaited<ReturnType<typeof databaseBefore>>;
  beforeAll(async () => {
    old = await databaseBefore('0013_attendance_history');
  });
  afterAll(() => old?.close());

  it('keeps every row as the current record of its shift and volunteer', async () => {
    const { database } = old;
    const { db } = database;
    await old.migrateOld();
    await db.execute(sql`insert into users (id, email, name, role, password_hash) values
      ('00000000-0000-4000-8000-000000000001', 'a@test.example', 'Aino', 'warehouse', 'x'),
      ('00000000-0000-4000-8000-000000000002', 'b@test.example', 'Pekka', 'warehouse', 'x')`);
    await db.execute(sql`insert into sites (id, kind, name, municipality, lat, lon) values
      ('00000000-0000-4000-8000-0000000000d1', 'depot', 'Varasto', 'Mikkeli', 61.69, 27.27)`);
    await db.execute(sql`insert into shifts (id, site_id, kind, start, "end", needed) values
      ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000d1', 'warehouse', '2026-11-03T06:00:00Z', '2026-11-03T10:00:00Z', 2)`);
    await db.execute(sql`insert into shift_attendance (shift_id, user_id, present, minutes, recorded_at) values
      ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000001', true, 180, '2026-11-03T11:00:00Z'),
      ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000002', false, 0, '2026-11-03T11:00:00Z')`);

    await runMigrations(database);

    const rows = await database.rows<{ id: string; user_id: string; minutes: number; supersedes_id: string | null }>(db,
      sql`select id, user_id, minutes, supersedes_id from shift_attendance order by user_id`);
    expect(rows.map((r) => [r.user_id.slice(-1), r.minutes, r.supersedes_id])).toEqual([['1', 180, null], ['2', 0, null]]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    // A correction now supersedes the migrated record; a second first record is refused.
    await db.execute(sql`insert into shift_attendance (shift_id, user_id, present, minutes, recorded_at, supersedes_id)
      values ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000001', true, 150, now(), ${rows[0].id})`);
    await expect(db.execute(sql`insert into shift_attendance (shift_id, user_id, present, minutes, recorded_at)
      values ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000002', true, 60, now())`)).rejects.toThrow();
    // A correction must be of the same shift and volunteer.
    await expect(db.execute(sql`insert into shift_attendance (shift_id, user_id, present, minutes, recorded_at, supersedes_id)
      values ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-000000000002', true, 60, now(), ${rows[0].id})`)).rejects.toThrow();
    const update = await db.execute(sql`update shift_attendance set minutes = 0 where present = false`)
      .then(() => 'accepted', (err: Error & { cause?: Error }) => (err.cause ?? err).message);
    expect(update).toMatch(/shift_attendance is append-only/);
    const after = await database.rows<{ n: string }>(db, sql`select count(*) as n from shift_attendance`);
    expect(Number(after[0].n)).toBe(3);
  });
});
