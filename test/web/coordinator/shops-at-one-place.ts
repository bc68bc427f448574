import { post, seedNetwork } from '../../helpers/fixtures.ts';
import type { TestContext } from '../../helpers/app.ts';

/**
 * A network whose plan has three stops at one place: three shops in one shopping centre, each
 * with a pickup every day, and one van, so the plan maps them onto one spot.
 */
export async function seedShopsAtOnePlace(ctx: TestContext) {
  const net = await seedNetwork(ctx);
  for (const name of ['Kauppa A', 'Kauppa B', 'Kauppa C']) {
    const shop = await post(ctx, net.auth, '/sites', { kind: 'donor', name, municipality: 'Mikkeli', lat: 61.6885, lon: 27.2721, depotId: net.depot.id, donorKind: 'shop' });
    await post(ctx, net.auth, `/sites/${shop.id}/pickup-schedules`, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '08:00', windowEnd: '12:00', expectedKg: 20 });
  }
  await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Pakettiauto', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '07:00', shiftEnd: '16:00' });
  return net;
}

interface Box { left: number; right: number; top: number; bottom: number }

/** The pairs of markers (by label) whose boxes overlap on the screen: none, when every marker shows. */
export function overlappingPairs(markers: { label: string; box: Box }[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < markers.length; i++) {
    for (let j = i + 1; j < markers.length; j++) {
      const [a, b] = [markers[i].box, markers[j].box];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push(`${markers[i].label} and ${markers[j].label}`);
    }
  }
  return pairs;
}
