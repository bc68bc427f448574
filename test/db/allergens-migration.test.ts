import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.ts';
import { databaseBefore } from '../helpers/migrations.ts';

/**
 * Existing lots through the allergens migration (issue 18, item 8): a lot stored with '{}'
 * (no allergens given, or none declared: the two could not be told apart) becomes unknown,
 * listed allergens stay; chilled food received frozen whose freezing date was the day it came
 * in gets `frozen_on_known = false`, a lot Kassi froze keeps its date as known.
 */
describe('the allergens and freezing-date migration', () => {
  let old: Awaited<ReturnType<typeof databaseBefore>>;
  beforeAll(async () => {
    old = await databaseBefore('0025_lot_allergens_unknown');
  });
  afterAll(() => old?.close());

  it('makes empty allergen lists unknown and receipt-day freezing dates not known', async () => {
    const { database } = old;
    const { db } = database;
    await old.migrateOld();
    await db.execute(sql`insert into sites (id, kind, name, municipality, lat, lon) values
      ('00000000-0000-4000-8000-0000000000d1', 'depot', 'Varasto', 'Mikkeli', 61.7, 27.2),
      ('00000000-0000-4000-8000-0000000000d2', 'donor', 'Kauppa', 'Mikkeli', 61.69, 27.27)`);
    await db.execute(sql`insert into storage_units (id, depot_id, name, temperature_class, capacity_g) values
      ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000d1', 'Pakastin', 'frozen', 1000000)`);
    await db.execute(sql`insert into intakes (id, donor_id, depot_id, received_at) values
      ('00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000d1', '2026-11-10T08:00:00Z')`);
    const lot = (n: string, category: string, allergens: string, frozenOn: string | null) => sql`
      insert into lots (id, intake_id, donor_id, depot_id, category, temperature_class, date_kind, date, storage_unit_id, received_g, stock_g, received_at, frozen_on, allergens)
      values (${`00000000-0000-4000-8000-0000000000${n}`}, '00000000-0000-4000-8000-0000000000f1', '00000000-0000-4000-8000-0000000000d2',
        '00000000-0000-4000-8000-0000000000d1', ${category}, 'frozen', 'use_by', '2026-11-20', '00000000-0000-4000-8000-0000000000e1', 1000, 1000,
        '2026-11-10T08:00:00Z', ${frozenOn}, ${allergens}::text[])`;
    await db.execute(lot('a1', 'dairy', '{}', '2026-11-10'));
    await db.execute(lot('a2', 'dairy', '{milk}', '2026-11-08'));
    await db.execute(lot('a3', 'meat', '{}', '2026-11-10'));
    await db.execute(sql`insert into ledger_entries (lot_id, depot_id, kind, grams, at) values
      ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-0000000000d1', 'freeze', 0, '2026-11-10T09:00:00Z')`);

    await runMigrations(database);

    const rows = await database.rows<{ id: string; allergens: string[] | null; frozen_on_known: boolean }>(db,
      sql`select id, allergens, frozen_on_known from lots order by id`);
    expect(rows.map((r) => [r.id.slice(-2), r.allergens, r.frozen_on_known])).toEqual([
      ['a1', null, false], // '{}' and frozen on the day it came in, never frozen by Kassi
      ['a2', ['milk'], true], // listed allergens and the donor's own date stay
      ['a3', null, true], // Kassi froze it (a freeze entry): its date is known
    ]);
  });
});
