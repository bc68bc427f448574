import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { useTiles, type Tiles } from './tiles.ts';
import { addDays, formatDate, formatKg, formatKm, formatTime, todayInHelsinki } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { write } from '../../lib/write.ts';
import { spreadMarkers } from '../../../../src/domain/map-markers.ts';
import { loadDrivers, loadSites, project, type Site, type User } from './coordinator.ts';
import { getRoutePlan, type Plan, type PlanRoute } from './api/get-route-plan.ts';
import { getRoutePlans } from './api/get-route-plans.ts';
import { openQueueSession } from './api/open-queue-board.ts';
import { planRoutes } from './api/plan-routes.ts';
import { publishPlan } from './api/publish-plan.ts';

const COLOURS = ['#1d5c3a', '#0b4f8a', '#a4000f', '#8a5a00', '#5b2a86', '#00646e'];

const MAP_W = 320;
const MAP_H = 220;
/** A stop's marker: its radius in map units, and the least distance between two markers' centres, so none hides another. */
const MARKER_R = 10;
const MARKER_GAP = 2 * MARKER_R + 2;

/**
 * The routes on a plain SVG: the depot as a square, each route's stops in order with their
 * numbers. Markers that would cover each other (stops at one address) are moved apart just
 * enough, so every number shows and every marker can be tapped; a thin line ties a moved marker
 * to its place.
 */
