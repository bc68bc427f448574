/**
 * The message catalogue of notifications, Finnish first. Each message is a function of its
 * parameters giving a title (the email subject) and a body. The `Catalogue` type makes the
 * type checker fail when a message is missing in either language.
 */
import type { LocalDate } from '../domain/dates.ts';
import type { InsertionRefusal } from '../domain/routing/index.ts';
import { count, fiClock, fiDate, fiDecimal } from './format.ts';
import { catalogues } from './messages.ts';
import type { TemperatureClass } from '../domain/categories.ts';
import { offerReceivedText, refusalText } from './donors.ts';

type ShiftKindName = 'warehouse' | 'packing' | 'driving' | 'point';

export interface MessageParams {
  route_published: { date: LocalDate; start: string; stops: number };
  route_changed: { date: LocalDate; start: string; stops: number };
  /** A same-day change put a stop on the driver's route; `at`: the new ETA, `HH:mm`. */
  route_stop_added: { kind: 'pickup' | 'delivery'; siteName: string; at: string };
  /** A same-day change took a stop off the driver's route (the donor has nothing today). */
  /** `date`: the route's day, said only when it is not today (a skip the evening before). */
  route_stop_removed: { kind: 'pickup' | 'delivery'; siteName: string; date?: LocalDate };
  /** To the coordinators: no route of today could take an accepted offer, and why. */
  same_day_not_routed: { siteName: string; date: LocalDate; kg: number; reason: InsertionRefusal };
  /** To the coordinators: a donor offers food beyond its schedule (instants as ISO strings). */
  offer_received: { donorName: string; kg: number; temperatureClass: TemperatureClass; readyFrom: string; readyUntil: string };
  cutoff_reminder: { pointName: string; date: LocalDate; cutoff: string };
  alert_excursion: { unitName: string; celsius: number; detail: string };
  alert_missed_reading: { unitName: string; detail: string };
  alert_other: { unitName: string; detail: string };
  shift_tomorrow: { kind: ShiftKindName; siteName: string; date: LocalDate; start: string; end: string };
  shift_short: { kind: ShiftKindName; siteName: string; date: LocalDate; start: string; end: string; short: number };
  recall_delivered: { pointName: string; what: string; bags: number; reason: string };
  recall_reservation: { pointName: string; date: LocalDate; bags: number; reason: string };
  /** To the coordinators: the nightly backup failed, and why (the error as the system gave it). */
  backup_failed: { error: string };
}

export type MessageKind = keyof MessageParams;
export type Locale = 'fi' | 'en';
export type Rendered = { title: string; body: string };
type Catalogue = { [K in MessageKind]: (p: MessageParams[K]) => Rendered };

const fiKind: Record<ShiftKindName, string> = catalogues.fi.terms.shiftKind;
/** "klo 8.00–12.00": a shift's times the Finnish way. */
const fiHours = (start: string, end: string) => `klo ${fiClock(start)}–${fiClock(end)}`;
const fiStops = (n: number) => count('fi', n, 'pysähdys', 'pysähdystä');
const enKind: Record<ShiftKindName, string> = { warehouse: 'Warehouse shift', packing: 'Packing shift', driving: 'Driving shift', point: 'Food-bank point shift' };

