/**
 * The message catalogue of notifications, Finnish first. Each message is a function of its
 * parameters giving a title (the email subject) and a body. The `Catalogue` type makes the
 * type checker fail when a message is missing in either language.
 */
import type { LocalDate } from '../domain/dates.ts';
import { count, fiClock, fiDate, fiDecimal } from './format.ts';
import { catalogues } from './messages.ts';

type ShiftKindName = 'warehouse' | 'packing' | 'driving' | 'point';

export interface MessageParams {
  route_published: { date: LocalDate; start: string; stops: number };
  route_changed: { date: LocalDate; start: string; stops: number };
  cutoff_reminder: { pointName: string; date: LocalDate; cutoff: string };
  alert_excursion: { unitName: string; celsius: number; detail: string };
  alert_missed_reading: { unitName: string; detail: string };
  alert_other: { unitName: string; detail: string };
  shift_tomorrow: { kind: ShiftKindName; siteName: string; date: LocalDate; start: string; end: string };
  shift_short: { kind: ShiftKindName; siteName: string; date: LocalDate; start: string; end: string; short: number };
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
  cutoff_reminder: (p) => ({
    title: `Varaa kassit: ${p.pointName} ${fiDate(p.date)}`,
    body: `Jakopisteellä ${p.pointName} ei ole varausta jakopäivälle ${fiDate(p.date)}. Varaukset sulkeutuvat tänään klo ${fiClock(p.cutoff)}.`,
  }),
  alert_excursion: (p) => ({ title: `Lämpöpoikkeama: ${p.unitName}`, body: `${p.unitName}: mitattu ${fiDecimal(p.celsius)} °C, yli rajan. Erät on pidätetty tarkastusta varten.` }),
  alert_missed_reading: (p) => ({ title: `Lämpötilakirjaus puuttuu: ${p.unitName}`, body: `${p.unitName}: lämpötilaa ei ole kirjattu ajallaan. Mittaa ja kirjaa lämpötila.` }),
  alert_other: (p) => ({ title: `Hälytys: ${p.unitName}`, body: p.detail }),
  shift_tomorrow: (p) => ({ title: `${fiKind[p.kind]} huomenna`, body: `${fiKind[p.kind]} huomenna ${fiDate(p.date)} ${fiHours(p.start, p.end)}, ${p.siteName}.` }),
  shift_short: (p) => ({
    title: `${fiKind[p.kind]} tarvitsee tekijöitä`,
    body: `${fiKind[p.kind]} ${fiDate(p.date)} ${fiHours(p.start, p.end)}, ${p.siteName}: vielä ${count('fi', p.short, 'tekijä', 'tekijää')} puuttuu. Ilmoittaudu sovelluksessa.`,
  }),
};

export const en: Catalogue = {
  route_published: (p) => ({ title: `Your route on ${p.date}`, body: `Your route on ${p.date} is published: departure at ${p.start}, ${count('en', p.stops, 'stop', 'stops')}.` }),
  route_changed: (p) => ({ title: `Your route on ${p.date} changed`, body: `Your route on ${p.date} has changed: departure at ${p.start}, ${count('en', p.stops, 'stop', 'stops')}. See the new route list.` }),
  cutoff_reminder: (p) => ({
    title: `Reserve bags: ${p.pointName} ${p.date}`,
    body: `${p.pointName} has no reservation for the distribution day ${p.date}. Reservations close today at ${p.cutoff}.`,
  }),
  alert_excursion: (p) => ({ title: `Temperature excursion: ${p.unitName}`, body: `${p.unitName}: ${p.celsius} °C measured, above the limit. Its lots are held for review.` }),
  alert_missed_reading: (p) => ({ title: `Temperature reading missing: ${p.unitName}`, body: `${p.unitName}: no temperature was recorded in time. Measure and record it.` }),
  alert_other: (p) => ({ title: `Alert: ${p.unitName}`, body: p.detail }),
  shift_tomorrow: (p) => ({ title: `${enKind[p.kind]} tomorrow`, body: `${enKind[p.kind]} tomorrow, ${p.date}, ${p.start}–${p.end}, ${p.siteName}.` }),
  shift_short: (p) => ({
    title: `${enKind[p.kind]} needs people`,
    body: `${enKind[p.kind]} on ${p.date}, ${p.start}–${p.end}, ${p.siteName}: ${p.short} more ${p.short === 1 ? 'person' : 'people'} needed. Sign up in the app.`,
  }),
};

const CATALOGUES: Record<Locale, Catalogue> = { fi, en };

/** A message in the user's language. */
export function renderMessage<K extends MessageKind>(locale: Locale, kind: K, params: MessageParams[K]): Rendered {
  return (CATALOGUES[locale][kind] as (p: MessageParams[K]) => Rendered)(params);
}
