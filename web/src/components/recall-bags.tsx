import type { ApiAnswer } from '../api/types.ts';
import { t } from '../i18n/index.ts';
import { formatDate } from '../lib/format.ts';

/** A recall as `GET /recalls/:id` answers it (a point's lead sees only their point in it, and no lots). */
export type Recall = ApiAnswer<'/recalls/{id}'>;
/** A bag a recall took off the shelf, off a vehicle or from a point. */
export type RecallBag = Recall['withdrawn'][number];

/** A list of bags a recall reached, by code, point and delivery day. */
export function BagList({ title, bags }: { title: string; bags: RecallBag[] }) {
  const r = t.value.recalls;
  if (bags.length === 0) return null;
  return (
    <>
      <h3>{title}: {r.bags(bags.length)}</h3>
      <ul class="plain">{bags.map((b) => <li key={b.bagId}>{r.bagLine(b.code, b.pointName ?? '', b.deliveryDate ? formatDate(b.deliveryDate) : '')}</li>)}</ul>
    </>
  );
}
