import { addDays, localTimeOnDate, weekdayOf, type LocalDate, type Weekday } from '../../../src/domain/dates.ts';
import { bearer, type TestContext } from '../../helpers/app.ts';
import { post } from '../../helpers/fixtures.ts';

/**
 * A month of a network built through the real API: 3 organisations, 5 food-bank points, 3
 * donors, one depot. Every day the donors bring food; on each distribution day the depot
 * packs exactly the bags the day's points reserve, they go out and are delivered, and each
 * point's lead records the day's households. Everything the API was told is kept in `log`,
 * so a test can sum it independently of the report code.
 */
export const MONTH = { from: '2026-11-01', to: '2026-11-30' } as const;

/** A small deterministic generator, so the month is the same on every run. */
function lcg(seed: number) {
  let s = seed;
  return (min: number, max: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return min + Math.floor((s / 2_147_483_648) * (max - min + 1)); // the high bits: an LCG's low bits cycle quickly
  };
}

export interface IntakeLog { donor: string; category: string; grams: number; day: LocalDate }
export interface DeliveryLog { point: string; organisation: string; bags: number; grams: number; day: LocalDate }
export interface DistributionLog { point: string; organisation: string; day: LocalDate; households: number; persons: number; children: number; seniors: number; bagsHandedOut: number }

const ORGS = ['Hope ry', 'Mäntyharjun seurakunta', 'ViaDia Mikkeli ry'] as const;
const POINTS: { name: string; org: number; weekdays: Weekday[]; municipality: string }[] = [
  { name: 'Anttola', org: 0, weekdays: ['tue'], municipality: 'Mikkeli' },
  { name: 'Laajatupa', org: 0, weekdays: ['thu'], municipality: 'Mikkeli' },
  { name: 'Mäntyharju', org: 1, weekdays: ['wed'], municipality: 'Mäntyharju' },
  { name: 'Pertunmaa', org: 1, weekdays: ['fri'], municipality: 'Pertunmaa' },
  { name: 'Ristiina', org: 2, weekdays: ['tue', 'fri'], municipality: 'Mikkeli' },
];
/** What each donor brings on a weekday: category, class, unit and the receipt temperature. */
const DONORS = [
  { name: 'Prisma Mikkeli', donorKind: 'shop', lines: [['dairy', 'chilled', 4], ['fruit_veg', 'ambient', null]] },
  { name: 'Leipomo Rouhiainen', donorKind: 'producer', lines: [['bread', 'ambient', null]] },
  { name: 'K-Citymarket Mikkeli', donorKind: 'shop', lines: [['dry_goods', 'ambient', null], ['frozen', 'frozen', -20]] },
] as const;

export interface RefusalLog { donor: string; category: string; reason: 'too_warm' | 'damaged'; grams: number; day: LocalDate }
export interface AttendanceLog { user: string; day: LocalDate; present: boolean; minutes: number }

