import { t } from '../i18n/index.ts';
import { formatDate } from '../lib/format.ts';

/** A recall as `GET /recalls/:id` answers it (a point's lead sees only their point in it, and no lots). */
export interface RecallBag { bagId: string; code: string; statusBefore: string; pointId?: string; pointName?: string; deliveryDate?: string }
export interface Recall {
  id: string; reason: string; criteria: Record<string, string>; at: string;
  lots: { lotId: string; code: string; category: string; product?: string; batch?: string; kgDiscarded: number }[];
  withdrawn: RecallBag[]; toBringBack: RecallBag[]; delivered: RecallBag[];
  points: { pointId: string; name: string; bagsDelivered: number; bagsDispatched: number; acknowledgement?: { note: string; at: string; by: string } }[];
  pointsNotAcknowledged: number;
}

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
