import type { Database } from '../../db/client.ts';
import { addDays, localDate, localDayRange, type LocalDate } from '../../domain/dates.ts';
import {
  activitySpan, analyzeTallies, deleteTallies, insertLedgerFlows, listDepotIds, lockDepotTallies, upsertBagsDelivered,
  upsertBagsPacked, upsertBagsPackedByContents, upsertRefusals, upsertStockEnd, type DayRange,
} from './tallies.repo.ts';

function dayRange(depotId: string, fromDay: LocalDate, toDay: LocalDate): DayRange {
  return { depotId, fromDay, toDay, start: localDayRange(fromDay).start, end: localDayRange(toDay).end };
}

/**
 * Recounts the tallies of local days `[fromDay, toDay]` of one depot from the ledger, the
 * refusals and the bag records, in one transaction: the days' rows are deleted and written again (tallies are
 * derived, not history), so running it twice gives the same rows. A write to a past day
 * changes the stock at the end of every later day, so the stock of the days after the range
 * that already have tallies is restated too. Recounts of one depot are serialised.
 */
export async function recountTallies(database: Database, depotId: string, fromDay: LocalDate, toDay: LocalDate): Promise<void> {
  const range = dayRange(depotId, fromDay, toDay);
  await database.db.transaction(async (tx) => {
    await lockDepotTallies(database, tx, depotId);
    await deleteTallies(database, tx, range);
    await insertLedgerFlows(database, tx, range);
    await upsertRefusals(database, tx, range);
    await upsertBagsPacked(database, tx, range);
    await upsertBagsPackedByContents(database, tx, range);
    await upsertBagsDelivered(database, tx, range);
    await upsertStockEnd(database, tx, range, true);
  });
}

/** The `tally-day` job: one local day of one depot. */
export function recountTallyDay(database: Database, depotId: string, date: LocalDate): Promise<void> {
  return recountTallies(database, depotId, date, date);
}

/** The `tally-yesterday` job: yesterday (local) for every depot, each in its own transaction. */
export async function recountYesterday(database: Database, now: Date): Promise<{ date: LocalDate; depots: number }> {
  const date = addDays(localDate(now), -1);
  const depots = await listDepotIds(database, database.db);
  for (const depotId of depots) await recountTallyDay(database, depotId, date);
  return { date, depots: depots.length };
}

/**
 * Rebuilds every depot's tallies from its first record to its last (or `until`), in bulk:
 * one set of statements per depot rather than one per day. For a fresh database, a restore
 * or a change of the counting rules.
 */
export async function rebuildAllTallies(database: Database, until?: LocalDate): Promise<{ depots: number }> {
  const depots = await listDepotIds(database, database.db);
  for (const depotId of depots) {
    const span = await activitySpan(database, database.db, depotId);
    if (!span) continue;
    const last = localDate(span.last);
    await recountTallies(database, depotId, localDate(span.first), until && until > last ? until : last);
  }
  // Fresh statistics, so the report queries are planned for the table's real size.
  if (database.kind === 'postgres') await analyzeTallies(database);
  return { depots: depots.length };
}
