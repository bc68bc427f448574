import { and, asc, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterKey } from '../../db/keyset.ts';
import { intakeRefusals, intakes, lots } from '../../db/schema/index.ts';
import type { PageWindow } from '../../http/cursor.ts';

export type IntakeRow = typeof intakes.$inferSelect;

/** `from`/`to` bound `receivedAt` (a local day); `after` is the keyset position (receivedAt desc, id desc). */
export interface IntakeFilter extends PageWindow {
  depotId?: string;
  donorId?: string;
}

export function listIntakeRows(db: Executor, f: IntakeFilter) {
  const where: (SQL | undefined)[] = [
    f.depotId ? eq(intakes.depotId, f.depotId) : undefined,
    f.donorId ? eq(intakes.donorId, f.donorId) : undefined,
    f.from ? gte(intakes.receivedAt, f.from) : undefined,
    f.to ? lt(intakes.receivedAt, f.to) : undefined,
    afterKey(intakes.receivedAt, intakes.id, f.after),
  ];
  return db.select().from(intakes).where(and(...where)).orderBy(desc(intakes.receivedAt), desc(intakes.id)).limit(f.limit);
}

export const findIntake = async (db: Executor, id: string) => (await db.select().from(intakes).where(eq(intakes.id, id)))[0];

/** The lots of these intakes, in the order their lines were weighed. */
export type RefusalRow = typeof intakeRefusals.$inferSelect;

export const refusalsOfIntakes = (db: Executor, intakeIds: string[]): Promise<RefusalRow[]> =>
  intakeIds.length === 0 ? Promise.resolve([])
    : db.select().from(intakeRefusals).where(inArray(intakeRefusals.intakeId, intakeIds)).orderBy(asc(intakeRefusals.intakeId), asc(intakeRefusals.createdAt), asc(intakeRefusals.id));

export const lotsOfIntakes = (db: Executor, intakeIds: string[]) =>
  intakeIds.length === 0 ? Promise.resolve([]) : db.select().from(lots).where(inArray(lots.intakeId, intakeIds)).orderBy(asc(lots.intakeId), asc(lots.line), asc(lots.id));
