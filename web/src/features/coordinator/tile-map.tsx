import { useEffect, useRef } from 'preact/hooks';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './tile-map.css';
import { spreadMarkers } from '../../../../src/domain/map-markers.ts';

/**
 * The plan's routes on real map tiles (Leaflet), loaded only when the coordinator's plan has a
 * map to show and the server names a tile server: this module, Leaflet and its stylesheet are a
 * chunk of their own, so no other role's screens fetch them.
 */

export interface TileStop { id: string; seq: number; name: string; lat: number; lon: number; colour: string }
export interface TileRoute { id: string; colour: string; stops: TileStop[] }
export interface TileMapProps {
  tileUrl: string;
  attribution: string;
  attributionUrl: string | null;
  depot: { name: string; lat: number; lon: number };
  routes: TileRoute[];
  label: string;
  zoomIn: string;
  zoomOut: string;
  depotLabel: string;
}

/** A stop's marker in CSS px (a 24 px target), and the least distance between two markers' centres, so none hides another. */
const MARKER = 24;
const GAP = MARKER + 2;
/** Closest the first view zooms in: stops at one shopping centre stay in their streets. */
const MAX_FIT_ZOOM = 17;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

function badge(text: string, colour: string, square: boolean): HTMLElement {
  const el = document.createElement('span');
  el.className = square ? 'tile-depot' : 'tile-stop';
  el.textContent = text;
  // Set through the CSSOM, which the content security policy does not govern.
  el.style.background = colour;
  return el;
}

/** A Leaflet map on `el` with the tiles, their attribution and Finnish or English zoom buttons. */
function tileMap(el: HTMLElement, p: { tileUrl: string; attribution: string; attributionUrl: string | null; zoomIn: string; zoomOut: string }) {
  const map = L.map(el, { zoomControl: false, attributionControl: false });
  L.control.zoom({ zoomInTitle: p.zoomIn, zoomOutTitle: p.zoomOut }).addTo(map);
  L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  const attribution = p.attributionUrl ? `<a href="${esc(p.attributionUrl)}">${esc(p.attribution)}</a>` : esc(p.attribution);
  L.tileLayer(p.tileUrl, { attribution, maxZoom: 19 }).addTo(map);
  return map;
}

export default function TileMap(p: TileMapProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const map = tileMap(box.current, p);

    const stops = p.routes.flatMap((r) => r.stops);
    const places = [L.latLng(p.depot.lat, p.depot.lon), ...stops.map((s) => L.latLng(s.lat, s.lon))];
    // The view first: Leaflet draws layers (and their elements) only on a map that has one.
    map.fitBounds(L.latLngBounds(places), { padding: [GAP, GAP], maxZoom: MAX_FIT_ZOOM, animate: false });
    for (const r of p.routes) {
      L.polyline([places[0], ...r.stops.map((s) => L.latLng(s.lat, s.lon)), places[0]], { color: r.colour, weight: 3, interactive: false }).addTo(map);
    }
    const markers = [
      L.marker(places[0], { icon: L.divIcon({ className: '', html: badge('', '#1a1a1a', true), iconSize: [18, 18] }), title: p.depotLabel, keyboard: true, zIndexOffset: -100 }),
      ...stops.map((s, k) => L.marker(places[k + 1], {
        icon: L.divIcon({ className: '', html: badge(String(s.seq), s.colour, false), iconSize: [MARKER, MARKER] }),
        title: `${s.seq}. ${s.name}`, keyboard: true,
      })),
    ];
    markers.forEach((m, i) => {
      const name = i === 0 ? p.depotLabel : `${stops[i - 1].seq}. ${stops[i - 1].name}`;
      const text = document.createElement('span');
      text.textContent = name;
      m.bindPopup(text, { autoPan: false }).addTo(map);
      // Named by its stop, not by the number it shows; a tap opens the name.
      m.getElement()?.setAttribute('aria-label', name);
      m.getElement()?.setAttribute('data-stop', i === 0 ? 'depot' : stops[i - 1].id);
    });
    const ties = L.layerGroup().addTo(map);

    // Markers that would cover each other at this zoom are moved apart in screen pixels, and a
    // thin line ties each moved one to its place; again after every zoom.
    const spread = () => {
      const size = map.getSize();
      const at = places.map((ll) => map.latLngToContainerPoint(ll));
      const shown = spreadMarkers(at, GAP, size.x, size.y);
      ties.clearLayers();
      shown.forEach((q, i) => {
        const ll = map.containerPointToLatLng(L.point(q.x, q.y));
        markers[i].setLatLng(ll);
        if (Math.hypot(q.x - at[i].x, q.y - at[i].y) > 0.5) L.polyline([places[i], ll], { color: '#555', weight: 1, interactive: false }).addTo(ties);
      });
    };
    map.on('zoomend resize', spread);
    spread();
    return () => { map.remove(); };
  }, [p.tileUrl, p.routes, p.depot]);

  return <div ref={box} class="tile-map" role="region" aria-label={p.label} />;
}

export interface PinMapProps {
  tileUrl: string;
  attribution: string;
  attributionUrl: string | null;
  /** Where the pin is now (the typed location), or null: the map then shows all of Finland. */
  at: { lat: number; lon: number } | null;
  label: string;
  zoomIn: string;
  zoomOut: string;
  onPick: (lat: number, lon: number) => void;
}

/** All of Finland, where a new site's map opens when no location is given yet. */
const FINLAND = { lat: 64.5, lon: 26, zoom: 4 };
/** How close the map opens on a site's given location: its street. */
const SITE_ZOOM = 16;

/** A map to set a site's location on: a tap puts the pin there and gives its coordinates. */
export function PinMap(p: PinMapProps) {
  const box = useRef<HTMLDivElement>(null);
  const pin = useRef<L.Marker | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const pick = useRef(p.onPick);
  pick.current = p.onPick;
  useEffect(() => {
    if (!box.current) return;
    const map = tileMap(box.current, p);
    mapRef.current = map;
    if (p.at) map.setView([p.at.lat, p.at.lon], SITE_ZOOM);
    else map.setView([FINLAND.lat, FINLAND.lon], FINLAND.zoom);
    map.on('click', (e: L.LeafletMouseEvent) => pick.current(e.latlng.lat, e.latlng.lng));
    return () => { map.remove(); mapRef.current = null; pin.current = null; };
  }, [p.tileUrl]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!p.at) { pin.current?.remove(); pin.current = null; return; }
    const icon = L.divIcon({ className: '', html: badge('', '#a4000f', false), iconSize: [MARKER, MARKER] });
    if (pin.current) pin.current.setLatLng([p.at.lat, p.at.lon]);
    else pin.current = L.marker([p.at.lat, p.at.lon], { icon, interactive: false, keyboard: false }).addTo(map);
    pin.current.getElement()?.setAttribute('data-pin', `${p.at.lat.toFixed(5)},${p.at.lon.toFixed(5)}`);
  }, [p.at?.lat, p.at?.lon]);
  return <div ref={box} class="tile-map pin-map" role="region" aria-label={p.label} />;
}
