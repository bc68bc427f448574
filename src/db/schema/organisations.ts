import { sql } from 'drizzle-orm';
import { date, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';

/** The unique index on the name as people compare it (lower case, trimmed). */
export const ORGANISATION_NAME_INDEX = 'organisations_name_ci_key';

/**
 * An organisation of the network (an association, a parish, a foundation) that runs
 * food-bank points or other sites. `foodAid*` is its registration as a food-aid operator
 * with the municipal food control (Ruokavirasto's food-aid guidance asks for one). A name
 * belongs to one organisation, whatever its case or surrounding spaces.
 */
export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  /** Y-tunnus, `1234567-8`. */
  businessId: text('business_id').unique(),
  foodAidMunicipality: text('food_aid_municipality'),
  foodAidRegisteredOn: date('food_aid_registered_on', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex(ORGANISATION_NAME_INDEX).on(sql`lower(btrim(${t.name}))`),
]);
