import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate, formatKg } from '../../lib/format.ts';
import { getBags, type Bag } from './api/get-bags.ts';
import { getLots } from './api/get-lots.ts';
import { getStock, type Stock } from './api/get-stock.ts';
import { LotRow, type LotSummary } from './lot-actions.tsx';

const code = (id: string) => `${id.replace(/-/g, '').slice(0, 4)}-${id.replace(/-/g, '').slice(4, 8)}`.toUpperCase();

/**
 * What the depot holds: by category; each unit with its free kilos, its lots (code, product,
 * date, kg, with their actions) and the bags waiting in it ("Ei eriä" when it holds none); and
 * the lots close to their date, each with its actions.
 */
export default function StockScreen() {
  const d = t.value;
  const c = d.coldStore;
  const [stock, setStock] = useState<Stock | null>(null);
  const [lots, setLots] = useState<LotSummary[]>([]);
  const [bags, setBags] = useState<Bag[]>([]);
  const load = () => {
    void getStock().then(setStock).catch(() => undefined);
    void Promise.all(['in_stock', 'on_hold'].map(getLots))
      .then((r) => setLots(r.flatMap((x) => x.items))).catch(() => undefined);
    void Promise.all(['in_stock', 'reserved', 'held'].map(getBags))
      .then((r) => setBags(r.flatMap((x) => x.items))).catch(() => undefined);
  };
  useEffect(load, []);
  if (!stock) return <p class="muted">…</p>;
  return (
    <section>
      <h1>{d.menu.stock}</h1>
      <p class="card"><strong>{formatKg(stock.totalKg)}</strong> · {d.warehouse.onHold} {formatKg(stock.onHoldKg)}</p>
      <h2>{d.intake.category}</h2>
      <table><tbody>{stock.byCategory.map((r) => <tr key={r.category}><td>{d.terms.category[r.category] ?? r.category}</td><td>{formatKg(r.kg)}</td></tr>)}</tbody></table>
      <h2>{d.intake.unit}</h2>
      {stock.byUnit.map((u) => {
        const inUnit = lots.filter((l) => l.storageUnitId === u.id);
        const waiting = bags.filter((b) => b.storageUnitId === u.id);
        return (
          <article class="card" key={u.id}>
            <h3>{u.name} · {d.warehouse.free} {formatKg(u.freeKg)}</h3>
            {inUnit.length === 0 ? <p class="muted">{c.noLots}</p> : <ul class="lots">{inUnit.map((l) => <LotRow key={l.id} lot={l} units={stock.byUnit} onDone={load} />)}</ul>}
            {waiting.length > 0 && (
              <>
                <h4>{c.bags}</h4>
                <ul class="lots">{waiting.map((b) => (
                  <li class="lot" key={b.id}>
                    <p><strong>{c.bag} {code(b.id)} · {d.terms.bagType[b.bagType] ?? b.bagType}</strong><br />
                      {[formatKg(b.weightKg), b.earliestUseBy ? formatDate(b.earliestUseBy) : '', c.bagStatus[b.status] ?? b.status].filter(Boolean).join(' · ')}</p>
                  </li>
                ))}</ul>
              </>
            )}
          </article>
        );
      })}
      <h2>{d.warehouse.expiringSoon}</h2>
      {stock.expiringSoon.length === 0 ? <p class="muted">{c.noExpiring}</p>
        : <ul class="lots">{stock.expiringSoon.map((l) => <LotRow key={l.id} lot={l} units={stock.byUnit} onDone={load} />)}</ul>}
    </section>
  );
}
