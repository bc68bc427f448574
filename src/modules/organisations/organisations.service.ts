import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { conflict, notFound, rootCause, unprocessable } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { createOrganisationBody, OrganisationDto, patchOrganisationBody } from './organisations.schemas.ts';
import {
  findOrganisationNamed, findOrganisationRow, insertOrganisation, listOrganisationRows, ORGANISATION_NAME_INDEX, ORGANISATION_ORDER, organisationExists,
  updateOrganisation, type OrganisationRow as Row,
} from './organisations.repo.ts';

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

const nameTaken = (name: string) => conflict('organisation_name_taken', (m) => m.organisationNameTaken(name), {
  errors: [{ path: 'body.name', message: (m: Messages) => m.nameTaken() }],
});

/**
 * Refuses a name another organisation has, compared as people do (case and surrounding spaces
 * aside); `self` is the organisation being renamed. Two requests at once both pass this check:
 * the unique index decides, and {@link nameTakenOnIndex} gives the loser the same answer.
 */
async function assertNameFree(db: Executor, name: string, self?: string) {
  const other = await findOrganisationNamed(db, name, self);
  if (other) throw nameTaken(name);
}

const nameTakenOnIndex = (name: string) => (err: unknown): never => {
  const cause = rootCause(err) as { code?: string; constraint?: string };
  throw cause.code === '23505' && cause.constraint === ORGANISATION_NAME_INDEX ? nameTaken(name) : err;
};

export async function createOrganisation(db: Executor, body: z.infer<typeof createOrganisationBody>, now: Date) {
  await assertNameFree(db, body.name);
  const [row] = await insertOrganisation(db, {
    name: body.name, businessId: body.businessId ?? null, ...registrationColumns(body.foodAidRegistration ?? null, now),
  }).catch(nameTakenOnIndex(body.name));
  return toOrganisationDto(row);
}

/** One organisation as the API shows it, or undefined. */
export async function findOrganisation(db: Executor, id: string) {
  const row = await findOrganisationRow(db, id);
  return row ? toOrganisationDto(row) : undefined;
}

export async function patchOrganisation(db: Executor, id: string, body: z.infer<typeof patchOrganisationBody>, now: Date) {
  const { foodAidRegistration, ...rest } = body;
  if (rest.name !== undefined) {
    if (!(await organisationExists(db, id))) throw notFound('organisation');
    await assertNameFree(db, rest.name, id);
  }
  const [row] = await updateOrganisation(db, id, {
    ...rest,
    ...(foodAidRegistration !== undefined ? registrationColumns(foodAidRegistration, now) : {}),
  }, now).catch(nameTakenOnIndex(rest.name ?? ''));
  if (!row) throw notFound('organisation');
  return toOrganisationDto(row);
}

/** The organisations by name, a page at a time. */
export async function listOrganisations(db: Executor, q: { limit: number; cursor?: string }) {
  const { page, nextCursor } = await keysetPage(q, ORGANISATION_ORDER, (w) => listOrganisationRows(db, w));
  return { items: page.map(toOrganisationDto), nextCursor };
}
