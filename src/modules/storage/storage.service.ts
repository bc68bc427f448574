import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { localDateTime, localDayRange } from '../../domain/dates.ts';
import { notFound } from '../../errors.ts';
import { keysetPage } from '../../http/cursor.ts';
import { toCsv, type CsvLocale } from '../../http/csv.ts';
import { storageUnits } from '../../db/schema/index.ts';
import { gToKg, kgToG } from '../../http/schemas.ts';
import { catalogues } from '../../i18n/messages.ts';
import { requireSite } from '../sites/sites.service.ts';
import type { createStorageUnitBody } from './storage.schemas.ts';
import { listUnitsWithStock, readingsOfUnit, UNIT_ORDER } from './storage.repo.ts';

export const toStorageUnitDto = (u: typeof storageUnits.$inferSelect, stockG: number) => ({
  id: u.id, depotId: u.depotId, name: u.name, temperatureClass: u.temperatureClass, capacityKg: gToKg(u.capacityG), stockKg: gToKg(stockG),
  readingsPerDay: u.readingsPerDay,
});

export async function createStorageUnit(db: Executor, body: z.infer<typeof createStorageUnitBody>) {
  await requireSite(db, body.depotId, 'depot');
  const [row] = await db.insert(storageUnits).values({
    depotId: body.depotId, name: body.name, temperatureClass: body.temperatureClass, capacityG: kgToG(body.capacityKg),
    readingsPerDay: body.readingsPerDay,
  }).returning();
  return toStorageUnitDto(row, 0);
}

/** `GET /storage-units`: the units of a depot (or all) by name, with their stock, a page at a time. */
export async function listStorageUnits(db: Executor, q: { depotId?: string; limit: number; cursor?: string }) {
  const { page, nextCursor } = await keysetPage(q, UNIT_ORDER, (w) => listUnitsWithStock(db, { depotId: q.depotId, ...w }));
  return { items: page.map((r) => toStorageUnitDto(r.unit, r.stockG)), nextCursor };
}

/**
 * A unit's own-check records for an inspector: every reading of the local days `from`..`to`
 * (inclusive), oldest first, with who recorded it.
 */
export async function temperatureRecords(db: Executor, unitId: string, q: { from?: string; to?: string }) {
  const [unit] = await db.select().from(storageUnits).where(eq(storageUnits.id, unitId));
  if (!unit) throw notFound('storageUnit');
  const rows = await readingsOfUnit(db, unitId, q.from ? localDayRange(q.from).start : undefined, q.to ? localDayRange(q.to).end : undefined);
  return {
    storageUnit: { id: unit.id, name: unit.name, temperatureClass: unit.temperatureClass, readingsPerDay: unit.readingsPerDay },
    items: rows.map(({ reading: r, by }) => ({
      id: r.id, storageUnitId: r.storageUnitId, celsius: r.celsius, at: r.at.toISOString(), excursion: r.excursion, warning: r.warning,
      recordedBy: by ?? undefined,
    })),
  };
}

const RECORD_HEADERS: Record<CsvLocale, string[]> = {
  en: ['unit', 'class', 'local_time', 'celsius', 'excursion', 'warning', 'recorded_by'],
  fi: ['kylmäsäilytystila', 'lämpötilaluokka', 'aika', 'lämpötila_c', 'poikkeama', 'varoitus', 'kirjaaja'],
};

/**
 * The own-check records as CSV (one writer for every export); times in Helsinki local time.
 * The unit's class is the catalogue's term in the CSV's language (`fi`: kylmä, pakaste, huoneenlämpö).
 */
export function temperatureRecordsCsv(r: Awaited<ReturnType<typeof temperatureRecords>>, locale: CsvLocale): string {
  const yes = locale === 'fi' ? 'kyllä' : 'yes';
  const no = locale === 'fi' ? 'ei' : 'no';
  const unitClass = catalogues[locale].terms.temperatureClass[r.storageUnit.temperatureClass];
  return toCsv([RECORD_HEADERS[locale], ...r.items.map((i) => [
    r.storageUnit.name, unitClass, localDateTime(new Date(i.at)), i.celsius, i.excursion ? yes : no, i.warning ? yes : no, i.recordedBy,
  ])], locale);
}
