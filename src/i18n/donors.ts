/**
 * What a donor is told about its offer, in Finnish (English when asked): the pickup promise with
 * its day and window ("Noudamme ti 9.12. klo 11–12"), or that it is declined. Also the
 * coordinators' message of a new offer. Pure functions.
 */
import { TIME_ZONE } from '../domain/dates.ts';
import type { OfferDeclineReason } from '../domain/donors.ts';
import type { TemperatureClass } from '../domain/categories.ts';
import type { InsertionRefusal } from '../domain/routing/index.ts';
import { fiDecimal } from './format.ts';
import type { Lang } from './messages.ts';

const parts = (lang: Lang) => new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : 'en-GB', {
  weekday: 'short', day: 'numeric', month: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE,
});

function pieces(lang: Lang, at: Date) {
  const p = Object.fromEntries(parts(lang).formatToParts(at).map((x) => [x.type, x.value]));
  return { weekday: p.weekday, day: Number(p.day), month: Number(p.month), hour: Number(p.hour), minute: Number(p.minute) };
}

/** A wall time in a sentence: whole hours without minutes ("11"), else "11.30" (Finnish) or "11:30". */
const clock = (lang: Lang, h: number, m: number) => (m === 0 ? String(h) : `${h}${lang === 'fi' ? '.' : ':'}${String(m).padStart(2, '0')}`);

/**
 * A pickup's day and window as a person says it.
 *
 * @example pickupWhen('fi', new Date('2026-12-08T09:00:00Z'), new Date('2026-12-08T10:00:00Z')) // 'ti 8.12. klo 11–12'
 */
export function pickupWhen(lang: Lang, start: Date, end: Date): string {
  const a = pieces(lang, start);
  const b = pieces(lang, end);
  const span = `${clock(lang, a.hour, a.minute)}–${clock(lang, b.hour, b.minute)}`;
  return lang === 'fi' ? `${a.weekday} ${a.day}.${a.month}. klo ${span}` : `${a.weekday} ${a.day}/${a.month} at ${span}`;
}

const fiReason: Record<OfferDeclineReason, string> = {
  no_vehicle: 'meillä ei ole autoa vapaana', no_storage: 'varastossamme ei ole tilaa', not_suitable: 'tuotteet eivät sovi ruoka-apuun',
  too_far: 'matka on meille liian pitkä', too_late: 'emme ehdi noutaa ajoissa', other: 'emme pysty ottamaan sitä vastaan',
};
const enReason: Record<OfferDeclineReason, string> = {
  no_vehicle: 'we have no vehicle free', no_storage: 'we have no room in storage', not_suitable: 'the food does not suit food aid',
  too_far: 'it is too far for us', too_late: 'we cannot get there in time', other: 'we cannot take it',
};

/** What the donor is told when its offer is accepted. */
export const offerAcceptedText = (lang: Lang, start: Date, end: Date) =>
  (lang === 'fi' ? `Kiitos! Noudamme ${pickupWhen(lang, start, end)}.` : `Thank you! We will pick it up ${pickupWhen(lang, start, end)}.`);

/** What the donor is told when its offer is declined. */
export const offerDeclinedText = (lang: Lang, kg: number, reason: OfferDeclineReason) => (lang === 'fi'
  ? `Kiitos tarjouksesta (${fiDecimal(kg)} kg). Emme valitettavasti voi noutaa sitä: ${fiReason[reason]}.`
  : `Thank you for your offer (${kg} kg). Unfortunately we cannot pick it up: ${enReason[reason]}.`);

const fiClass: Record<TemperatureClass, string> = { ambient: 'huoneenlämpöistä', chilled: 'kylmää', frozen: 'pakasteita' };
const enClass: Record<TemperatureClass, string> = { ambient: 'ambient', chilled: 'chilled', frozen: 'frozen' };

/** The coordinators' message of a new offer. */
export const offerReceivedText = (lang: Lang, p: { donorName: string; kg: number; temperatureClass: TemperatureClass; readyFrom: Date; readyUntil: Date }) => (lang === 'fi'
  ? { title: `Uusi tarjous: ${p.donorName}`, body: `${p.donorName} tarjoaa ${fiDecimal(p.kg)} kg ${fiClass[p.temperatureClass]}, noudettavissa ${pickupWhen('fi', p.readyFrom, p.readyUntil)}. Katso Tarjoukset.` }
  : { title: `New offer: ${p.donorName}`, body: `${p.donorName} offers ${p.kg} kg ${enClass[p.temperatureClass]}, ready ${pickupWhen('en', p.readyFrom, p.readyUntil)}. See Offers.` });

/** Why no route of the day could take a new stop, for the coordinator. */
const fiRefusal: Record<InsertionRefusal, string> = {
  capacity: 'kuorma ei mahdu yhteenkään autoon (kg tai kassit)',
  refrigeration: 'kylmä ruoka olisi kylmäkuljetuksen ulkopuolella liian kauan, eikä kylmäautoa saada sinne',
  time_window: 'mikään reitti ei ehdi noutoikkunaan',
  shift_end: 'reitit venyisivät yli kuljettajien työvuoron',
  left_depot: 'autot ovat jo lähteneet varastolta',
  route_infeasible: 'reitit ovat jo myöhässä suunnitelmasta',
  no_route: 'tälle päivälle ei ole reittejä',
};
const enRefusal: Record<InsertionRefusal, string> = {
  capacity: 'the load fits in no vehicle (kg or bags)',
  refrigeration: 'chilled or frozen food would ride too long unrefrigerated, and no refrigerated van can get there',
  time_window: 'no route can reach the pickup window',
  shift_end: 'the routes would run past the drivers\' shifts',
  left_depot: 'the vans have already left the depot',
  route_infeasible: 'the routes are already behind the plan',
  no_route: 'there are no routes today',
};

/** Why no route of the day could take a new stop, in a sentence's middle. */
export const refusalText = (lang: Lang, reason: InsertionRefusal) => (lang === 'fi' ? fiRefusal : enRefusal)[reason];
