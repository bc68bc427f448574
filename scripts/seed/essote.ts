import { readFileSync } from 'node:fs';
import { and, eq, inArray, notLike } from 'drizzle-orm';
import type { Database, Executor } from '../../src/db/client.ts';
import { underStartupLock } from '../../src/db/migrate.ts';
import { distributionDays, pickupSchedules, sites, storageUnits, users, vehicles } from '../../src/db/schema/index.ts';
import { createUser } from '../../src/modules/users/users.service.ts';

/**
 * A row's name, and the names an earlier version of the seed gave it (English ones): a database
 * seeded then gets the row renamed on the next run instead of a second row beside it.
 */
interface Named { name: string; formerNames?: string[] }
/** Where a site is and whom to call there. */
interface Place extends Named { municipality: string; address: string; contactName: string; phone: string; lat: number; lon: number }

interface Network {
  depots: (Place & { key: string; open: string })[];
  storageUnits: (Named & { depot: string; temperatureClass: 'chilled' | 'frozen' | 'ambient'; capacityKg: number })[];
  foodBankPoints: (Place & { key: string; distribution: { weekday: string; start: string; end: string }[] })[];
  /** `key` keeps a donor's external key when its name changed (the key is otherwise the name's slug). */
  donors: (Place & { key?: string; kind: 'shop' | 'producer'; pickup: { weekdays: string[]; window: string; expectedKg: number; season?: string } })[];
  vehicles: (Named & { depot: string; refrigerated: boolean; capacityKg: number; capacityBags: number; shift: string })[];
}

export const ESSOTE: Network = JSON.parse(readFileSync(new URL('../data/essote-network.json', import.meta.url), 'utf8'));

export const DEMO_PASSWORD = 'kassi-demo-2026';

const place = ({ name, municipality, address, contactName, phone, lat, lon }: Place) => ({ name, municipality, address, contactName, phone, lat, lon });

/** Every name a row of the seed may have in the database, the current one first. */
const namesOf = (x: Named) => [x.name, ...(x.formerNames ?? [])];

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Loads the Essote network and one demo user per role. Every row is keyed (sites by
 * external key, the rest by depot/site and name), so running it again changes nothing.
 */
