/**
 * Tally arithmetic: the figures reports show (kilos in, discarded, packed, delivered) as
 * plain sums over the ledger and the bag records, bucketed by Helsinki day. This is the
 * reference the stored tallies are tested against, so it favours the obvious over the fast.
 */
import { type BagType, type Category, DISCARD_REASONS, type DiscardReason, REFUSAL_REASONS, type RefusalReason } from './categories.ts';
import { isoWeek, localDate, type LocalDate, monthOf } from './dates.ts';

export type LedgerKind = 'intake' | 'pack' | 'discard' | 'adjust' | 'freeze';

/**
 * One ledger entry with the lot facts tallies group by. Signs are stock changes: intake
 * positive, pack and discard negative, adjust either way, freeze zero.
 */
export type LedgerEntry = {
  lotId: string;
  kind: LedgerKind;
  grams: number;
  at: Date;
  /** A discard's reason (one of DISCARD_REASONS; anything else counts as `other`), or an adjustment's note. */
  reason?: string | null;
  depotId: string;
  donorId: string;
  category: Category;
};

/** A bag as tallies see it; `pointId` and `deliveredAt` are set once it is delivered. */
export type BagRecord = {
  bagId: string;
  depotId: string;
  bagType: BagType;
  weightG: number;
  packedAt: Date;
  /** Whose food of which category went into it (its lots); empty for a bag packed before contents were recorded. */
  contents: readonly { donorId: string; category: Category }[];
  pointId: string | null;
  deliveredAt: Date | null;
};

/** Food turned away at receipt: counted on its donor and category rows, never stock. */
export type RefusalRecord = {
  depotId: string;
  donorId: string;
  category: Category;
  grams: number;
  reason: RefusalReason;
  at: Date;
};

export type TallyDimension = 'point' | 'donor' | 'category' | 'bagType';
export const TALLY_DIMENSIONS: readonly TallyDimension[] = ['point', 'donor', 'category', 'bagType'];

/**
 * The counted figures. Donor and category rows come from the ledger (`gIn`, `gDiscarded`,
 * `gAdjusted`, and `gPacked` as the grams their lots gave to bags), and their `bagsPacked`
 * counts the bags that hold any of their food (a bag of bread and dairy counts once for
 * each, so these do not add up to the bags packed: that total is the bag-type rows'); bag-type
 * rows come from the bag records (`bagsPacked`, `gPacked`, `bagsDelivered`, `gDelivered`);
 * point rows from delivered bags. Discarded and packed grams are positive amounts;
 * `gAdjusted` is signed. `gRefused` (donor and category rows, from the refusals) is food
 * turned away at receipt: never stock, outside the mass balance.
 */
export type TallyMetrics = {
  gIn: number;
  gDiscarded: number;
  gDiscardedByReason: Record<DiscardReason, number>;
  gAdjusted: number;
  gRefused: number;
  gRefusedByReason: Record<RefusalReason, number>;
  bagsPacked: number;
  gPacked: number;
  bagsDelivered: number;
  gDelivered: number;
};

export type TallyKey = { depotId: string; dimension: TallyDimension; key: string };
export type DailyTally = { day: LocalDate } & TallyKey & TallyMetrics;
export type PeriodTally = { period: string } & TallyKey & TallyMetrics;
export type TallyPeriod = 'day' | 'week' | 'month';

export type MassBalance = {
  intakeG: number;
  packedG: number;
  discardedG: number;
  /** Signed: positive adjustments added stock. */
  adjustedG: number;
  stockStartG: number;
  stockEndG: number;
  /** `intakeG + adjustedG − packedG − discardedG − (stockEndG − stockStartG)`; always 0 for a sound ledger. */
  differenceG: number;
};

export type TallyTotals = TallyMetrics & { pointsServed: number };

/**
 * The daily tallies of a set of ledger entries and bags: one row per local day, depot,
 * dimension and key that anything happened to. Ledger entries count on the day of `at`,
 * refusals on the day of `at`, bags as packed on the day of `packedAt` and as delivered on the day of `deliveredAt`, all
 * in Helsinki time, so a 25-hour October Sunday is one day. Freeze entries move no grams
 * and make no row. Rows come sorted by day, depot, dimension, key.
 *
 * @example dailyTallies([{ kind: 'intake', grams: 12_000, at: new Date('2026-10-24T21:30:00Z'),
 *   depotId: 'd1', donorId: 'shop', category: 'dairy', lotId: 'l1' }], [])
 *   // [{ day: '2026-10-25', depotId: 'd1', dimension: 'category', key: 'dairy', gIn: 12000, ... },
 *   //  { day: '2026-10-25', depotId: 'd1', dimension: 'donor', key: 'shop', gIn: 12000, ... }]
 */
