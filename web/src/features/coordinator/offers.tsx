import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { blankOffer, OfferFields, offerBody, type OfferForm } from '../../components/offer-fields.tsx';
import { t } from '../../i18n/index.ts';
import { outcome, type FormNotice } from '../../lib/forms.ts';
import { addDays, formatDateTime, formatKg, formatTime, formatWeekdayDate, helsinkiParts, todayInHelsinki } from '../../lib/format.ts';
import { write, type Written } from '../../lib/write.ts';
import { acceptOffer, type AcceptAnswer } from './api/accept-offer.ts';
import { declineOffer } from './api/decline-offer.ts';
import { getDonors } from './api/get-donors.ts';
import { getOffers, type Offer } from './api/get-offers.ts';
import { recordOffer } from './api/record-offer.ts';

type Status = 'open' | 'accepted' | 'declined';
const STATUSES: Status[] = ['open', 'accepted', 'declined'];

/**
 * "Tarjoukset": donors' offers by status. An open one is accepted for a day (and a window, or
 * the offer's own ready time that day) or declined with a reason; the donor is told either way.
 * Accepted for today, it goes on a published route at once, or the screen says why no route
 * can take it ("Mikään reitti ei voi ottaa tätä: …") and offers to take it for tomorrow. An
 * offer that came by phone is recorded here on the donor's behalf.
 */
export default function Offers() {
  const d = t.value;
  const dof = d.donor.offers;
  const [status, setStatus] = useState<Status>('open');
  const [items, setItems] = useState<Offer[] | null>(null);
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const reload = () => void getOffers(status).then(setItems).catch(() => setItems([]));
  useEffect(reload, [status]);
  const done = (n: FormNotice) => {
    setNotice(n);
    reload();
  };

  return (
    <section>
      <h1>{dof.title}</h1>
      <div class="row tabs spaced" role="group" aria-label={dof.tabs}>
        {STATUSES.map((s) => <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>{dof[s]}</button>)}
      </div>
      <Notice notice={notice} />
      {items?.length === 0 && <p class="muted">{dof.none}</p>}
      {items?.map((o) => <OfferCard key={o.id} offer={o} onDone={done} />)}
      <RecordOffer onDone={() => { if (status === 'open') reload(); }} />
    </section>
  );
}

function OfferCard({ offer: o, onDone }: { offer: Offer; onDone: (n: FormNotice) => void }) {
  const d = t.value;
  const dof = d.donor.offers;
  const [open, setOpen] = useState<'accept' | 'decline' | null>(null);
  const cats = o.categories.map((c) => d.terms.category[c] ?? c).join(', ');
  return (
    <article class={`card offer ${o.status}`} aria-labelledby={`offer-${o.id}`}>
      <h2 id={`offer-${o.id}`}>{o.donorName}</h2>
      <p><strong>{d.donor.offer.summary(formatKg(o.kg), d.terms.temperatureClass[o.temperatureClass] ?? o.temperatureClass, cats)}</strong></p>
      <p>{d.donor.offer.ready(`${formatDateTime(new Date(o.readyFrom))}–${formatDateTime(new Date(o.readyUntil))}`)}</p>
      {o.note && <p class="muted">{o.note}</p>}
      <p class="muted">{formatDateTime(new Date(o.createdAt))}{o.source === 'phone' ? ` · ${dof.byPhone}` : ''}</p>
      {o.pickup && <p>{dof.pickup(`${formatWeekdayDate(o.pickup.date)} klo ${formatTime(o.pickup.windowStart)}–${formatTime(o.pickup.windowEnd)}`)}</p>}
      {o.declineReason && <p>{dof.reasons[o.declineReason]}{o.declineNote ? `: ${o.declineNote}` : ''}</p>}
      {o.kgCollected !== undefined && <p>{d.donor.offer.collected(formatKg(o.kgCollected))}</p>}
      {o.message && <p class="muted">{dof.toldDonor(o.message)}</p>}
      {o.status === 'open' && (
        <>
          <div class="row spaced">
            <button type="button" aria-pressed={open === 'accept'} aria-label={`${dof.accept}: ${o.donorName}`} onClick={() => setOpen(open === 'accept' ? null : 'accept')}>{dof.accept}</button>
            <button type="button" aria-pressed={open === 'decline'} aria-label={`${dof.decline}: ${o.donorName}`} onClick={() => setOpen(open === 'decline' ? null : 'decline')}>{dof.decline}</button>
          </div>
          {open === 'accept' && <Accept offer={o} onDone={onDone} />}
          {open === 'decline' && <Decline offer={o} onDone={onDone} />}
        </>
      )}
    </article>
  );
}

/** The day of the pickup: the offer's first ready day, today at the earliest. */
function firstDay(o: Offer) {
  const today = todayInHelsinki();
  const ready = helsinkiParts(o.readyFrom)[0];
  return ready > today ? ready : today;
}

