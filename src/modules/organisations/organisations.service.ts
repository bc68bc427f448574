import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { organisations } from '../../db/schema/index.ts';
import { localDate } from '../../domain/dates.ts';
import { notFound, unprocessable } from '../../errors.ts';
import type { createOrganisationBody, OrganisationDto, patchOrganisationBody } from './organisations.schemas.ts';

type Row = typeof organisations.$inferSelect;
type Registration = z.infer<typeof createOrganisationBody>['foodAidRegistration'];

export function toOrganisationDto(o: Row): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    businessId: o.businessId ?? undefined,
    foodAidRegistration: o.foodAidMunicipality && o.foodAidRegisteredOn
      ? { municipality: o.foodAidMunicipality, registeredOn: o.foodAidRegisteredOn }
      : undefined,
  };
}

/** The registration's columns; a registration dated after today is refused. */
function registrationColumns(r: Registration | null, now: Date) {
  if (r && r.registeredOn > localDate(now)) {
    throw unprocessable('registration_in_future', (m) => m.registrationInFuture(r.registeredOn));
  }
  return { foodAidMunicipality: r?.municipality ?? null, foodAidRegisteredOn: r?.registeredOn ?? null };
}

export async function createOrganisation(db: Executor, body: z.infer<typeof createOrganisationBody>, now: Date) {
  const [row] = await db.insert(organisations).values({
    name: body.name, businessId: body.businessId ?? null, ...registrationColumns(body.foodAidRegistration ?? null, now),
  }).returning();
  return toOrganisationDto(row);
}

export async function patchOrganisation(db: Executor, id: string, body: z.infer<typeof patchOrganisationBody>, now: Date) {
  const { foodAidRegistration, ...rest } = body;
  const [row] = await db.update(organisations).set({
    ...rest,
    ...(foodAidRegistration !== undefined ? registrationColumns(foodAidRegistration, now) : {}),
    updatedAt: now,
  }).where(eq(organisations.id, id)).returning();
  if (!row) throw notFound('organisation');
  return toOrganisationDto(row);
}

export async function listOrganisations(db: Executor) {
  return (await db.select().from(organisations).orderBy(asc(organisations.name))).map(toOrganisationDto);
}