export function dailyTallies(
  entries: readonly LedgerEntry[], bags: readonly BagRecord[], refusals: readonly RefusalRecord[] = [],
): DailyTally[] {
  const rows = new Map<string, DailyTally>();
  const row = (day: LocalDate, depotId: string, dimension: TallyDimension, key: string): DailyTally => {
    const id = JSON.stringify([day, depotId, dimension, key]);
    let found = rows.get(id);
    if (!found) {
      found = { day, depotId, dimension, key, ...emptyMetrics() };
      rows.set(id, found);
    }
    return found;
  };

  for (const entry of entries) {
    if (entry.kind === 'freeze') continue;
    const day = localDate(entry.at);
    for (const target of [row(day, entry.depotId, 'donor', entry.donorId), row(day, entry.depotId, 'category', entry.category)]) {
      addLedgerEntry(target, entry);
    }
  }
  for (const refusal of refusals) {
    const day = localDate(refusal.at);
    for (const target of [row(day, refusal.depotId, 'donor', refusal.donorId), row(day, refusal.depotId, 'category', refusal.category)]) {
      target.gRefused += refusal.grams;
      target.gRefusedByReason[refusal.reason] += refusal.grams;
    }
  }
  for (const bag of bags) {
    const packedDay = localDate(bag.packedAt);
    const packed = row(packedDay, bag.depotId, 'bagType', bag.bagType);
    packed.bagsPacked += 1;
    packed.gPacked += bag.weightG;
    for (const category of new Set(bag.contents.map((c) => c.category))) row(packedDay, bag.depotId, 'category', category).bagsPacked += 1;
    for (const donorId of new Set(bag.contents.map((c) => c.donorId))) row(packedDay, bag.depotId, 'donor', donorId).bagsPacked += 1;
    if (bag.deliveredAt === null) continue;
    const deliveredDay = localDate(bag.deliveredAt);
    const delivered = [row(deliveredDay, bag.depotId, 'bagType', bag.bagType)];
    if (bag.pointId !== null) delivered.push(row(deliveredDay, bag.depotId, 'point', bag.pointId));
    for (const target of delivered) {
      target.bagsDelivered += 1;
      target.gDelivered += bag.weightG;
    }
  }
  return [...rows.values()].sort((a, b) => compareStrings(a.day, b.day) || compareKeys(a, b));
}

/**
 * Adds daily rows up into days, ISO weeks (`YYYY-Www`) or local months (`YYYY-MM`).
 * Rolling up daily rows rather than recounting the ledger is what lets a year's report
 * read 365 rows per key; the sums are the same because every metric is additive.
 *
 * @example rollup([{ day: '2026-12-31', ... gIn: 1000 }, { day: '2027-01-01', ... gIn: 500 }], 'week')
 *   // [{ period: '2026-W53', ... gIn: 1500 }]
 */
export function rollup(rows: readonly DailyTally[], period: TallyPeriod): PeriodTally[] {
  const periodOf = period === 'day' ? (day: LocalDate) => day : period === 'week' ? isoWeek : monthOf;
  const out = new Map<string, PeriodTally>();
  for (const row of rows) {
    const key = periodOf(row.day);
    const id = JSON.stringify([key, row.depotId, row.dimension, row.key]);
    let target = out.get(id);
    if (!target) {
      target = { period: key, depotId: row.depotId, dimension: row.dimension, key: row.key, ...emptyMetrics() };
      out.set(id, target);
    }
    addMetrics(target, row);
  }
  return [...out.values()].sort((a, b) => compareStrings(a.period, b.period) || compareKeys(a, b));
}

/**
 * The totals of tally rows (daily or rolled up) for a summary. Each ledger entry appears
 * in both a donor and a category row and each bag in a bag-type and maybe a point row, so
 * every figure is taken from exactly one dimension: ledger figures from `category`, bag
 * figures from `bagType`. `pointsServed` counts points with a delivered bag.
 *
 * @example tallyTotals(dailyTallies(entries, bags)).gIn // every gram taken in, counted once
 */
export function tallyTotals(rows: readonly (TallyKey & TallyMetrics)[]): TallyTotals {
  const totals: TallyTotals = { ...emptyMetrics(), pointsServed: 0 };
  const points = new Set<string>();
  for (const row of rows) {
    if (row.dimension === 'category') {
      totals.gIn += row.gIn;
      totals.gDiscarded += row.gDiscarded;
      totals.gAdjusted += row.gAdjusted;
      for (const reason of DISCARD_REASONS) totals.gDiscardedByReason[reason] += row.gDiscardedByReason[reason];
      totals.gRefused += row.gRefused;
      for (const reason of REFUSAL_REASONS) totals.gRefusedByReason[reason] += row.gRefusedByReason[reason];
    } else if (row.dimension === 'bagType') {
      totals.bagsPacked += row.bagsPacked;
      totals.gPacked += row.gPacked;
      totals.bagsDelivered += row.bagsDelivered;
      totals.gDelivered += row.gDelivered;
    } else if (row.dimension === 'point' && row.bagsDelivered > 0) {
      points.add(row.key);
    }
  }
  totals.pointsServed = points.size;
  return totals;
}