export const fi: Catalogue = {
  route_published: (p) => ({ title: `Reittisi ${fiDate(p.date)}`, body: `Reittisi ${fiDate(p.date)} on julkaistu: lähtö klo ${fiClock(p.start)}, ${fiStops(p.stops)}.` }),
  route_changed: (p) => ({
    title: `Reittisi ${fiDate(p.date)} muuttui`, body: `Reittisi ${fiDate(p.date)} on muuttunut: lähtö klo ${fiClock(p.start)}, ${fiStops(p.stops)}. Katso uusi reittilista.`,
  }),
  route_stop_added: (p) => ({
    title: p.kind === 'pickup' ? 'Reitille lisätty nouto' : 'Reitille lisätty toimitus',
    body: `Reitille lisätty ${p.kind === 'pickup' ? 'nouto' : 'toimitus'}: ${p.siteName}, noin klo ${fiClock(p.at)}.`,
  }),
  route_stop_removed: (p) => ({
    title: p.kind === 'pickup' ? 'Reitiltä poistettu nouto' : 'Reitiltä poistettu toimitus',
    body: `Reitiltä poistettu ${p.kind === 'pickup' ? 'nouto' : 'toimitus'}: ${p.siteName}. Sinne ei tarvitse ajaa ${p.date ? fiDate(p.date) : 'tänään'}.`,
  }),
  same_day_not_routed: (p) => ({
    title: `Tarjous ei mahdu tämän päivän reiteille: ${p.siteName}`,
    body: `${p.siteName}, ${fiDecimal(p.kg)} kg ${fiDate(p.date)}: ${refusalText('fi', p.reason)}. Voit ottaa sen huomiselle.`,
  }),
  offer_received: (p) => offerReceivedText('fi', { ...p, readyFrom: new Date(p.readyFrom), readyUntil: new Date(p.readyUntil) }),
  cutoff_reminder: (p) => ({
    title: `Varaa kassit: ${p.pointName} ${fiDate(p.date)}`,
    body: `Jakopisteellä ${p.pointName} ei ole varausta jakopäivälle ${fiDate(p.date)}. Varaukset sulkeutuvat tänään klo ${fiClock(p.cutoff)}.`,
  }),
  alert_excursion: (p) => ({
    title: `Lämpötilapoikkeama: ${p.unitName}`,
    body: `${p.unitName}: mitattu ${fiDecimal(p.celsius)} °C, yli rajan. Katso Hälytyksistä, pidätettiinkö ruokaa, ja kuittaa poikkeama korjaavalla toimenpiteellä.`,
  }),
  alert_missed_reading: (p) => ({ title: `Lämpötilakirjaus puuttuu: ${p.unitName}`, body: `${p.unitName}: lämpötilaa ei ole kirjattu ajallaan. Mittaa ja kirjaa lämpötila.` }),
  alert_other: (p) => ({ title: `Hälytys: ${p.unitName}`, body: p.detail }),
  shift_tomorrow: (p) => ({ title: `${fiKind[p.kind]} huomenna`, body: `${fiKind[p.kind]} huomenna ${fiDate(p.date)} ${fiHours(p.start, p.end)}, ${p.siteName}.` }),
  shift_short: (p) => ({
    title: `${fiKind[p.kind]} tarvitsee tekijöitä`,
    body: `${fiKind[p.kind]} ${fiDate(p.date)} ${fiHours(p.start, p.end)}, ${p.siteName}: vielä ${count('fi', p.short, 'tekijä', 'tekijää')} puuttuu. Ilmoittaudu sovelluksessa.`,
  }),
  recall_delivered: (p) => ({
    title: `Takaisinveto: ${p.what}`,
    body: `${p.pointName} sai ${count('fi', p.bags, 'kassin', 'kassia')}, joissa on takaisinvedettyä ruokaa (${p.what}). Syy: ${p.reason}. Älä jaa niitä; kerää jakamatta jääneet talteen ja kuittaa sovelluksessa, mitä teitte.`,
  }),
  recall_reservation: (p) => ({
    title: `Varauksesta poistui ${count('fi', p.bags, 'kassi', 'kassia')}`,
    body: `${p.pointName}: jakopäivän ${fiDate(p.date)} varauksesta poistettiin ${count('fi', p.bags, 'kassi', 'kassia')} takaisinvedon vuoksi (${p.reason}). Voit varata tilalle muita kasseja.`,
  }),  backup_failed: (p) => ({
    title: 'Varmuuskopio epäonnistui',
    body: `Yön varmuuskopiota ei saatu otettua: ${p.error}. Tarkista varmuuskopiokansio (BACKUP_DIR) ja levytila; viimeisin onnistunut varmuuskopio näkyy osoitteessa /backups/latest.`,
  }),
};

