import { and, asc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import { intakeRefusals, intakes, lots, storageUnits } from '../../db/schema/index.ts';
import type { LotRow } from '../lots/lots.repo.ts';
import type { PageWindow } from '../../db/cursor.ts';

export type IntakeRow = typeof intakes.$inferSelect;

/** `GET /intakes`: newest first. */
export const INTAKE_ORDER = sortKey<IntakeRow>(
  [{ column: intakes.receivedAt, part: 'instant', desc: true }, { column: intakes.id, part: 'uuid', desc: true }], (r) => [r.receivedAt, r.id],
);

/** `from`/`to` bound `receivedAt` (a local day). */
export interface IntakeFilter extends PageWindow {
  from?: Date;
  to?: Date;
  depotId?: string;
  donorId?: string;
}

export function listIntakeRows(db: Executor, f: IntakeFilter) {
  const where: (SQL | undefined)[] = [
    f.depotId ? eq(intakes.depotId, f.depotId) : undefined,
    f.donorId ? eq(intakes.donorId, f.donorId) : undefined,
    f.from ? gte(intakes.receivedAt, f.from) : undefined,
    f.to ? lt(intakes.receivedAt, f.to) : undefined,
    pastKey(INTAKE_ORDER, f.after),
  ];
  return db.select().from(intakes).where(and(...where)).orderBy(...orderOf(INTAKE_ORDER)).limit(f.limit);
}

export const findIntake = async (db: Executor, id: string) => (await db.select().from(intakes).where(eq(intakes.id, id)))[0];

/** The lots of these intakes, in the order their lines were weighed. */
export type RefusalRow = typeof intakeRefusals.$inferSelect;

export const refusalsOfIntakes = (db: Executor, intakeIds: string[]): Promise<RefusalRow[]> =>
  intakeIds.length === 0 ? Promise.resolve([])
    : db.select().from(intakeRefusals).where(inArray(intakeRefusals.intakeId, intakeIds)).orderBy(asc(intakeRefusals.intakeId), asc(intakeRefusals.createdAt), asc(intakeRefusals.id));

export const lotsOfIntakes = (db: Executor, intakeIds: string[]) =>
  intakeIds.length === 0 ? Promise.resolve([]) : db.select().from(lots).where(inArray(lots.intakeId, intakeIds)).orderBy(asc(lots.intakeId), asc(lots.line), asc(lots.id));

/** Locks these storage units for the rest of the transaction, in id order (so two intakes into the same units cannot deadlock). */
export const lockUnitsInIdOrder = (db: Executor, unitIds: string[]) =>
  unitIds.length === 0 ? Promise.resolve([])
    : db.select().from(storageUnits).where(inArray(storageUnits.id, unitIds)).orderBy(storageUnits.id).for('update');

/** Records an intake; returns its row. */
export const insertIntake = async (db: Executor, values: typeof intakes.$inferInsert): Promise<IntakeRow> =>
  (await db.insert(intakes).values(values).returning())[0];

/** Creates the lots of an intake (none for an empty list); returns them in the order given. */
export const insertIntakeLots = (db: Executor, values: (typeof lots.$inferInsert)[]): Promise<LotRow[]> =>
  values.length === 0 ? Promise.resolve([]) : db.insert(lots).values(values).returning();

/** Records what was turned away at the door; returns the rows. */
export const insertRefusals = (db: Executor, values: (typeof intakeRefusals.$inferInsert)[]): Promise<RefusalRow[]> =>
  db.insert(intakeRefusals).values(values).returning();
