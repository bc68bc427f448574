import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { cachedGet } from '../../lib/api.ts';
import { formatKg } from '../../lib/format.ts';
import { LotRow, type LotSummary, type Unit } from './lot-actions.tsx';

interface Stock {
  totalKg: number; onHoldKg: number;
  byCategory: { category: string; kg: number; lots: number }[];
  byUnit: (Unit & { freeKg: number })[];
  expiringSoon: LotSummary[];
}

/** What the depot holds: by category and unit, and the lots close to their date, each with its actions. */
export default function StockScreen() {
  const d = t.value;
  const [stock, setStock] = useState<Stock | null>(null);
  const load = () => cachedGet<Stock>('/stock').then(setStock).catch(() => undefined);
  useEffect(() => { void load(); }, []);
  if (!stock) return <p class="muted">…</p>;
  return (
    <section>
      <h1>{d.menu.stock}</h1>
      <p class="card"><strong>{formatKg(stock.totalKg)}</strong> · {d.warehouse.onHold} {formatKg(stock.onHoldKg)}</p>
      <h2>{d.intake.category}</h2>
      <table><tbody>{stock.byCategory.map((c) => <tr key={c.category}><td>{d.terms.category[c.category] ?? c.category}</td><td>{formatKg(c.kg)}</td></tr>)}</tbody></table>
      <h2>{d.intake.unit}</h2>
      <table><tbody>{stock.byUnit.map((u) => <tr key={u.id}><td>{u.name}</td><td>{d.warehouse.free} {formatKg(u.freeKg)}</td></tr>)}</tbody></table>
      <h2>{d.warehouse.expiringSoon}</h2>
      <ul class="lots">{stock.expiringSoon.map((l) => <LotRow key={l.id} lot={l} units={stock.byUnit} onDone={() => void load()} />)}</ul>
    </section>
  );
}