function Accept({ offer: o, onDone }: { offer: Offer; onDone: (n: FormNotice) => void }) {
  const d = t.value;
  const dof = d.donor.offers;
  const [form, setForm] = useState({ date: firstDay(o), start: '', end: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<{ text: string; key: string } | null>(null);
  const [notice, setNotice] = useState<FormNotice | null>(null);

  const settle = (res: Written<AcceptAnswer>) => {
    if ('ok' in res && !res.ok && res.problem.code === 'same_day_not_routed') {
      setRefused({ text: res.problem.detail, key: res.key });
      return;
    }
    const out = outcome(res, d.outbox);
    setErrors(Object.fromEntries(Object.entries(out.errors).map(([k, v]) => [k.replace(/^window\./, ''), v])));
    setNotice(out.notice);
    if ('ok' in res && res.ok) {
      const sameDay = res.body.sameDay;
      onDone({ ok: true, text: sameDay?.status === 'added' && sameDay.arrival ? dof.added(formatTime(sameDay.arrival)) : dof.planned });
    }
  };

  /** The accept (through the outbox); `replaces` the refused try it follows. */
  const send = (body: Parameters<typeof acceptOffer>[1], replaces?: string) =>
    write({ ...acceptOffer(o.id, body), kind: 'offers', form: 'accept', subject: o.id, label: `${dof.accept}: ${o.donorName}`, replaces });

  const accept = async () => {
    setRefused(null);
    const window = form.start || form.end ? { window: { start: form.start, end: form.end } } : {};
    settle(await send({ date: form.date, ...window }));
  };

  /** Tomorrow, in the window asked for, or at the clock times the offer was ready today. */
  const tomorrow = async () => {
    const window = form.start && form.end ? { start: form.start, end: form.end }
      : { start: helsinkiParts(o.readyFrom)[1], end: helsinkiParts(o.readyUntil)[1] };
    const valid = window.end > window.start ? window : { start: '08:00', end: '16:00' };
    const date = addDays(todayInHelsinki(), 1);
    setForm({ date, ...valid });
    const key = refused?.key;
    setRefused(null);
    settle(await send({ date, window: valid }, key));
  };

  return (
    <div class="line">
      <Field label={dof.pickupDate} error={errors.date}>
        <input type="date" value={form.date} onInput={(e) => setForm({ ...form, date: valueOf(e) })} />
      </Field>
      <div class="grid2">
        <Field label={dof.windowStart} error={errors.start}><input type="time" value={form.start} onInput={(e) => setForm({ ...form, start: valueOf(e) })} /></Field>
        <Field label={dof.windowEnd} error={errors.end ?? errors.window}><input type="time" value={form.end} onInput={(e) => setForm({ ...form, end: valueOf(e) })} /></Field>
      </div>
      <p class="muted">{dof.windowHint}</p>
      <Notice notice={notice} />
      {refused && (
        <div class="status warn" role="alert">
          <p>{refused.text}</p>
          <button type="button" onClick={() => void tomorrow()}>{dof.takeTomorrow}</button>
        </div>
      )}
      <button type="button" class="primary" onClick={() => void accept()}>{dof.confirmAccept}</button>
    </div>
  );
}

function Decline({ offer: o, onDone }: { offer: Offer; onDone: (n: FormNotice) => void }) {
  const d = t.value;
  const dof = d.donor.offers;
  const [reason, setReason] = useState('no_vehicle');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const decline = async () => {
    const res = await write({ ...declineOffer(o.id, { reason: reason as 'other', ...(note.trim() ? { note: note.trim() } : {}) }), kind: 'offers', form: 'decline', subject: o.id, label: `${dof.decline}: ${o.donorName}` });
    const out = outcome(res, { saved: dof.declinedText, queued: d.outbox.queued });
    setNotice(out.notice);
    if (out.saved) onDone(out.notice);
  };
  return (
    <div class="line">
      <Field label={dof.reason}>
        <select value={reason} onChange={(e) => setReason(valueOf(e))}>
          {Object.entries(dof.reasons).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </Field>
      <label>{dof.note}<textarea rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} /></label>
      <Notice notice={notice} />
      <button type="button" class="primary" onClick={() => void decline()}>{dof.confirmDecline}</button>
    </div>
  );
}

/** "Kirjaa puhelimessa saatu tarjous": the same fields as the donor's own form, and the donor. */
function RecordOffer({ onDone }: { onDone: () => void }) {
  const d = t.value;
  const dof = d.donor.offers;
  const [donors, setDonors] = useState<{ id: string; name: string }[]>([]);
  const [donorId, setDonorId] = useState('');
  const [form, setForm] = useState<OfferForm>(() => blankOffer());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  useEffect(() => { void getDonors().then((r) => setDonors(r.items)).catch(() => undefined); }, []);
  const save = async () => {
    const checked = offerBody(form);
    if ('errors' in checked || !donorId) {
      setErrors({ ...('errors' in checked ? checked.errors : {}), ...(donorId ? {} : { donorId: dof.chooseDonor }) });
      return;
    }
    setErrors({});
    const res = await write({ ...recordOffer({ donorId, ...checked.body }), kind: 'offers', form: 'record', label: `${dof.record}: ${formatKg(checked.body.kg)}` });
    const out = outcome(res, { saved: dof.recorded, queued: d.outbox.queued });
    setErrors(out.errors);
    setNotice(out.notice);
    if (out.saved) {
      setForm(blankOffer());
      onDone();
    }
  };
  return (
    <details class="card">
      <summary>{dof.record}</summary>
      <Field label={dof.donor} error={errors.donorId}>
        <select value={donorId} onChange={(e) => setDonorId(valueOf(e))}>
          <option value="">{dof.chooseDonor}</option>
          {donors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      <OfferFields form={form} setForm={setForm} errors={errors} id="record-offer" />
      <Notice notice={notice} />
      <button type="button" class="primary" onClick={() => void save()}>{dof.saveRecord}</button>
    </details>
  );
}
