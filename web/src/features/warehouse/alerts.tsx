import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { cachedGet, cachedGetAll } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LotRow, type LotSummary, type Unit } from './lot-actions.tsx';

interface Alerts {
  items: { id: string; kind: string; storageUnitName?: string; celsius?: number; detail: string; openedAt: string; heldLots: LotSummary[] }[];
  holds: LotSummary[];
  needsBestBeforeCheck: LotSummary[];
  warnings: { storageUnitId: string; storageUnitName: string; celsius: number; at: string }[];
}

/** Open alerts (what kind, the API's detail) with the lots they hold, lots waiting for a best-before check, and frozen-unit warnings. */
export default function AlertsScreen() {
  const d = t.value;
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const load = () => cachedGet<Alerts>('/alerts').then(setAlerts).catch(() => undefined);
  useEffect(() => {
    void load();
    void cachedGetAll<Unit>('/storage-units').then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);
  if (!alerts) return <p class="muted">…</p>;
  const lots = (list: LotSummary[]) => <ul class="lots">{list.map((l) => <LotRow key={l.id} lot={l} units={units} onDone={() => void load()} />)}</ul>;
  return (
    <section>
      <h1>{d.menu.alerts}</h1>
      {alerts.items.length === 0 && alerts.holds.length === 0 && alerts.needsBestBeforeCheck.length === 0 && alerts.warnings.length === 0 && <p class="muted">{d.warehouse.noAlerts}</p>}
      {alerts.items.map((a) => (
        <article class="card" key={a.id}>
          <p class={`badge alert-kind ${a.kind}`}>{d.warehouse.alertKind[a.kind] ?? d.warehouse.alertKind.other}</p>
          <h2>{a.storageUnitName ?? d.warehouse.alertKind.other}{a.celsius !== undefined ? ` · ${String(a.celsius).replace('.', ',')} °C` : ''}</h2>
          <p class="muted">{formatDateTime(new Date(a.openedAt))}</p>
          <p>{a.detail}</p>
          {lots(a.heldLots)}
        </article>
      ))}
      {alerts.warnings.map((w) => <p class="status" key={w.storageUnitId}>{`${w.storageUnitName} ${String(w.celsius).replace('.', ',')} °C`}</p>)}
      {alerts.needsBestBeforeCheck.length > 0 && <><h2>{d.warehouse.needsCheck}</h2>{lots(alerts.needsBestBeforeCheck)}</>}
      {alerts.holds.length > 0 && <><h2>{d.warehouse.onHold}</h2>{lots(alerts.holds)}</>}
    </section>
  );
}
