import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { type Category, USUAL_CLASS } from '../../domain/categories.ts';
import { localDate } from '../../domain/dates.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import { type FoodPolicy, intakeLineViolations, type SafetyRule } from '../../domain/food-safety.ts';
import { roomFor } from '../../domain/warehouse-stock.ts';
import { gramsToKg, isExactKg, kgToGrams, sumGrams } from '../../domain/weight.ts';
import { assertInWindow, notFound, unprocessable } from '../../errors.ts';
import { dayBounds, keysetPage } from '../../db/cursor.ts';
import type { Messages, Text } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import { holdLotsTakenIntoExcursion } from '../storage/excursions.ts';
import { insertLedger, unitsStockG, type LotRow } from '../lots/lots.repo.ts';
import { toLotDto } from '../lots/lots.service.ts';
import { findSite } from '../sites/sites.repo.ts';
import { depotServing } from '../sites/sites.service.ts';
import {
  findIntake, insertIntake, insertIntakeLots, insertRefusals, INTAKE_ORDER, listIntakeRows, lockUnitsInIdOrder, lotsOfIntakes, refusalsOfIntakes,
  type IntakeRow, type RefusalRow,
} from './intake.repo.ts';
import type { createIntakeBody, listIntakesQuery } from './intake.schemas.ts';

type Body = z.infer<typeof createIntakeBody>;

/** The body field a broken rule is about, so the 422 points at the right input. */
const RULE_FIELD: Record<SafetyRule, string> = {
  invalid_weight: 'kg', non_positive_kg: 'kg', line_too_heavy: 'kg',
  date_missing: 'date', date_unexpected: 'date', date_invalid: 'date', use_by_past: 'date', smoked_fish_past_use_by: 'date',
  class_warmer_than_category: 'temperatureClass', receipt_too_warm: 'receiptCelsius', invalid_temperature: 'receiptCelsius',
  receipt_celsius_missing: 'receiptCelsius', frozen_on_not_frozen: 'frozenOn', frozen_on_in_future: 'frozenOn', frozen_after_use_by: 'frozenOn',
  unit_class_mismatch: 'storageUnitId', freeze_not_chilled: 'temperatureClass', freeze_after_use_by: 'date',
  on_hold: 'storageUnitId', no_stock: 'kg', best_before_unchecked: 'date', best_before_check_expired: 'date',
  eggs_past_best_before: 'date', frozen_shelf_life_over: 'frozenOn',
  use_by_required: 'dateKind', date_kind_required: 'dateKind', frozen_on_required: 'frozenOn', best_before_too_old: 'date',
};

/**
 * The freezing date a lot records: the donor's `frozenOn`, or for chilled food that arrives
 * frozen without one, the day it was received (it was frozen by then at the latest). The
 * latter is recorded as not known (`frozenOnKnown: false`): the rules count from it, labels
 * do not print it.
 */
const frozenOnOf = (line: Body['lines'][number], receivedOn: string) =>
  line.frozenOn ?? (line.temperatureClass === 'frozen' && USUAL_CLASS[line.category] === 'chilled' ? receivedOn : null);

interface LineProblem { line: number; rule: string; message: Text; path: string }

function refuse(problems: LineProblem[], extra: Record<string, unknown> = {}): never {
  const [first] = problems;
  throw unprocessable(first.rule, (m) => m.onLine(first.line, first.message(m)), {
    line: first.line, rule: first.rule,
    violations: problems.map(({ line, rule, message }) => ({ line, rule, message })),
    errors: problems.map(({ path, message }) => ({ path, message })),
    ...extra,
  });
}

/**
 * Weighs in one delivery: every line becomes a lot with an `intake` ledger entry, every
 * refusal a recorded refusal (never stock), all in the caller's transaction. Every food-safety rule is checked on every line first; one broken
 * rule refuses the whole intake (422 naming the lines and rules), so nothing is half-written.
 * The storage units are locked while their free capacity is checked.
 */
