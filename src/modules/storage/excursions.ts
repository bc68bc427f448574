import type { Executor } from '../../db/client.ts';
import { holdsOnArrival } from '../../domain/cold-chain.ts';
import type { Category, TemperatureClass } from '../../domain/categories.ts';
import { bagLimitC, bagsHeldByReading, checkBackInRange } from '../../domain/excursions.ts';
import { maxCelsius } from '../../domain/food-safety.ts';
import { unprocessable } from '../../errors.ts';
import { insertLotEvents, type LotRow } from '../lots/lots.repo.ts';
import {
  bagsInUnitWithStatus, contentClassesOfBags, eventsOfBag, holdAndMoveEventsOfLot, holdLots, insertBagEvents, latestReadings, moveBagsToHeld,
  openExcursion, waitingBagsByIds,
} from './storage.repo.ts';

/** The bags a unit holds (waiting at the depot), each with the categories and classes of its contents. */
async function bagsInUnit(db: Executor, unitId: string, statuses: ('in_stock' | 'reserved')[]) {
  return withLimits(db, await bagsInUnitWithStatus(db, unitId, statuses));
}

async function withLimits<B extends { id: string; temperatureClass: TemperatureClass }>(db: Executor, rows: B[]) {
  if (rows.length === 0) return [];
  const contents = await contentClassesOfBags(db, rows.map((b) => b.id));
  return rows.map((b) => ({
    ...b,
    limitC: bagLimitC({
      temperatureClass: b.temperatureClass,
      contents: contents.filter((c) => c.bagId === b.id).map((c) => ({ category: c.category as Category, temperatureClass: c.temperatureClass })),
    }),
  }));
}

/** Moves bags to `held` for an alert, keeping their reservation (it shows them as held), with a bag event each. */
async function holdBags(db: Executor, held: { id: string; status: string; reservationId: string | null }[], alertId: string | null, at: Date, actorId: string | null, reason: string) {
  if (held.length === 0) return 0;
  const moved = await moveBagsToHeld(db, held.map((b) => b.id), at);
  const ids = new Set(moved.map((b) => b.id));
  const events = held.filter((b) => ids.has(b.id)).map((b) => ({
    bagId: b.id, fromStatus: b.status, toStatus: 'held', reservationId: b.reservationId, alertId, reason, at, createdBy: actorId,
  }));
  await insertBagEvents(db, events);
  return events.length;
}

/**
 * Holds the bags of a unit that an excursion reading does not tolerate (`bagsHeldByReading`),
 * as the same reading holds the lots. Returns how many it held.
 */
export async function holdBagsOfReading(db: Executor, unit: { id: string; temperatureClass: TemperatureClass }, reading: { celsius: number; excursion: boolean }, alertId: string, at: Date, actorId: string | null) {
  if (!reading.excursion) return 0;
  const waiting = await bagsInUnit(db, unit.id, ['in_stock', 'reserved']);
  const ids = new Set(bagsHeldByReading({ unitClass: unit.temperatureClass, celsius: reading.celsius, excursion: true, bags: waiting }));
  return holdBags(db, waiting.filter((b) => ids.has(b.id)), alertId, at, actorId, 'excursion');
}

/**
 * Holds bags just put into a unit in excursion (packed or moved there) whose limit its latest
 * reading is above, naming the unit's open alert, as `holdLotsTakenIntoExcursion` does for lots.
 */
export async function holdBagsTakenIntoExcursion(db: Executor, bagIds: string[], unit: { id: string; temperatureClass: TemperatureClass }, at: Date, actorId: string | null) {
  const latest = (await latestReadings(db, [unit.id])).get(unit.id);
  if (!latest?.excursion || bagIds.length === 0) return 0;
  const rows = await withLimits(db, await waitingBagsByIds(db, bagIds));
  const ids = new Set(bagsHeldByReading({ unitClass: unit.temperatureClass, celsius: latest.celsius, excursion: true, bags: rows }));
  const alert = await openExcursion(db, unit.id);
  return holdBags(db, rows.filter((b) => ids.has(b.id)), alert?.id ?? null, at, actorId, 'taken into a unit in excursion');
}

/**
 * Puts on hold the lots just taken into a unit in excursion (weighed in or moved there), as
 * `holdsOnArrival` says, with a `hold` event naming the unit's open alert. Returns the lots as
 * they are now.
 */
export async function holdLotsTakenIntoExcursion(db: Executor, taken: LotRow[], at: Date, actorId: string | null): Promise<LotRow[]> {
  const latest = await latestReadings(db, [...new Set(taken.map((l) => l.storageUnitId))]);
  const toHold = taken.filter((l) => l.stockG > 0 && holdsOnArrival({ ...l, category: l.category as Category }, latest.get(l.storageUnitId) ?? null));
  if (toHold.length === 0) return taken;
  const held = new Map((await holdLots(db, toHold.map((l) => l.id))).map((l) => [l.id, l]));
  const alertOf = new Map<string, string | undefined>();
  for (const unitId of new Set(toHold.map((l) => l.storageUnitId))) alertOf.set(unitId, (await openExcursion(db, unitId))?.id);
  await insertLotEvents(db, toHold.map((l) => ({
    lotId: l.id, kind: 'hold', at, createdBy: actorId,
    data: { alertId: alertOf.get(l.storageUnitId) ?? null, reason: 'taken into a unit in excursion', celsius: latest.get(l.storageUnitId)?.celsius },
  })));
  return taken.map((l) => held.get(l.id) ?? l);
}

function refuseRelease(verdict: ReturnType<typeof checkBackInRange>) {
  if (!verdict.ok) throw unprocessable(verdict.rule, verdict.message, { rule: verdict.rule });
}

/**
 * Refuses (422 `unit_still_out_of_range`) to release a held lot until its unit has read back in
 * range for it after the hold, or it was moved (or frozen) into a unit in range since.
 */
export async function assertLotBackInRange(db: Executor, lot: LotRow) {
  const events = await holdAndMoveEventsOfLot(db, lot.id);
  const hold = events.find((e) => e.kind === 'hold');
  refuseRelease(checkBackInRange({
    limitC: maxCelsius({ category: lot.category as Category, temperatureClass: lot.temperatureClass }),
    frozen: lot.temperatureClass === 'frozen',
    heldAt: hold?.at ?? null,
    movedAfterHold: !!hold && events.some((e) => e.kind !== 'hold' && e.at.getTime() >= hold.at.getTime()),
    latest: (await latestReadings(db, [lot.storageUnitId])).get(lot.storageUnitId) ?? null,
  }));
}

/** The same rule for a held bag: its unit read back in range for it after the hold, or it was moved since. */
export async function assertBagBackInRange(db: Executor, bag: { id: string; temperatureClass: TemperatureClass; storageUnitId: string | null }) {
  const events = await eventsOfBag(db, bag.id);
  const hold = events.find((e) => e.toStatus === 'held');
  const [withLimit] = await withLimits(db, [{ id: bag.id, temperatureClass: bag.temperatureClass }]);
  refuseRelease(checkBackInRange({
    limitC: withLimit.limitC, frozen: bag.temperatureClass === 'frozen', heldAt: hold?.at ?? null,
    movedAfterHold: !!hold && events.some((e) => e.reason === 'moved' && e.at.getTime() >= hold.at.getTime()),
    latest: bag.storageUnitId ? (await latestReadings(db, [bag.storageUnitId])).get(bag.storageUnitId) ?? null : null,
  }));
}
