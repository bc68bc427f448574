import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { localDateTime, localDayRange } from '../../domain/dates.ts';
import { type AlertAction, isLateEntry } from '../../domain/excursions.ts';
import { notFound } from '../../errors.ts';
import { keysetPage, type KeyValue } from '../../db/cursor.ts';
import { toCsv, type CsvCell, type CsvLocale } from '../../i18n/csv.ts';
import { catalogues, type Messages } from '../../i18n/messages.ts';
import { requireSite } from '../sites/sites.service.ts';
import type { createStorageUnitBody } from './storage.schemas.ts';
import {
  alertsOfUnit, findUnit, insertStorageUnit, listUnitsWithStock, READING_ORDER, readingsOfUnit, UNIT_ORDER, type StorageUnitRow,
} from './storage.repo.ts';
import { heldCounts, toAlertDto } from './temperature.service.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';

export const toStorageUnitDto = (u: StorageUnitRow, stockG: number) => ({
  id: u.id, depotId: u.depotId, name: u.name, temperatureClass: u.temperatureClass, capacityKg: gramsToKg(u.capacityG), stockKg: gramsToKg(stockG),
  readingsPerDay: u.readingsPerDay,
});

export async function createStorageUnit(db: Executor, body: z.infer<typeof createStorageUnitBody>) {
  await requireSite(db, body.depotId, 'depot');
  const row = await insertStorageUnit(db, {
    depotId: body.depotId, name: body.name, temperatureClass: body.temperatureClass, capacityG: kgToGrams(body.capacityKg),
    readingsPerDay: body.readingsPerDay,
  });
  return toStorageUnitDto(row, 0);
}

/** `GET /storage-units`: the units of a depot (or all) by name, with their stock, a page at a time. */
export async function listStorageUnits(db: Executor, q: { depotId?: string; limit: number; cursor?: string }) {
  const { page, nextCursor } = await keysetPage(q, UNIT_ORDER, (w) => listUnitsWithStock(db, { depotId: q.depotId, ...w }));
  return { items: page.map((r) => toStorageUnitDto(r.unit, r.stockG)), nextCursor };
}

/** A unit, or 404. */
export async function requireUnit(db: Executor, unitId: string) {
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound('storageUnit');
  return unit;
}

type RecordsQuery = { from?: string; to?: string; limit: number; cursor?: string };
const bounds = (q: RecordsQuery) => ({ start: q.from ? localDayRange(q.from).start : undefined, end: q.to ? localDayRange(q.to).end : undefined });

const toRecordDto = ({ reading: r, by }: Awaited<ReturnType<typeof readingsOfUnit>>[number]) => ({
  id: r.id, storageUnitId: r.storageUnitId, celsius: r.celsius, at: r.at.toISOString(), excursion: r.excursion, warning: r.warning,
  enteredAt: r.enteredAt.toISOString(), late: isLateEntry(r), recordedBy: by ?? undefined,
});

/**
 * A unit's own-check records for an inspector: the readings of the local days `from`..`to`
 * (inclusive), oldest first, each with who recorded it, when it was entered and whether that
 * was late (a page at a time: `nextCursor`, never cut silently), and the unit's alerts of the
 * period with their corrective actions.
 */
export async function temperatureRecords(db: Executor, unitId: string, q: RecordsQuery, m: Messages) {
  const unit = await requireUnit(db, unitId);
  const { start, end } = bounds(q);
  const { page, nextCursor } = await keysetPage(q, READING_ORDER, (w) => readingsOfUnit(db, unitId, start, end, w));
  const unitAlerts = await alertsOfUnit(db, unitId, start, end);
  const held = await heldCounts(db, unitAlerts.map((a) => a.alert.id));
  return {
    storageUnit: { id: unit.id, name: unit.name, temperatureClass: unit.temperatureClass, readingsPerDay: unit.readingsPerDay },
    items: page.map(toRecordDto),
    nextCursor,
    alerts: unitAlerts.map(({ alert, by }) => ({
      ...toAlertDto(alert, m, held.get(alert.id)), resolvedBy: alert.resolvedBy ? { id: alert.resolvedBy, name: by ?? '' } : undefined,
    })),
  };
}

const RECORD_HEADERS: Record<CsvLocale, string[]> = {
  en: ['unit', 'class', 'local_time', 'celsius', 'excursion', 'warning', 'recorded_by', 'entered_at', 'entered_afterwards'],
  fi: ['säilytystila', 'lämpötilaluokka', 'aika', 'lämpötila (°C)', 'poikkeama', 'varoitus', 'kirjaaja', 'kirjattu', 'kirjattu_jälkikäteen'],
};
const ALERT_HEADERS: Record<CsvLocale, string[]> = {
  en: ['alert', 'opened', 'detail', 'closed', 'corrective_action', 'note', 'closed_by'],
  fi: ['hälytys', 'avattu', 'kuvaus', 'kuitattu', 'korjaava_toimenpide', 'lisätieto', 'kuittaaja'],
};
/** Readings read at a time while the CSV is written. */
const CSV_BATCH = 1000;

/**
 * The own-check records as CSV, streamed (every reading of the period, however many: read a
 * batch at a time); times in Helsinki local time; each reading with when it was entered and
 * whether afterwards; then, after a blank line, the unit's alerts of the period with their
 * corrective actions. The unit's class and the actions are the catalogue's terms in the CSV's
 * language (`fi`: kylmä, pakaste, huoneenlämpö).
 */
export async function* temperatureRecordsCsv(db: Executor, unitId: string, q: Omit<RecordsQuery, 'limit' | 'cursor'>, locale: CsvLocale): AsyncGenerator<string> {
  const unit = await requireUnit(db, unitId);
  const { start, end } = bounds({ ...q, limit: CSV_BATCH });
  const m = catalogues[locale];
  const yes = locale === 'fi' ? 'kyllä' : 'yes';
  const no = locale === 'fi' ? 'ei' : 'no';
  const unitClass = m.terms.temperatureClass[unit.temperatureClass];
  yield toCsv([RECORD_HEADERS[locale]], locale);
  const body = (rows: CsvCell[][]) => toCsv(rows, locale).replace(/^\ufeff/, '');
  for (let after: KeyValue[] | undefined; ;) {
    const page = await readingsOfUnit(db, unitId, start, end, { after, limit: CSV_BATCH });
    if (page.length > 0) {
      yield body(page.map(toRecordDto).map((i) => [
        unit.name, unitClass, localDateTime(new Date(i.at)), i.celsius, i.excursion ? yes : no, i.warning ? yes : no, i.recordedBy,
        localDateTime(new Date(i.enteredAt)), i.late ? yes : no,
      ]));
    }
    if (page.length < CSV_BATCH) break;
    after = READING_ORDER.valuesOf(page[page.length - 1]);
  }
  const unitAlerts = await alertsOfUnit(db, unitId, start, end);
  if (unitAlerts.length === 0) return;
  const held = await heldCounts(db, unitAlerts.map((a) => a.alert.id));
  yield '\r\n';
  yield body([ALERT_HEADERS[locale], ...unitAlerts.map(({ alert, by }) => [
    m.terms.alertKind[alert.kind as 'excursion'] ?? alert.kind, localDateTime(alert.openedAt), toAlertDto(alert, m, held.get(alert.id)).detail,
    alert.closedAt ? localDateTime(alert.closedAt) : '', alert.action ? m.coldStore.alertAction[alert.action as AlertAction] : '', alert.note ?? '', by ?? '',
  ])]);
}
