import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import { ORGANISATION_NAME_INDEX, organisations } from '../../db/schema/index.ts';

export type OrganisationRow = typeof organisations.$inferSelect;

/** The unique index on organisations' names (case and surrounding spaces aside): a violation of it is a name taken. */
export { ORGANISATION_NAME_INDEX };

/** Another organisation (not `self`) with this name, compared case and surrounding spaces aside. */
export const findOrganisationNamed = async (db: Executor, name: string, self?: string) =>
  (await db.select({ id: organisations.id }).from(organisations)
    .where(and(sql`lower(btrim(${organisations.name})) = lower(btrim(${name}))`, self ? ne(organisations.id, self) : undefined)))[0];

/** Inserts an organisation; a name taken fails on {@link ORGANISATION_NAME_INDEX}. */
export const insertOrganisation = (db: Executor, values: typeof organisations.$inferInsert) => db.insert(organisations).values(values).returning();

/** An organisation by id. */
export const findOrganisationRow = async (db: Executor, id: string) => (await db.select().from(organisations).where(eq(organisations.id, id)))[0];

/** Whether an organisation with this id exists. */
export const organisationExists = async (db: Executor, id: string) =>
  (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id))).length > 0;

/** Changes an organisation's fields and stamps `updatedAt`; none when it does not exist. */
export const updateOrganisation = (db: Executor, id: string, values: Partial<typeof organisations.$inferInsert>, now: Date) =>
  db.update(organisations).set({ ...values, updatedAt: now }).where(eq(organisations.id, id)).returning();

/** Organisations by name. */
export const ORGANISATION_ORDER = sortKey<OrganisationRow>([{ column: organisations.name, part: 'text' }, { column: organisations.id, part: 'uuid' }], (o) => [o.name, o.id]);

/** Organisations by name, one page at a time. */
export const listOrganisationRows = (db: Executor, w: PageWindow) =>
  db.select().from(organisations).where(pastKey(ORGANISATION_ORDER, w.after)).orderBy(...orderOf(ORGANISATION_ORDER)).limit(w.limit);
