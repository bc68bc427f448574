import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { outcome, type FormNotice } from '../../lib/forms.ts';
import { addDays, formatDateTime, formatKg, formatWeekdayDate, todayInHelsinki } from '../../lib/format.ts';
import { getPickups, type Pickup } from './api/get-pickups.ts';
import { write } from '../../lib/write.ts';
import { cancelSkip } from './api/cancel-skip.ts';
import { skipPickup } from './api/skip-pickup.ts';

/** `08:00` → `8.00`, as a Finn writes a time. */
const clock = (hhmm: string) => `${Number(hhmm.slice(0, 2))}.${hhmm.slice(3)}`;
export const pickupWhen = (p: Pickup) => `${formatWeekdayDate(p.date)} klo ${clock(p.windowStart)}–${clock(p.windowEnd)}`;

/**
 * The next 14 days of pickups, each with "Ei noudettavaa tällä kertaa" and its undo until the
 * cut-off; after it the button stays, disabled, with the cut-off that passed beside it.
 */
export function Pickups({ version, onChanged }: { version: number; onChanged: (n: FormNotice) => void }) {
  const d = t.value;
  const dp = d.donor.page;
  const [items, setItems] = useState<Pickup[] | null>(null);
  useEffect(() => { void getPickups().then((r) => setItems(r.items)).catch(() => setItems([])); }, [version]);

  const change = async (p: Pickup) => {
    const label = `${p.skipped ? dp.undo : dp.skip}: ${pickupWhen(p)}`;
    const res = await write({ ...(p.skipped && p.skipId ? cancelSkip(p.skipId) : skipPickup({ date: p.date, scheduleId: p.scheduleId })), kind: 'lahjoittaja', label });
    onChanged(outcome(res, { saved: p.skipped ? dp.undoSaved : dp.skipSaved, queued: d.outbox.queued }).notice);
  };

  return (
    <section class="card" aria-labelledby="donor-upcoming">
      <h2 id="donor-upcoming">{dp.upcoming}</h2>
      {items?.length === 0 && <p class="muted">{dp.noUpcoming}</p>}
      <ul class="lots">
        {items?.map((p) => {
          const id = `cutoff-${p.date}-${p.scheduleId}`;
          return (
            <li key={id} class="lot pickup">
              <strong>{pickupWhen(p)}</strong>
              {p.skipped && <p class="badge changed">{dp.skipped}</p>}
              <p class="muted" id={id}>{p.canSkip ? dp.skipUntil(formatDateTime(new Date(p.cutoff))) : dp.cutoffPassed(formatDateTime(new Date(p.cutoff)))}</p>
              <button type="button" disabled={!p.canSkip} aria-describedby={id} onClick={() => void change(p)}>{p.skipped ? dp.undo : dp.skip}</button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The last 30 days of pickups with the kilos the driver recorded. */
export function PastPickups({ version }: { version: number }) {
  const dp = t.value.donor.page;
  const [items, setItems] = useState<Pickup[] | null>(null);
  useEffect(() => {
    const today = todayInHelsinki();
    void getPickups({ from: addDays(today, -30), to: addDays(today, -1) }).then((r) => setItems(r.items.reverse())).catch(() => setItems([]));
  }, [version]);
  return (
    <section class="card" aria-labelledby="donor-past">
      <h2 id="donor-past">{dp.past}</h2>
      {items?.length === 0 && <p class="muted">{dp.noPast}</p>}
      <ul class="plain">
        {items?.map((p) => (
          <li key={`${p.date}-${p.scheduleId}`}>
            {pickupWhen(p)}: {p.kgCollected !== undefined ? dp.collected(formatKg(p.kgCollected)) : p.skipped ? dp.skippedPast : dp.notCollected}
          </li>
        ))}
      </ul>
    </section>
  );
}
