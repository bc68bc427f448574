/**
 * What an excursion does after the reading that raised it, as pure rules: which bags it holds
 * beside the lots, when a held lot or bag may be released, how an alert is closed (with a
 * recorded corrective action, never by a reading alone), and which own-check readings were
 * entered late. Ruokavirasto's Oiva guide 6.1/6.2 asks an inspector to see the own-check
 * temperature records, every deviation, and the corrective action taken for it; these rules
 * make the record show exactly that.
 */
import type { Category, TemperatureClass } from './categories.ts';
import { FROZEN_MAX_C, maxCelsius } from './food-safety.ts';
import type { Text } from '../i18n/messages.ts';

/** What was done about an alert, as the one who closes it records it (Oiva 6.2: the corrective action). */
export const ALERT_ACTIONS = ['moved', 'discarded', 'repaired', 'checked_ok', 'other'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** The alerts closed by a corrective action: temperature excursions and missed own-check readings. */
export const RESOLVABLE_ALERT_KINDS = ['excursion', 'reading_missed'] as const;

/**
 * A reading entered more than this after the time it states was typed in afterwards
 * ("kirjattu jälkikäteen"). The sources name no figure (Oiva 6.2 only asks that records are
 * kept and true); an hour lets a volunteer read every unit on a round, note the figures on
 * paper or in memory and type them in at the end of it, while a reading typed in the next
 * morning for the evening before is marked, so an inspector can tell the two apart.
 */
export const LATE_ENTRY_MS = 60 * 60 * 1000;

/**
 * Whether a reading was entered late: more than {@link LATE_ENTRY_MS} after the time it says
 * the thermometer was read.
 *
 * @example isLateEntry({ at: new Date('2026-12-06T18:00:00Z'), enteredAt: new Date('2026-12-07T07:00:00Z') }) // true
 */
export function isLateEntry(r: { at: Date; enteredAt: Date }): boolean {
  return r.enteredAt.getTime() - r.at.getTime() > LATE_ENTRY_MS;
}

/**
 * The warmest a bag may be kept, °C: the strictest limit of what it holds (fish in a chilled
 * bag makes the bag +3 °C), −15 °C for a frozen bag, none for an ambient bag. Ambient lots in a
 * chilled bag bring no limit of their own; a chilled bag with no recorded contents is held to
 * the general chilled limit.
 *
 * @example bagLimitC({ temperatureClass: 'chilled', contents: [{ category: 'fish', temperatureClass: 'chilled' }] }) // 3
 */
export function bagLimitC(bag: { temperatureClass: TemperatureClass; contents: readonly { category: Category; temperatureClass: TemperatureClass }[] }): number | null {
  if (bag.temperatureClass === 'ambient') return null;
  if (bag.temperatureClass === 'frozen') return FROZEN_MAX_C;
  const limits = bag.contents.flatMap((c) => {
    const limit = maxCelsius({ category: c.category, temperatureClass: 'chilled' });
    return c.temperatureClass === 'ambient' || limit === null ? [] : [limit];
  });
  return limits.length > 0 ? Math.min(...limits) : maxCelsius({ category: 'dairy', temperatureClass: 'chilled' });
}

/**
 * The bags an excursion reading holds, just as it holds lots: in a frozen unit every bag, in a
 * chilled unit those whose limit ({@link bagLimitC}) the reading is above. No excursion, no hold.
 *
 * @example bagsHeldByReading({ unitClass: 'chilled', celsius: 5, excursion: true,
 *   bags: [{ id: 'fish-bag', limitC: 3 }, { id: 'milk-bag', limitC: 6 }] }) // ['fish-bag']
 */
export function bagsHeldByReading(input: {
  unitClass: TemperatureClass; celsius: number; excursion: boolean; bags: readonly { id: string; limitC: number | null }[];
}): string[] {
  if (!input.excursion) return [];
  if (input.unitClass === 'frozen') return input.bags.map((b) => b.id);
  return input.bags.filter((b) => b.limitC !== null && input.celsius > b.limitC).map((b) => b.id);
}

/** The latest reading of a unit as the release rule needs it. */
export type UnitReading = { at: Date; celsius: number; excursion: boolean };

/**
 * Whether a held lot or bag may be released: only once the unit it is in now has read back in
 * range for it after the hold (a reading no earlier than the hold, at or below the item's limit and
 * not a freezer excursion), or once it was moved after the hold into a unit whose latest reading
 * is in range. A room still at +8.5 °C releases nothing however the food looks; a unit never
 * read is not known to be in range.
 *
 * @example checkBackInRange({ limitC: 6, heldAt: mon8, movedAfterHold: false, latest: { at: mon9, celsius: 8.5, excursion: true } })
 *   // { ok: false, rule: 'unit_still_out_of_range', ... }
 */
export function checkBackInRange(item: {
  limitC: number | null; heldAt: Date | null; movedAfterHold: boolean; latest: UnitReading | null; frozen?: boolean;
}): { ok: true } | { ok: false; rule: 'unit_still_out_of_range'; message: Text } {
  const { latest } = item;
  const refuse = { ok: false as const, rule: 'unit_still_out_of_range' as const };
  if (latest === null) return { ...refuse, message: (m) => m.coldStore.unitNeverRead() };
  const inRange = item.frozen ? !latest.excursion : item.limitC === null || latest.celsius <= item.limitC;
  if (!inRange) return { ...refuse, message: (m) => m.coldStore.unitStillOutOfRange(latest.celsius, item.limitC) };
  const readAfterHold = item.heldAt === null || latest.at.getTime() >= item.heldAt.getTime();
  if (!readAfterHold && !item.movedAfterHold) return { ...refuse, message: (m) => m.coldStore.unitNotReadSinceHold() };
  return { ok: true };
}

/**
 * Whether an alert may be closed with a corrective action now. Only open excursion and
 * missed-reading alerts are closed this way. An excursion is closed only when nothing it held
 * is still held (every lot and bag released, discarded or recalled), and, while the unit still
 * holds food, only once the unit reads in range again: the action says what was done, the
 * record shows it worked.
 *
 * @example checkResolve({ kind: 'excursion', closed: false, lotsStillHeld: 1, bagsStillHeld: 0, unitBackInRange: true, unitHasStock: true })
 *   // { ok: false, rule: 'alert_still_holds', ... }
 */
export function checkResolve(alert: {
  kind: string; closed: boolean; lotsStillHeld: number; bagsStillHeld: number; unitBackInRange: boolean; unitHasStock: boolean;
}): { ok: true } | { ok: false; rule: 'alert_closed' | 'alert_not_resolvable' | 'alert_still_holds' | 'unit_still_out_of_range'; message: Text } {
  if (alert.closed) return { ok: false, rule: 'alert_closed', message: (m) => m.coldStore.alertAlreadyClosed() };
  if (!(RESOLVABLE_ALERT_KINDS as readonly string[]).includes(alert.kind)) return { ok: false, rule: 'alert_not_resolvable', message: (m) => m.coldStore.alertNotResolvable() };
  if (alert.kind !== 'excursion') return { ok: true };
  if (alert.lotsStillHeld + alert.bagsStillHeld > 0) {
    return { ok: false, rule: 'alert_still_holds', message: (m) => m.coldStore.alertStillHolds(alert.lotsStillHeld, alert.bagsStillHeld) };
  }
  if (!alert.unitBackInRange && alert.unitHasStock) return { ok: false, rule: 'unit_still_out_of_range', message: (m) => m.coldStore.alertUnitStillWarm() };
  return { ok: true };
}
