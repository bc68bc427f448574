import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../../components/field.tsx';
import { blankOffer, OfferFields, offerBody, type OfferForm } from '../../components/offer-fields.tsx';
import { t } from '../../i18n/index.ts';
import { outcome, type FormNotice } from '../../lib/forms.ts';
import { formatDateTime, formatKg } from '../../lib/format.ts';
import { write } from '../../lib/write.ts';
import { createOffer } from './api/create-offer.ts';
import { getOffers, type DonorOffer } from './api/get-offers.ts';

/**
 * "Ylimääräistä noudettavaa": an offer beyond the schedule, the Finnish message on the field
 * the server refuses; and the donor's offers with what the network answered ("Noudamme ti
 * 9.12. klo 11–12", or why not) and, once collected, the kilos.
 */
export function Offers({ version, onChanged }: { version: number; onChanged: () => void }) {
  const d = t.value;
  const dp = d.donor.page;
  const o = d.donor.offer;
  const [form, setForm] = useState<OfferForm>(() => blankOffer());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const [fixing, setFixing] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<DonorOffer[]>([]);
  useEffect(() => { void getOffers().then((r) => setItems(r.items)).catch(() => undefined); }, [version]);

  const send = async () => {
    const checked = offerBody(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setNotice(null);
      return;
    }
    setErrors({});
    const res = await write({ ...createOffer(checked.body), kind: 'lahjoittaja', label: `${dp.offerTitle}: ${formatKg(checked.body.kg)}`, replaces: fixing });
    const out = outcome(res, { saved: dp.sent, queued: d.outbox.queued });
    setErrors(out.errors);
    setNotice(out.notice);
    setFixing('ok' in res && !res.ok ? res.key : undefined);
    if (out.saved || 'queued' in res) {
      setForm(blankOffer());
      onChanged();
    }
  };

  const cls = (c: string) => d.terms.temperatureClass[c] ?? c;
  const cats = (list: string[]) => list.map((c) => d.terms.category[c] ?? c).join(', ');
  return (
    <>
      <section class="card" aria-labelledby="donor-offer">
        <h2 id="donor-offer">{dp.offerTitle}</h2>
        <p class="muted">{dp.offerIntro}</p>
        <OfferFields form={form} setForm={setForm} errors={errors} id="donor-offer" />
        <Notice notice={notice} />
        <button type="button" class="primary" onClick={() => void send()}>{dp.send}</button>
      </section>
      <section class="card" aria-labelledby="donor-offers">
        <h2 id="donor-offers">{dp.offers}</h2>
        {items.length === 0 && <p class="muted">{dp.noOffers}</p>}
        <ul class="lots">
          {items.map((x) => (
            <li key={x.id} class={`lot offer ${x.status}`}>
              <strong>{o.summary(formatKg(x.kg), cls(x.temperatureClass), cats(x.categories))}</strong>
              <p class="muted">{o.ready(`${formatDateTime(new Date(x.readyFrom))}–${formatDateTime(new Date(x.readyUntil))}`)}</p>
              <p><span class="badge">{o.status[x.status]}</span>{x.message && ` ${x.message}`}</p>
              {x.kgCollected !== undefined && <p>{o.collected(formatKg(x.kgCollected))}</p>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