export async function seedEssote(db: Executor) {
  const created: string[] = [];
  const siteId = async (externalKey: string, values: Omit<typeof sites.$inferInsert, 'externalKey'>, formerNames: string[] = [], after?: (id: string) => Promise<void>) => {
    const [existing] = await db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.externalKey, externalKey));
    if (existing) {
      if (formerNames.includes(existing.name)) {
        await db.update(sites).set({ name: values.name }).where(eq(sites.id, existing.id));
        created.push(`renamed site ${existing.name} → ${values.name}`);
      }
      return existing.id;
    }
    const [row] = await db.insert(sites).values({ ...values, externalKey }).returning({ id: sites.id });
    created.push(`site ${values.name}`);
    await after?.(row.id);
    return row.id;
  };

  const depotIds = new Map<string, string>();
  for (const d of ESSOTE.depots) {
    const [opensAt, closesAt] = d.open.split('-');
    depotIds.set(d.key, await siteId(`depot:${d.key}`, { kind: 'depot', ...place(d), opensAt, closesAt, serviceMinutes: 15 }, d.formerNames));
  }
  const mainDepot = depotIds.get(ESSOTE.depots[0].key)!;

  for (const u of ESSOTE.storageUnits) {
    const depotId = depotIds.get(u.depot)!;
    const found = await db.select({ id: storageUnits.id, name: storageUnits.name }).from(storageUnits)
      .where(and(eq(storageUnits.depotId, depotId), inArray(storageUnits.name, namesOf(u))));
    const existing = found.find((x) => x.name === u.name) ?? found[0];
    if (!existing) {
      await db.insert(storageUnits).values({ depotId, name: u.name, temperatureClass: u.temperatureClass, capacityG: u.capacityKg * 1000 });
      created.push(`unit ${u.name}`);
    } else if (existing.name !== u.name) {
      await db.update(storageUnits).set({ name: u.name }).where(eq(storageUnits.id, existing.id));
      created.push(`renamed unit ${existing.name} → ${u.name}`);
    }
  }

  const pointIds = new Map<string, string>();
  for (const p of ESSOTE.foodBankPoints) {
    pointIds.set(p.key, await siteId(`point:${p.key}`, { kind: 'point', ...place(p), depotId: mainDepot, serviceMinutes: 10 }, p.formerNames, async (id) => {
      for (const day of p.distribution) await db.insert(distributionDays).values({ pointId: id, ...day });
    }));
  }

  for (const d of ESSOTE.donors) {
    await siteId(`donor:${d.key ?? slug(d.name)}`, { kind: 'donor', ...place(d), depotId: mainDepot, donorKind: d.kind, serviceMinutes: 10 }, d.formerNames, async (id) => {
      const [windowStart, windowEnd] = d.pickup.window.split('-');
      const [seasonStart, seasonEnd] = d.pickup.season?.split('/') ?? [null, null];
      await db.insert(pickupSchedules).values({
        donorId: id, weekdays: d.pickup.weekdays, windowStart, windowEnd, expectedG: d.pickup.expectedKg * 1000,
        requiresRefrigeration: d.kind === 'shop', seasonStart, seasonEnd,
      });
    });
  }

  for (const v of ESSOTE.vehicles) {
    const depotId = depotIds.get(v.depot)!;
    const found = await db.select({ id: vehicles.id, name: vehicles.name }).from(vehicles).where(and(eq(vehicles.depotId, depotId), inArray(vehicles.name, namesOf(v))));
    const existing = found.find((x) => x.name === v.name) ?? found[0];
    if (!existing) {
      const [shiftStart, shiftEnd] = v.shift.split('-');
      await db.insert(vehicles).values({ depotId, name: v.name, refrigerated: v.refrigerated, capacityG: v.capacityKg * 1000, capacityBags: v.capacityBags, shiftStart, shiftEnd });
      created.push(`vehicle ${v.name}`);
    } else if (existing.name !== v.name) {
      await db.update(vehicles).set({ name: v.name }).where(eq(vehicles.id, existing.id));
      created.push(`renamed vehicle ${existing.name} → ${v.name}`);
    }
  }

  const demoUsers = [
    { email: 'coordinator@kassi.demo', name: 'Demo-koordinaattori', formerName: 'Demo coordinator', role: 'coordinator' as const },
    { email: 'warehouse@kassi.demo', name: 'Demo-varastovapaaehtoinen', formerName: 'Demo warehouse volunteer', role: 'warehouse' as const },
    { email: 'mantyharju@kassi.demo', name: 'Demo-jakopistevastaava, Mäntyharju', formerName: 'Demo point lead, Mäntyharju', role: 'point_lead' as const, pointId: pointIds.get('mantyharju') },
    { email: 'driver@kassi.demo', name: 'Demo-kuljettaja', formerName: 'Demo driver', role: 'driver' as const },
  ];
  for (const { formerName, ...u } of demoUsers) {
    const [existing] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, u.email));
    if (!existing) {
      await createUser(db, { ...u, password: DEMO_PASSWORD });
      created.push(`user ${u.email}`);
    } else if (existing.name === formerName) {
      await db.update(users).set({ name: u.name }).where(eq(users.id, existing.id));
      created.push(`renamed user ${u.email}`);
    }
  }
  return { created, users: demoUsers.map((u) => ({ email: u.email, role: u.role, password: DEMO_PASSWORD })) };
}

/** The demo users' domain: a database with users of any other is a real network's. */
const DEMO_DOMAIN = '@kassi.demo';

/** Why `seed:demo` would not run here (its users' password is public), or null when it may. */
export async function whyNotDemo(db: Executor, nodeEnv: string): Promise<string | null> {
  if (nodeEnv === 'production') return 'seed:demo refuses to run with NODE_ENV=production: its demo users have a public password. Use --force if this really is a demo.';
  const [real] = await db.select({ email: users.email }).from(users).where(notLike(users.email, `%${DEMO_DOMAIN}`)).limit(1);
  return real ? 'seed:demo refuses: this database has users who are not demo users, and the demo users\' password is public. Seed an empty database, or use --force if you mean it.' : null;
}

export class SeedRefusedError extends Error {}

/**
 * `npm run seed:demo`'s work, in one transaction: run by the script, or by the server holding
 * DATA_DIR. Under the start-up lock, so two seeds at once on PostgreSQL run one after the other.
 * Refuses a real network's database and production unless `force`d (see {@link whyNotDemo}).
 */
export const seedDemo = (database: Database, opts: { nodeEnv: string; force?: boolean }) => underStartupLock(database, async (tx) => {
  const refusal = opts.force ? null : await whyNotDemo(tx, opts.nodeEnv);
  if (refusal) throw new SeedRefusedError(refusal);
  return seedEssote(tx);
});
