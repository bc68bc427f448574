import type { Executor } from '../../db/client.ts';
import { addDays, localDate } from '../../domain/dates.ts';
import type { FoodPolicy } from '../../domain/food-safety.ts';
import { isExpiringSoon } from '../../domain/warehouse-stock.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { listUnitsWithStock, lotsDatedBetween, stockBy } from './storage.repo.ts';
import { toStorageUnitDto } from './storage.service.ts';
import { toLotSummary } from './temperature.service.ts';
import { gramsToKg } from '../../domain/weight.ts';

/**
 * What the warehouse holds now: kilos by category, temperature class and unit (with the
 * free kilos of each unit), the kilos on hold, and the lots whose date falls today or in
 * the next 2 days. Read from the lots' cached stock, which the ledger keeps exact.
 */
export async function getStock(db: Executor, depotId: string | undefined, now: Date, policy: FoodPolicy) {
  const today = localDate(now);
  const [byCategory, byClass, units, dated] = await Promise.all([
    stockBy(db, 'category', depotId),
    stockBy(db, 'temperatureClass', depotId),
    listUnitsWithStock(db, { depotId }),
    lotsDatedBetween(db, depotId, today, addDays(today, 2), policy.frozenShelfDays),
  ]);
  const totalG = byClass.reduce((s, r) => s + r.g, 0);
  const heldG = byClass.reduce((s, r) => s + r.heldG, 0);
  return {
    depotId,
    totalKg: gramsToKg(totalG),
    onHoldKg: gramsToKg(heldG),
    byCategory: byCategory.map((r) => ({ category: r.key, kg: gramsToKg(r.g), lots: r.lots })),
    byTemperatureClass: byClass.map((r) => ({ temperatureClass: r.key as 'ambient' | 'chilled' | 'frozen', kg: gramsToKg(r.g), lots: r.lots })),
    byUnit: units.map((u) => ({ ...toStorageUnitDto(u.unit, u.stockG), freeKg: gramsToKg(Math.max(0, u.unit.capacityG - u.stockG)) })),
    expiringSoon: dated.filter((l) => isExpiringSoon(asStoredLot(l), today, 2, policy)).map((l) => toLotSummary(l, policy)),
  };
}