export async function buildMonth(ctx: TestContext, clock: { set(d: Date): void }) {
  const rand = lcg(20_261_101);
  clock.set(localTimeOnDate(addDays(MONTH.from, -2), '06:00'));
  const coordinator = bearer((await ctx.userToken('coordinator')).token);
  const warehouse = bearer((await ctx.userToken('warehouse')).token);
  const create = (path: string, body: object, auth = coordinator) => post(ctx, auth, path, body);

  const orgs: { id: string; name: string }[] = [];
  for (const name of ORGS) orgs.push(await create('/organisations', { name, foodAidRegistration: { municipality: 'Mikkeli', registeredOn: '2020-01-15' } }));
  const depot = await create('/sites', { kind: 'depot', name: 'ViaDia varasto', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, organisationId: orgs[2].id });
  const units = {
    chilled: await create('/storage-units', { depotId: depot.id, name: 'Kylmiö', temperatureClass: 'chilled', capacityKg: 20_000 }),
    frozen: await create('/storage-units', { depotId: depot.id, name: 'Pakastin', temperatureClass: 'frozen', capacityKg: 20_000 }),
    ambient: await create('/storage-units', { depotId: depot.id, name: 'Kuivavarasto', temperatureClass: 'ambient', capacityKg: 50_000 }),
  };
  const donors: { id: string; name: string }[] = [];
  for (const d of DONORS) {
    donors.push(await create('/sites', { kind: 'donor', name: d.name, municipality: 'Mikkeli', lat: 61.69, lon: 27.28, depotId: depot.id, donorKind: d.donorKind }));
  }
  const points = [];
  for (const p of POINTS) {
    const site = await create('/sites', { kind: 'point', name: p.name, municipality: p.municipality, lat: 61.6, lon: 27.3, depotId: depot.id, organisationId: orgs[p.org].id });
    for (const weekday of p.weekdays) await create(`/sites/${site.id}/distribution-days`, { weekday, start: '12:00', end: '14:00' });
    const lead = bearer((await ctx.userToken('point_lead', { pointId: site.id })).token);
    points.push({ ...p, site, lead, organisation: orgs[p.org].id });
  }

  const attendance = await volunteerShifts(ctx, clock, coordinator, depot.id, rand);
  const log = { attendance, refusals: [] as RefusalLog[], intakes: [] as IntakeLog[], discardsG: 0, corrections: 0, bagsPacked: 0, deliveries: [] as DeliveryLog[], distributions: [] as DistributionLog[] };
  const intake = async (donor: number, at: Date, day: LocalDate) => {
    const lines = DONORS[donor].lines.map(([category, temperatureClass, celsius]) => {
      const grams = rand(20, 90) * 1000 + rand(0, 999);
      log.intakes.push({ donor: donors[donor].id, category, grams, day });
      return {
        category, kg: grams / 1000, temperatureClass, dateKind: category === 'dry_goods' ? 'none' : 'best_before',
        date: category === 'dry_goods' ? null : addDays(day, 20), storageUnitId: units[temperatureClass].id,
        ...(celsius === null ? {} : { receiptCelsius: celsius }),
      };
    });
    // Some of the shop's chilled food turned away at the door, recorded with the intake.
    const refusal = donor === 0 && rand(0, 3) === 0
      ? { donor: donors[0].id, category: 'dairy', reason: rand(0, 1) === 0 ? 'too_warm' as const : 'damaged' as const, grams: rand(500, 9000), day }
      : null;
    const refusals = refusal ? [{ category: refusal.category, kg: refusal.grams / 1000, reason: refusal.reason }] : [];
    const made = await create('/intakes', { donorId: donors[donor].id, receivedAt: at.toISOString(), lines, refusals }, warehouse);
    if (refusal) log.refusals.push(refusal);
    return made;
  };

  // Just outside the month on both sides: must not count.
  clock.set(localTimeOnDate(MONTH.from, '06:00'));
  await intake(0, localTimeOnDate(addDays(MONTH.from, -1), '23:30'), addDays(MONTH.from, -1));

  for (let day: LocalDate = MONTH.from; day <= MONTH.to; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (weekday !== 'sun') {
      clock.set(localTimeOnDate(day, '08:00'));
      for (let d = 0; d < DONORS.length; d++) {
        const made = await intake(d, localTimeOnDate(day, '08:00'), day);
        if (rand(0, 5) === 0) {
          const grams = rand(100, 2000);
          await create(`/lots/${made.lots[0].id}/discards`, { kg: grams / 1000, reason: 'spoiled' }, warehouse);
          log.discardsG += grams;
        }
      }
    }
    const today = points.filter((p) => p.weekdays.includes(weekday));
    if (today.length === 0) continue;
    const wanted = today.map(() => rand(5, 25));
    const bagG = 4000 + 500 * rand(0, 4);
    clock.set(localTimeOnDate(day, '09:00'));
    const run = await create('/packing-runs', { depotId: depot.id, bagType: 'food', bagCount: wanted.reduce((a, b) => a + b, 0), targetKg: bagG / 1000 }, warehouse);
    log.bagsPacked += run.bags.length;
    for (const [i, p] of today.entries()) {
      clock.set(localTimeOnDate(day, '09:30'));
      const r = await create('/reservations', { pointId: p.site.id, date: day, bagType: 'food', bags: wanted[i] });
      await post(ctx, coordinator, `/reservations/${r.id}/dispatch`, {}, 200);
      clock.set(localTimeOnDate(day, '11:45'));
      await create(`/reservations/${r.id}/deliveries`, { bagsDelivered: wanted[i] });
      log.deliveries.push({ point: p.site.id, organisation: p.organisation, bags: wanted[i], grams: wanted[i] * bagG, day });

      clock.set(localTimeOnDate(day, '15:00'));
      const households = rand(3, 40);
      const persons = households + rand(0, 60);
      const counts = { households, persons, children: rand(0, Math.floor(persons / 2)), seniors: rand(0, Math.floor(persons / 3)), bagsHandedOut: wanted[i] - rand(0, 2) };
      const first = await create(`/sites/${p.site.id}/distributions`, { date: day, ...counts, note: 'jono sujui hyvin' }, p.lead);
      if (rand(0, 6) === 0) {
        // The lead miscounted and corrects the day: only the correction counts.
        counts.households += 1;
        counts.persons += 2;
        await create(`/sites/${p.site.id}/distributions`, { date: day, ...counts, supersedes: first.id }, p.lead);
        log.corrections += 1;
      }
      log.distributions.push({ point: p.site.id, organisation: p.organisation, day, ...counts });
    }
  }
  clock.set(localTimeOnDate(addDays(MONTH.to, 1), '10:00'));
  await intake(1, localTimeOnDate(addDays(MONTH.to, 1), '00:30'), addDays(MONTH.to, 1));
  return { coordinator, orgs, depot, donors, points, log };
}