function RouteMap({ plan, sites, depot }: { plan: Plan; sites: Map<string, Site>; depot: Site }) {
  const d = t.value.coordinator;
  const stops = plan.routes.flatMap((r, i) => r.stops.filter((s) => sites.has(s.siteId)).map((s) => ({ route: i, stop: s, site: sites.get(s.siteId)! })));
  const at = project([depot, ...stops.map((s) => s.site)], MAP_W, MAP_H, 2 * MARKER_R);
  const truePlace = [at(depot), ...stops.map((s) => at(s.site))];
  const shown = spreadMarkers(truePlace, MARKER_GAP, MAP_W, MAP_H);
  const p0 = shown[0];
  const xy = (p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
  return (
    <svg class="map" viewBox={`0 0 ${MAP_W} ${MAP_H}`} role="img" aria-label={d.mapLabel(plan.routes.length)}>
      <rect x="0" y="0" width={MAP_W} height={MAP_H} fill="#fff" stroke="#ccc" />
      {plan.routes.map((r, i) => {
        const own = stops.map((s, k) => ({ ...s, p: shown[k + 1] })).filter((s) => s.route === i);
        return (
          <polyline key={r.id} points={[p0, ...own.map((s) => s.p), p0].map(xy).join(' ')} fill="none" stroke={COLOURS[i % COLOURS.length]} stroke-width="2" />
        );
      })}
      {stops.map((s, k) => {
        const p = shown[k + 1];
        const q = truePlace[k + 1];
        const colour = COLOURS[s.route % COLOURS.length];
        return (
          <g key={s.stop.id} class="marker" data-stop={s.stop.id}>
            {(p.x !== q.x || p.y !== q.y) && <line x1={q.x} y1={q.y} x2={p.x} y2={p.y} stroke="#555" stroke-width="1" />}
            <circle cx={p.x} cy={p.y} r={MARKER_R} fill={colour} stroke="#fff" stroke-width="1.5"><title>{`${s.stop.seq}. ${s.site.name}`}</title></circle>
            <text x={p.x} y={p.y + 4} text-anchor="middle" font-size="11" fill="#fff" pointer-events="none">{s.stop.seq}</text>
          </g>
        );
      })}
      <rect x={p0.x - 6} y={p0.y - 6} width="12" height="12" fill="#1a1a1a" />
    </svg>
  );
}

/** The routes on map tiles: each route in its colour, its stops numbered, the depot a dark square. */
function RouteTileMap({ tiles, plan, sites, depot }: { tiles: Tiles; plan: Plan; sites: Map<string, Site>; depot: Site }) {
  const d = t.value.coordinator;
  const routes = useMemo(() => plan.routes.map((r, i) => {
    const colour = COLOURS[i % COLOURS.length];
    return { id: r.id, colour, stops: r.stops.filter((s) => sites.has(s.siteId)).map((s) => ({ id: s.id, seq: s.seq, name: sites.get(s.siteId)!.name, lat: sites.get(s.siteId)!.lat, lon: sites.get(s.siteId)!.lon, colour })) };
  }), [plan, sites]);
  const at = useMemo(() => ({ name: depot.name, lat: depot.lat, lon: depot.lon }), [depot.id, depot.lat, depot.lon]);
  const { maps: { default: TileMap }, config } = tiles;
  return (
    <TileMap tileUrl={config.mapTileUrl} attribution={config.mapAttribution} attributionUrl={config.mapAttributionUrl} depot={at} routes={routes}
      label={d.mapLabel(plan.routes.length)} zoomIn={d.zoomIn} zoomOut={d.zoomOut} depotLabel={d.depotMarker(depot.name)} />
  );
}

function RouteList({ route, index, sites, drivers, driverId, onDriver, locked }: {
  route: PlanRoute; index: number; sites: Map<string, Site>; drivers: User[]; driverId: string; onDriver: (id: string) => void; locked: boolean;
}) {
  const d = t.value.coordinator;
  return (
    <article class="card">
      <h2><span class="swatch" style={{ background: COLOURS[index % COLOURS.length] }} aria-hidden="true" /> {d.route(index + 1)} · {formatTime(route.start)}–{formatTime(route.end)} · {formatKm(route.distanceKm)} km</h2>
      <ol class="plan-stops">
        {route.stops.map((s) => {
          const site = sites.get(s.siteId);
          return (
            <li key={s.id}>
              <strong>{formatTime(s.arrival)}</strong> {site?.name ?? s.siteId} <span class="muted">· {s.kind === 'pickup' ? `${d.pickup} ${formatKg(s.kg)}` : `${d.delivery} ${d.bags(s.bags)}`}{site?.address ? ` · ${site.address}` : ''}</span>
              {site?.foodAidRegistered === false && <> <strong class="error">{d.notRegistered}</strong></>}
              {s.corrections?.map((c) => (
                <p key={c.id} class="muted">{d.corrected(formatTime(c.correctedAt), s.kind === 'pickup' ? formatKg(c.kgBefore ?? 0) : d.bags(c.bagsBefore ?? 0),
                  s.kind === 'pickup' ? formatKg(c.kgAfter ?? 0) : d.bags(c.bagsAfter ?? 0))}{c.note ? ` (${c.note})` : ''}</p>
              ))}
            </li>
          );
        })}
      </ol>
      <label>{d.driver}
        <select value={driverId} disabled={locked} onChange={(e) => onDriver((e.target as HTMLSelectElement).value)}>
          <option value="">{d.chooseDriver}</option>
          {drivers.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
    </article>
  );
}

/**
 * The coordinator's planning evening: pick the depot and day, plan (the worker solves it;
 * the screen follows queued → running → done, or shows why it failed), read each route as an
 * ordered list and on a small map, give every route a driver and publish; re-plan makes a
 * new version. The server's Finnish message is shown when it refuses.
 */
export default function PlanRoutes() {
  const d = t.value;
  const dc = d.coordinator;
  const [sites, setSites] = useState<Site[]>([]);
  const [drivers, setDrivers] = useState<User[]>([]);
  const [depotId, setDepotId] = useState('');
  const [date, setDate] = useState(addDays(todayInHelsinki(), 1));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [assign, setAssign] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const tiles = useTiles();
  const busy = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const followed = useRef<string | null>(null);

  useEffect(() => {
    void loadSites().then((s) => {
      setSites(s.items);
      setDepotId((cur) => cur || s.items.find((x) => x.kind === 'depot')?.id || '');
    }).catch(() => undefined);
    void loadDrivers().then((u) => setDrivers(u.items.filter((x) => x.active !== false))).catch(() => undefined);
    return () => clearTimeout(timer.current);
  }, []);

  const follow = (id: string) => {
    clearTimeout(timer.current);
    followed.current = id;
    const tick = async () => {
      const p = await getRoutePlan(id).catch(() => null);
      if (followed.current !== id) return; // another day was chosen meanwhile
      if (p) {
        setPlan(p);
        // A refused publish reopened: the drivers it chose, not the plan's.
        const chosen = reassign.current?.planId === p.id ? reassign.current.assign : {};
        setAssign({ ...Object.fromEntries(p.routes.map((r) => [r.id, r.driverId ?? ''])), ...chosen });
      }
      if (!p || p.status === 'queued' || p.status === 'running') timer.current = window.setTimeout(() => void tick(), 800);
    };
    void tick();
  };

  useEffect(() => {
    if (!depotId) return;
    setPlan(null);
    // What was said about another day's plan ("Julkaistu") is not about this one.
    setMessage(reopenedMessage.current);
    reopenedMessage.current = null;
    clearTimeout(timer.current);
    followed.current = null;
    let current = true;
    void getRoutePlans(depotId, date).then((items) => { if (current && items[0]) follow(items[0].id); }).catch(() => undefined);
    return () => { current = false; };
  }, [depotId, date]);

  // Reopened from "needs attention": the day (and depot) planned or published, and the drivers a refused publish chose.
  const reassign = useRef<{ planId: string; assign: Record<string, string> } | null>(null);
  const reopenedMessage = useRef<{ ok: boolean; text: string } | null>(null);
  const fixing = useFix('routes', sites.length > 0, (w) => {
    const x = w.draft as { depotId: string; date: string; planId?: string; assign?: Record<string, string> } | undefined;
    if (!x) return false;
    reassign.current = x.planId && x.assign ? { planId: x.planId, assign: x.assign } : null;
    setDepotId(x.depotId);
    setDate(x.date);
    // Said about the day reopened: the day's change keeps it (see below).
    reopenedMessage.current = { ok: false, text: w.problem.detail };
    setMessage(reopenedMessage.current);
  });

  const planDay = async () => {
    if (busy.current) return;
    busy.current = true;
    setMessage(null);
    try {
      const res = await write({ ...planRoutes({ depotId, date }), kind: 'routes', label: `${dc.plan}: ${formatDate(date)}`,
        draft: { depotId, date }, subject: `${depotId} ${date}`, replaces: fixing.current });
      fixing.current = null;
      if ('queued' in res) setMessage({ ok: true, text: d.outbox.queued });
      else if (!res.ok) setMessage({ ok: false, text: res.problem.detail });
      else follow(res.body.id);
    } finally {
      busy.current = false;
    }
  };

  const publish = async () => {
    if (busy.current || !plan) return;
    busy.current = true;
    try {
      const assignments = plan.routes.filter((r) => assign[r.id]).map((r) => ({ routeId: r.id, driverId: assign[r.id] }));
      const res = await write({ ...publishPlan(plan.id, { assignments }), kind: 'routes', label: `${dc.publish}: ${formatDate(plan.date)} v${plan.version}`,
        draft: { depotId: plan.depotId, date: plan.date, planId: plan.id, assign }, replaces: fixing.current });
      fixing.current = null;
      if ('queued' in res) setMessage({ ok: true, text: d.outbox.queued });
      else if (!res.ok) setMessage({ ok: false, text: res.problem.detail });
      else {
        setMessage({ ok: true, text: dc.published });
        follow(plan.id);
      }
    } finally {
      busy.current = false;
    }
  };

  const openBoard = async () => {
    if (await openQueueSession()) window.open('/admin/queues', '_blank');
  };

  const byId = useMemo(() => new Map(sites.map((s) => [s.id, s])), [sites]);
  const depot = byId.get(depotId);
  const status = plan ? dc.status[plan.status] : '';
  return (
    <section>
      <h1>{dc.routesTitle}</h1>
      <div class="grid2">
        <label>{dc.depot}
          <select value={depotId} onChange={(e) => setDepotId((e.target as HTMLSelectElement).value)}>
            {sites.filter((s) => s.kind === 'depot').map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>{dc.date}<input type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} /></label>
      </div>
      {date === todayInHelsinki() && <p class="hint">{dc.planFromNow}</p>}
      <button type="button" class="primary spaced" disabled={!depotId} onClick={() => void planDay()}>{plan ? dc.replan : dc.plan}</button>
      {message && <p class={message.ok ? 'ok' : 'status warn'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {plan && (
        <>
          <p class="status" role="status" aria-live="polite">{dc.version(plan.version)}: {status}{plan.superseded ? ` · ${dc.superseded}` : ''}</p>
          {plan.status === 'failed' && <p class="status warn" role="alert">{plan.error}</p>}
          {plan.totals && <p>{dc.totals(plan.totals.vehicles, formatKm(plan.totals.distanceKm))}</p>}
          {plan.totals?.startsFrom && <p class="status">{dc.startsFrom(formatTime(plan.totals.startsFrom))}</p>}
          {plan.unassigned.length > 0 && (
            <div class="card">
              <h2>{dc.unassigned}</h2>
              <ul>{plan.unassigned.map((u) => <li key={u.taskId}>{byId.get(u.siteId)?.name ?? u.siteId}: {u.detail ?? u.reason}</li>)}</ul>
            </div>
          )}
          {depot && plan.routes.length > 0 && (tiles ? <RouteTileMap tiles={tiles} plan={plan} sites={byId} depot={depot} /> : <RouteMap plan={plan} sites={byId} depot={depot} />)}
          {plan.routes.map((r, i) => (
            <RouteList key={r.id} route={r} index={i} sites={byId} drivers={drivers} driverId={assign[r.id] ?? ''} locked={plan.status === 'published'}
              onDriver={(id) => setAssign({ ...assign, [r.id]: id })} />
          ))}
          {plan.status === 'done' && plan.routes.length > 0 && <button type="button" class="primary spaced" onClick={() => void publish()}>{dc.publish}</button>}
        </>
      )}
      <button type="button" onClick={() => void openBoard()}>{dc.queueBoard}</button>
    </section>
  );
}