/**
 * The mass balance of the period `[from, to)`: what came in, went out and was corrected,
 * against the stock at both ends (the sum of every entry before the instant). The network's
 * "intake = packed + discarded + adjustments + stock change" reads here, with `adjustedG`
 * signed as a stock change, as `intakeG + adjustedG = packedG + discardedG + (stockEndG −
 * stockStartG)`; `differenceG` is what is left over and must be 0. Pass one depot's
 * entries for a depot's balance, and all entries from the beginning for true stock figures.
 *
 * @example massBalance(entries, new Date('2026-03-01T00:00:00+02:00'), new Date('2026-04-01T00:00:00+03:00'))
 *   // { intakeG: 60000, packedG: 50000, discardedG: 2000, adjustedG: -500, stockStartG: 4000,
 *   //   stockEndG: 11500, differenceG: 0 }
 */
export function massBalance(entries: readonly LedgerEntry[], from: Date, to: Date): MassBalance {
  if (!(from.getTime() <= to.getTime())) throw new RangeError('the period must not end before it starts');
  const balance: MassBalance = { intakeG: 0, packedG: 0, discardedG: 0, adjustedG: 0, stockStartG: 0, stockEndG: 0, differenceG: 0 };
  for (const entry of entries) {
    const at = entry.at.getTime();
    if (at < from.getTime()) balance.stockStartG += entry.grams;
    if (at >= to.getTime()) continue;
    balance.stockEndG += entry.grams;
    if (at < from.getTime()) continue;
    if (entry.kind === 'intake') balance.intakeG += entry.grams;
    else if (entry.kind === 'pack') balance.packedG -= entry.grams;
    else if (entry.kind === 'discard') balance.discardedG -= entry.grams;
    else if (entry.kind === 'adjust') balance.adjustedG += entry.grams;
  }
  balance.differenceG =
    balance.intakeG + balance.adjustedG - balance.packedG - balance.discardedG - (balance.stockEndG - balance.stockStartG);
  return balance;
}

function addLedgerEntry(row: TallyMetrics, entry: LedgerEntry): void {
  switch (entry.kind) {
    case 'intake':
      row.gIn += entry.grams;
      break;
    case 'pack':
      row.gPacked -= entry.grams;
      break;
    case 'discard':
      row.gDiscarded -= entry.grams;
      row.gDiscardedByReason[discardReason(entry.reason)] -= entry.grams;
      break;
    case 'adjust':
      row.gAdjusted += entry.grams;
      break;
    case 'freeze':
      break;
  }
}

function addMetrics(target: TallyMetrics, row: TallyMetrics): void {
  target.gIn += row.gIn;
  target.gDiscarded += row.gDiscarded;
  for (const reason of DISCARD_REASONS) target.gDiscardedByReason[reason] += row.gDiscardedByReason[reason];
  target.gAdjusted += row.gAdjusted;
  target.gRefused += row.gRefused;
  for (const reason of REFUSAL_REASONS) target.gRefusedByReason[reason] += row.gRefusedByReason[reason];
  target.bagsPacked += row.bagsPacked;
  target.gPacked += row.gPacked;
  target.bagsDelivered += row.bagsDelivered;
  target.gDelivered += row.gDelivered;
}

function emptyMetrics(): TallyMetrics {
  return {
    gIn: 0,
    gDiscarded: 0,
    gDiscardedByReason: { spoiled: 0, expired: 0, temperature: 0, recall: 0, other: 0 },
    gAdjusted: 0,
    gRefused: 0,
    gRefusedByReason: { use_by_past: 0, too_warm: 0, damaged: 0, spoiled: 0, other: 0 },
    bagsPacked: 0,
    gPacked: 0,
    bagsDelivered: 0,
    gDelivered: 0,
  };
}

function discardReason(reason: string | null | undefined): DiscardReason {
  return (DISCARD_REASONS as readonly string[]).includes(reason ?? '') ? (reason as DiscardReason) : 'other';
}

function compareKeys(a: TallyKey, b: TallyKey): number {
  return compareStrings(a.depotId, b.depotId) || compareStrings(a.dimension, b.dimension) || compareStrings(a.key, b.key);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
