import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.ts';
import { databaseBefore } from '../helpers/migrations.ts';

/**
 * Organisations whose names differ only in case or spaces, accepted before names became
 * unique that way, survive the migration: the first keeps its name, the later ones get
 * their id appended (their sites keep pointing at them), and then the index holds.
 */
describe('the organisation names migration', () => {
  let old: Awaited<ReturnType<typeof databaseBefore>>;
  beforeAll(async () => {
    old = await databaseBefore('0016_organisation_names_ci');
  });
  afterAll(() => old?.close());

  it('renames the later duplicates, keeps the rest, then refuses a new one', async () => {
    const { database } = old;
    const { db } = database;
    await old.migrateOld();
    await db.execute(sql`insert into organisations (id, name, created_at) values
      ('00000000-0000-4000-8000-0000000000a1', 'Hope ry', '2026-01-01T10:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a2', 'HOPE RY', '2026-02-01T10:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a3', ' hope ry', '2026-03-01T10:00:00Z'),
      ('00000000-0000-4000-8000-0000000000b1', 'Juvan seurakunta', '2026-01-01T10:00:00Z')`);
    await db.execute(sql`insert into sites (id, kind, name, municipality, lat, lon, organisation_id) values
      ('00000000-0000-4000-8000-0000000000d1', 'point', 'Piste', 'Mikkeli', 61.69, 27.27, '00000000-0000-4000-8000-0000000000a2')`);

    await runMigrations(database);

    const rows = await database.rows<{ id: string; name: string }>(db, sql`select id, name from organisations order by id`);
    expect(rows.map((r) => [r.id.slice(-2), r.name])).toEqual([
      ['a1', 'Hope ry'], ['a2', 'HOPE RY (00000000-0000-4000-8000-0000000000a2)'], ['a3', 'hope ry (00000000-0000-4000-8000-0000000000a3)'],
      ['b1', 'Juvan seurakunta'],
    ]);
    const site = await database.rows<{ organisation_id: string }>(db, sql`select organisation_id from sites`);
    expect(site[0].organisation_id).toBe('00000000-0000-4000-8000-0000000000a2');
    const again = await db.execute(sql`insert into organisations (name) values ('juvan SEURAKUNTA ')`)
      .then(() => 'accepted', (err: Error & { cause?: { code?: string } }) => (err.cause ?? err as { code?: string }).code);
    expect(again).toBe('23505');
  });
});
