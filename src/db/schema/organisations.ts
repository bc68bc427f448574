import { date, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';

/**
 * An organisation of the network (an association, a parish, a foundation) that runs
 * food-bank points or other sites. `foodAid*` is its registration as a food-aid operator
 * with the municipal food control (Ruokavirasto's food-aid guidance asks for one).
 */
export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull().unique(),
  /** Y-tunnus, `1234567-8`. */
  businessId: text('business_id').unique(),
  foodAidMunicipality: text('food_aid_municipality'),
  foodAidRegisteredOn: date('food_aid_registered_on', { mode: 'string' }),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