export const en: Catalogue = {
  route_published: (p) => ({ title: `Your route on ${p.date}`, body: `Your route on ${p.date} is published: departure at ${p.start}, ${count('en', p.stops, 'stop', 'stops')}.` }),
  route_changed: (p) => ({ title: `Your route on ${p.date} changed`, body: `Your route on ${p.date} has changed: departure at ${p.start}, ${count('en', p.stops, 'stop', 'stops')}. See the new route list.` }),
  route_stop_added: (p) => ({
    title: p.kind === 'pickup' ? 'Pickup added to your route' : 'Delivery added to your route',
    body: `${p.kind === 'pickup' ? 'Pickup' : 'Delivery'} added to your route: ${p.siteName}, at about ${p.at}.`,
  }),
  route_stop_removed: (p) => ({
    title: p.kind === 'pickup' ? 'Pickup removed from your route' : 'Delivery removed from your route',
    body: `${p.kind === 'pickup' ? 'Pickup' : 'Delivery'} removed from your route: ${p.siteName}. No need to drive there ${p.date ? `on ${p.date}` : 'today'}.`,
  }),
  same_day_not_routed: (p) => ({
    title: `Offer does not fit today's routes: ${p.siteName}`,
    body: `${p.siteName}, ${p.kg} kg on ${p.date}: ${refusalText('en', p.reason)}. You may take it for tomorrow.`,
  }),
  offer_received: (p) => offerReceivedText('en', { ...p, readyFrom: new Date(p.readyFrom), readyUntil: new Date(p.readyUntil) }),
  cutoff_reminder: (p) => ({
    title: `Reserve bags: ${p.pointName} ${p.date}`,
    body: `${p.pointName} has no reservation for the distribution day ${p.date}. Reservations close today at ${p.cutoff}.`,
  }),
  alert_excursion: (p) => ({
    title: `Temperature excursion: ${p.unitName}`,
    body: `${p.unitName}: ${p.celsius} °C measured, above the limit. See under Alerts whether any food was held, and close the excursion with its corrective action.`,
  }),
  alert_missed_reading: (p) => ({ title: `Temperature reading missing: ${p.unitName}`, body: `${p.unitName}: no temperature was recorded in time. Measure and record it.` }),
  alert_other: (p) => ({ title: `Alert: ${p.unitName}`, body: p.detail }),
  shift_tomorrow: (p) => ({ title: `${enKind[p.kind]} tomorrow`, body: `${enKind[p.kind]} tomorrow, ${p.date}, ${p.start}–${p.end}, ${p.siteName}.` }),
  shift_short: (p) => ({
    title: `${enKind[p.kind]} needs people`,
    body: `${enKind[p.kind]} on ${p.date}, ${p.start}–${p.end}, ${p.siteName}: ${p.short} more ${p.short === 1 ? 'person' : 'people'} needed. Sign up in the app.`,
  }),
  recall_delivered: (p) => ({
    title: `Recall: ${p.what}`,
    body: `${p.pointName} received ${count('en', p.bags, 'bag', 'bags')} holding recalled food (${p.what}). Reason: ${p.reason}. Do not hand them out; keep those not handed out aside and record in the app what you did.`,
  }),
  recall_reservation: (p) => ({
    title: `${count('en', p.bags, 'bag', 'bags')} taken off your reservation`,
    body: `${p.pointName}: ${count('en', p.bags, 'bag', 'bags')} of the reservation for ${p.date} were taken off for a recall (${p.reason}). You may reserve others instead.`,
  }),  backup_failed: (p) => ({
    title: 'Backup failed',
    body: `Last night's backup could not be taken: ${p.error}. Check the backup folder (BACKUP_DIR) and the free disk space; the last backup that succeeded is shown at /backups/latest.`,
  }),
};

const CATALOGUES: Record<Locale, Catalogue> = { fi, en };

/** A message in the user's language. */
export function renderMessage<K extends MessageKind>(locale: Locale, kind: K, params: MessageParams[K]): Rendered {
  return (CATALOGUES[locale][kind] as (p: MessageParams[K]) => Rendered)(params);
}