export async function createIntake(tx: Executor, actor: Actor, body: Body, now: Date, policy: FoodPolicy) {
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  assertInWindow(checkStatedInstant(receivedAt, now, { mayBackdate: actor.role === 'coordinator' }), 'body.receivedAt');
  const donor = await findSite(tx, body.donorId);
  if (!donor || donor.kind !== 'donor') {
    throw unprocessable('not_a_donor', (m) => m.notADonor(), { rule: 'not_a_donor', errors: [{ path: 'body.donorId', message: (m: Messages) => m.isNotADonor() }] });
  }

  const unitIds = [...new Set(body.lines.map((l) => l.storageUnitId))].sort();
  // Locked in id order, so two intakes into the same units cannot deadlock.
  const unitRows = await lockUnitsInIdOrder(tx, unitIds);
  const units = new Map(unitRows.map((u) => [u.id, u]));

  // The use-by rule holds against the server's day as well as the intake's (a backdated intake).
  const today = localDate(now);
  const receivedOn = localDate(receivedAt);
  const problems: LineProblem[] = [];
  const grams: number[] = [];
  body.lines.forEach((line, i) => {
    const base = `body.lines.${i}`;
    const weightG = isExactKg(line.kg) ? kgToGrams(line.kg) : Number.NaN;
    grams.push(weightG);
    const unit = units.get(line.storageUnitId);
    if (!unit) {
      problems.push({ line: i, rule: 'unknown_storage_unit', message: (m) => m.noSuchUnitField(), path: `${base}.storageUnitId` });
      return;
    }
    for (const v of intakeLineViolations({ ...line, weightG }, { today, receivedOn, unitClass: unit.temperatureClass })) {
      problems.push({ line: i, rule: v.rule, message: v.message, path: `${base}.${RULE_FIELD[v.rule]}` });
    }
  });
  if (problems.length > 0) refuse(problems);

  const depotIds = new Set(unitRows.map((u) => u.depotId));
  if (depotIds.size > 1) {
    const first = unitRows[0].depotId;
    const i = body.lines.findIndex((l) => units.get(l.storageUnitId)!.depotId !== first);
    refuse([{ line: i, rule: 'mixed_depots', message: (m) => m.mixedDepots(), path: `body.lines.${i}.storageUnitId` }]);
  }
  // The lines' units name the depot; a delivery refused whole is recorded at the donor's depot.
  const depotId = unitRows[0]?.depotId ?? (await depotServing(tx, donor))?.depotId;
  if (!depotId) throw unprocessable('donor_without_depot', (m) => m.donorWithoutDepot(), { rule: 'donor_without_depot' });

  const stockG = await unitsStockG(tx, unitIds);
  for (const unit of unitRows) {
    const addG = sumGrams(body.lines.flatMap((l, i) => (l.storageUnitId === unit.id ? [grams[i]] : [])));
    const room = roomFor(unit.capacityG, stockG.get(unit.id) ?? 0, addG);
    if (!room.ok) {
      const i = body.lines.findIndex((l) => l.storageUnitId === unit.id);
      refuse([{
        line: i, rule: 'capacity_exceeded', path: `body.lines.${i}.storageUnitId`,
        message: (m) => m.capacityExceeded(unit.name, gramsToKg(room.freeG), gramsToKg(addG)),
      }], { storageUnitId: unit.id, freeKg: gramsToKg(room.freeG) });
    }
  }

  const intake = await insertIntake(tx, { donorId: donor.id, depotId, receivedAt, createdBy: actor.id });
  const lotRows = await insertIntakeLots(tx, body.lines.map((line, i) => ({
    intakeId: intake.id, line: i, donorId: donor.id, depotId, category: line.category, temperatureClass: line.temperatureClass,
    dateKind: line.dateKind, date: line.date ?? null, storageUnitId: line.storageUnitId, receivedG: grams[i], stockG: grams[i],
    receiptCelsius: line.receiptCelsius ?? null, receivedAt, frozenOn: frozenOnOf(line, receivedOn), frozenOnKnown: frozenOnOf(line, receivedOn) === (line.frozenOn ?? null),
    product: line.product ?? null, allergens: line.allergens === undefined ? null : [...new Set(line.allergens)], batch: line.batch ?? null,
    unpackaged: line.unpackaged ?? false,
  })));
  // What was turned away is recorded beside the intake: never a lot, never in the ledger or the mass balance.
  const refusals = body.refusals?.length
    ? await insertRefusals(tx, body.refusals.map((r) => ({
      intakeId: intake.id, donorId: donor.id, depotId, category: r.category, grams: kgToGrams(r.kg), reason: r.reason, note: r.note ?? null,
      at: receivedAt, createdBy: actor.id,
    })))
    : [];
  await insertLedger(tx, lotRows.map((l) => ({
    lotId: l.id, depotId, kind: 'intake' as const, grams: l.receivedG, at: receivedAt, createdBy: actor.id,
  })));
  await enqueueTallyRecount(tx, depotId, receivedAt);
  // Food taken into a unit in excursion goes on hold like the food already there.
  return toIntakeDto(intake, await holdLotsTakenIntoExcursion(tx, lotRows, receivedAt, actor.id), refusals, policy);
}

/** An intake as the API shows it, with its lots in line order and what was turned away with it. */
export function toIntakeDto(intake: IntakeRow, lotRows: readonly LotRow[], refusals: readonly RefusalRow[], policy: FoodPolicy) {
  return {
    id: intake.id, donorId: intake.donorId, depotId: intake.depotId, receivedAt: intake.receivedAt.toISOString(),
    totalKg: gramsToKg(sumGrams(lotRows.map((l) => l.receivedG))), lots: lotRows.map((l) => toLotDto(l, policy)),
    refusals: refusals.map((r) => ({ id: r.id, category: r.category as Category, kg: gramsToKg(r.grams), reason: r.reason, note: r.note ?? undefined })),
    kgRefused: gramsToKg(sumGrams(refusals.map((r) => r.grams))),
  };
}

export async function getIntake(db: Executor, id: string, policy: FoodPolicy) {
  const intake = await findIntake(db, id);
  if (!intake) throw notFound('intake');
  return toIntakeDto(intake, await lotsOfIntakes(db, [id]), await refusalsOfIntakes(db, [id]), policy);
}

/**
 * Intakes newest first, by depot, donor and local day (`day` is a Helsinki date, so a
 * weigh-in at 00:30 local time belongs to that day), one keyset page at a time.
 */
export async function listIntakes(db: Executor, q: z.infer<typeof listIntakesQuery>, policy: FoodPolicy) {
  const { page, nextCursor } = await keysetPage(q, INTAKE_ORDER, (w) => listIntakeRows(db, { depotId: q.depotId, donorId: q.donorId, ...dayBounds(q.day), ...w }));
  const ids = page.map((r) => r.id);
  const [lotRows, refusalRows] = [await lotsOfIntakes(db, ids), await refusalsOfIntakes(db, ids)];
  return {
    items: page.map((r) => toIntakeDto(r, lotRows.filter((l) => l.intakeId === r.id), refusalRows.filter((f) => f.intakeId === r.id), policy)),
    nextCursor,
  };
}