/**
 * Five volunteers and a morning warehouse shift at the depot every day but Sunday: two or
 * three sign up, most come (minutes vary), some do not. Two of them already worked a shift
 * on the last Friday of October, so they are not new in November; one only ever no-shows.
 */
async function volunteerShifts(ctx: TestContext, clock: { set(d: Date): void }, coordinator: Record<string, string>, depotId: string, rand: (a: number, b: number) => number) {
  const volunteers: string[] = [];
  for (let i = 0; i < 5; i++) volunteers.push((await ctx.userToken('warehouse')).id);
  const log: AttendanceLog[] = [];
  const shift = async (day: LocalDate, who: string[], presence: (user: string) => number | null) => {
    clock.set(localTimeOnDate(day, '06:00'));
    const [s] = (await post(ctx, coordinator, '/shifts', {
      siteId: depotId, kind: 'warehouse', start: localTimeOnDate(day, '08:00').toISOString(), end: localTimeOnDate(day, '12:00').toISOString(), needed: 4,
    })).items;
    for (const userId of who) await post(ctx, coordinator, `/shifts/${s.id}/signups`, { userId });
    clock.set(localTimeOnDate(day, '12:30'));
    for (const userId of who) {
      const minutes = presence(userId);
      await post(ctx, coordinator, `/shifts/${s.id}/attendance`, minutes === null ? { userId, present: false } : { userId, present: true, minutes });
      log.push({ user: userId, day, present: minutes !== null, minutes: minutes ?? 0 });
    }
  };
  await shift(addDays(MONTH.from, -2), volunteers.slice(0, 2), () => 240);
  for (let day: LocalDate = MONTH.from; day <= MONTH.to; day = addDays(day, 1)) {
    if (weekdayOf(day) === 'sun') continue;
    const first = rand(0, 3);
    const who = [volunteers[first], volunteers[(first + 1) % 4], ...(rand(0, 2) === 0 ? [volunteers[(first + 2) % 4]] : [])];
    if (day === '2026-11-14') who.push(volunteers[4]);
    await shift(day, who, (user) => (user === volunteers[4] || rand(0, 7) === 0 ? null : rand(60, 240)));
  }
  return log;
}
