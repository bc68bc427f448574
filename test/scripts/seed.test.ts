import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { SeedRefusedError, seedDemo, seedEssote } from '../../scripts/seed/essote.ts';
import { openDatabase } from '../../src/db/client.ts';
import { sites as siteRows, storageUnits, users, vehicles } from '../../src/db/schema/index.ts';
import { phoneNumber } from '../../src/http/schemas.ts';
import { createTestDatabase, dropTestDatabase, startTestApp, type TestContext } from '../helpers/app.ts';

describe('seed:demo', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded' });
  });
  afterAll(() => ctx?.close());

  const counts = async () => {
    const [row] = await ctx.deps.database.rows<Record<string, number>>(ctx.deps.database.db, sql`select
      (select count(*)::int from sites) as sites, (select count(*)::int from storage_units) as units,
      (select count(*)::int from vehicles) as vehicles, (select count(*)::int from users) as users,
      (select count(*)::int from pickup_schedules) as schedules, (select count(*)::int from distribution_days) as days`);
    return row;
  };

  it('loads the Essote network and a demo user per role, and a second run changes nothing', async () => {
    const first = await ctx.deps.database.db.transaction((tx) => seedEssote(tx));
    expect(first.users.map((u) => u.role).sort()).toEqual(['coordinator', 'driver', 'point_lead', 'warehouse']);
    const after = await counts();
    expect(after).toEqual({ sites: 1 + 8 + 13, units: 4, vehicles: 2, users: 4, schedules: 13, days: 11 });
    const second = await ctx.deps.database.db.transaction((tx) => seedEssote(tx));
    expect(second.created).toEqual([]);
    expect(await counts()).toEqual(after);
    const login = await ctx.http().post('/auth/login').send({ email: 'mantyharju@kassi.demo', password: first.users[0].password });
    expect(login.status).toBe(200);
    expect(login.body.user.pointId).toEqual(expect.any(String));

    const coordinator = await ctx.http().post('/auth/login').send({ email: 'coordinator@kassi.demo', password: first.users[0].password });
    const sites = await ctx.http().get('/sites').set('authorization', `Bearer ${coordinator.body.token}`);
    expect(sites.body.items).toHaveLength(22);
    for (const site of sites.body.items) {
      expect(site.address, site.name).toMatch(/^\S.* \d+[A-Z]?, \d{5} \S+/);
      expect(phoneNumber.safeParse(site.phone).success, `${site.name}: ${site.phone}`).toBe(true);
      expect(site.contactName, site.name).toMatch(/^\S+ \S+/);
    }
  });

  it('names the network in Finnish, and renames what an earlier seed named in English instead of adding a second one', async () => {
    const db = ctx.deps.database.db;
    const names = async () => ({
      sites: (await db.select({ name: siteRows.name }).from(siteRows)).map((r) => r.name),
      units: (await db.select({ name: storageUnits.name }).from(storageUnits)).map((r) => r.name),
      vehicles: (await db.select({ name: vehicles.name }).from(vehicles)).map((r) => r.name),
      users: (await db.select({ name: users.name }).from(users)).map((r) => r.name),
    });
    const english = /food bank|food aid|family aid|warehouse|Bakery|farm|Cold room|Freezer|Dry store|Van \d|refrigerated|centre|Demo (coordinator|driver|point|warehouse)/;
    await db.transaction((tx) => seedEssote(tx));
    const before = await names();
    expect(before.sites).toEqual(expect.arrayContaining(['Mäntyharjun jakopiste', 'Mikkelin leipomo (eilistä leipää)', 'ViaDian Mikkelin varasto (Moisio)']));
    expect(before.units.sort()).toEqual(['Kuivavarasto', 'Kylmiö 1', 'Kylmiö 2', 'Pakastin A']);
    expect(before.vehicles.sort()).toEqual(['Pakettiauto 1 (kylmä)', 'Pakettiauto 2']);
    for (const name of Object.values(before).flat()) expect(name).not.toMatch(english);

    // A database an earlier seed filled with the English names.
    await db.update(siteRows).set({ name: 'Bakery Mikkeli (day-old bread)' }).where(eq(siteRows.name, 'Mikkelin leipomo (eilistä leipää)'));
    await db.update(siteRows).set({ name: 'Mäntyharju food bank' }).where(eq(siteRows.name, 'Mäntyharjun jakopiste'));
    await db.update(storageUnits).set({ name: 'Cold room 1' }).where(eq(storageUnits.name, 'Kylmiö 1'));
    await db.update(vehicles).set({ name: 'Van 1 (refrigerated)' }).where(eq(vehicles.name, 'Pakettiauto 1 (kylmä)'));
    await db.update(users).set({ name: 'Demo driver' }).where(eq(users.email, 'driver@kassi.demo'));
    const again = await db.transaction((tx) => seedEssote(tx));
    expect(again.created.filter((c) => !c.startsWith('renamed'))).toEqual([]);
    const after = await names();
    expect(after.sites.sort()).toEqual(before.sites.sort());
    expect(after.units.sort()).toEqual(before.units.sort());
    expect(after.vehicles.sort()).toEqual(before.vehicles.sort());
    expect(after.users.sort()).toEqual(before.users.sort());
  });

  it('run twice at the same moment on PostgreSQL, loads the network once and both runs succeed', async () => {
    const { name, url } = await createTestDatabase();
    const [a, b] = await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 })));
    try {
      const runs = await Promise.all([seedDemo(a, { nodeEnv: 'development' }), seedDemo(b, { nodeEnv: 'development' })]);
      expect(runs.map((r) => r.created.length).sort((x, y) => x - y)).toEqual([0, 32]);
      const [row] = await a.rows<Record<string, number>>(a.db, sql`select (select count(*)::int from sites) as sites,
        (select count(*)::int from storage_units) as units, (select count(*)::int from vehicles) as vehicles, (select count(*)::int from users) as users`);
      expect(row).toEqual({ sites: 22, units: 4, vehicles: 2, users: 4 });
    } finally {
      await a.close();
      await b.close();
      await dropTestDatabase(name);
    }
  });

  it('refuses a database with users who are not demo users, and production, unless forced; writing nothing', async () => {
    const { name, url } = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
    try {
      const people = async () => (await db.rows<{ n: number }>(db.db, sql`select count(*)::int as n from users`))[0].n;
      await expect(seedDemo(db, { nodeEnv: 'production' })).rejects.toThrow(/NODE_ENV=production/);
      await db.db.insert(users).values({ email: 'aino@ruoka-apu.example', name: 'Aino', role: 'coordinator', passwordHash: 'x' });
      const refused = seedDemo(db, { nodeEnv: 'development' });
      await expect(refused).rejects.toBeInstanceOf(SeedRefusedError);
      await expect(refused).rejects.toThrow(/not demo users/);
      expect(await people()).toBe(1);
      expect((await seedDemo(db, { nodeEnv: 'production', force: true })).users).toHaveLength(4);
      expect(await people()).toBe(5);
      // Its own users are no reason to refuse a second run.
      await db.db.delete(users).where(eq(users.email, 'aino@ruoka-apu.example'));
      expect((await seedDemo(db, { nodeEnv: 'development' })).created).toEqual([]);
    } finally {
      await db.close();
      await dropTestDatabase(name);
    }
  });
});
