import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import type { Weekday } from '../../domain/dates.ts';
import { servingDepot, type DepotLocation } from '../../domain/serving-depot.ts';
import type { createDistributionDayBody, createPickupScheduleBody, createSiteBody, patchSiteBody } from './sites.schemas.ts';
import {
  findSameDistributionDay, findSite, insertDistributionDay, insertPickupSchedule, insertSite, listDepotLocations, lockSite, registeredPointIds, updateSite,
  type DistributionDayRow, type PickupScheduleRow, type SiteRow,
} from './sites.repo.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';
import { geocodeQuery, type LatLon } from '../../domain/location.ts';
import type { Messages } from '../../i18n/messages.ts';
import { geocode } from './geocoder.ts';

/** A site as the API shows it; `depots` decide which depot serves a donor or point without `depotId`. */
function toSiteDto(s: SiteRow, depots: readonly DepotLocation[], registered: ReadonlySet<string>) {
  const served = servingDepot(s, depots);
  return {
    id: s.id, kind: s.kind, name: s.name, municipality: s.municipality, address: s.address, lat: s.lat, lon: s.lon,
    serviceMinutes: s.serviceMinutes, opensAt: s.opensAt ?? undefined, closesAt: s.closesAt ?? undefined,
    depotId: s.depotId ?? undefined, contact: s.contact ?? undefined,
    contactName: s.contactName ?? undefined, phone: s.phone ?? undefined, donorKind: s.donorKind ?? undefined,
    organisationId: s.organisationId ?? undefined, active: s.active,
    ...(s.kind === 'point' ? { foodAidRegistered: registered.has(s.id) } : {}),
    servedByDepotId: served?.depotId, servedBy: served?.rule,
  };
}

/** Sites as the API shows them, with the depots and the points' registrations read once. */
export async function toSiteDtos(db: Executor, rows: readonly SiteRow[]) {
  const depots = await listDepotLocations(db);
  const registered = await registeredPointIds(db, rows.filter((r) => r.kind === 'point'));
  return rows.map((r) => toSiteDto(r, depots, registered));
}

/** The depot serving a donor or point (see `servingDepot`), or null when the network has none. */
export async function depotServing(db: Executor, site: SiteRow) {
  return servingDepot(site, await listDepotLocations(db));
}

export function toPickupScheduleDto(p: PickupScheduleRow) {
  return {
    id: p.id, donorId: p.donorId, weekdays: p.weekdays as Weekday[], windowStart: p.windowStart, windowEnd: p.windowEnd,
    expectedKg: gramsToKg(p.expectedG), requiresRefrigeration: p.requiresRefrigeration,
    seasonStart: p.seasonStart ?? undefined, seasonEnd: p.seasonEnd ?? undefined,
  };
}

export function toDistributionDayDto(d: DistributionDayRow) {
  return { id: d.id, pointId: d.pointId, weekday: d.weekday as Weekday, start: d.start, end: d.end };
}

/** A site of the expected kind, or 404 naming what was looked for. */
export async function requireSite(db: Executor, id: string, kind?: SiteRow['kind']) {
  const site = await findSite(db, id);
  if (!site || (kind && site.kind !== kind)) throw notFound(kind ?? 'site');
  return site;
}

async function checkDepotRef(db: Executor, kind: SiteRow['kind'], depotId: string | null | undefined) {
  if (!depotId) return;
  if (kind === 'depot') throw unprocessable('depot_not_allowed', (m) => m.depotNotServed());
  const depot = await findSite(db, depotId);
  if (depot?.kind !== 'depot') throw unprocessable('not_a_depot', (m) => m.notADepot());
}

/**
 * A new site's coordinates: as given, or found for its address and municipality by the
 * geocoder at `geocoderUrl`. Called before the write's transaction, so a slow geocoder holds
 * no transaction open and a failure writes nothing: 422 `location_missing` without an address
 * or a geocoder, 422 `address_not_found` when the geocoder finds nothing, 503
 * `geocoder_unavailable` when it does not answer.
 */
export async function locateSite(body: { address: string; municipality: string; lat?: number | null; lon?: number | null }, geocoderUrl: string | undefined): Promise<LatLon> {
  if (body.lat != null && body.lon != null) return { lat: body.lat, lon: body.lon };
  if (!geocoderUrl || body.address === '') {
    throw unprocessable('location_missing', (m) => m.locationMissing(), { errors: [{ path: 'body.lat', message: (m: Messages) => m.locationMissing() }] });
  }
  const query = geocodeQuery(body.address, body.municipality);
  const found = await geocode(geocoderUrl, query);
  if (!found) {
    throw unprocessable('address_not_found', (m) => m.addressNotFound(query), { errors: [{ path: 'body.address', message: (m: Messages) => m.addressNotFoundField() }] });
  }
  return found;
}

export async function createSite(db: Executor, body: z.infer<typeof createSiteBody> & LatLon) {
  await checkDepotRef(db, body.kind, body.depotId);
  const row = await insertSite(db, body);
  return (await toSiteDtos(db, [row]))[0];
}

export async function patchSite(db: Executor, id: string, body: z.infer<typeof patchSiteBody>, now: Date) {
  const site = await requireSite(db, id);
  await checkDepotRef(db, site.kind, body.depotId);
  const row = await updateSite(db, id, body, now);
  return (await toSiteDtos(db, [row]))[0];
}

export async function addPickupSchedule(db: Executor, donorId: string, body: z.infer<typeof createPickupScheduleBody>) {
  await requireSite(db, donorId, 'donor');
  const { expectedKg, ...rest } = body;
  const row = await insertPickupSchedule(db, { ...rest, donorId, expectedG: kgToGrams(expectedKg) });
  return toPickupScheduleDto(row);
}

export async function addDistributionDay(db: Executor, pointId: string, body: z.infer<typeof createDistributionDayBody>) {
  await requireSite(db, pointId, 'point');
  // The point's row is locked so that two identical requests cannot both pass the check.
  await lockSite(db, pointId);
  const same = await findSameDistributionDay(db, pointId, body);
  if (same) {
    throw conflict('duplicate_distribution_day', (m) => m.duplicateDistributionDay(body.weekday, body.start, body.end), { distributionDayId: same.id });
  }
  const row = await insertDistributionDay(db, { ...body, pointId });
  return toDistributionDayDto(row);
}
