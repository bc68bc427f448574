import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatKg, formatKm, formatTime, formatWeekdayDate, parseDecimal, placeLine, vehicleLine } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { attention, newKey } from '../../lib/outbox.ts';
import { sendWaiting, write } from '../../lib/write.ts';
import { completeStop } from './api/complete-stop.ts';
import { correctStop } from './api/correct-stop.ts';
import { getRouteSheet } from './api/get-route-sheet.ts';
import { loadRoute } from './api/load-route.ts';
import { skipStop } from './api/skip-stop.ts';
import { rideLimitMinutes } from '../../../../src/domain/cold-ride.ts';
import {
  SKIP_REASONS, forgetLocalOutcomes, loadRoutes, localCorrections, localLoads, localOutcomes, noteSeenRoutes, saveLocalCorrection, saveLocalLoad, saveLocalOutcome,
  telHref, today, tomorrow, type DriverRoute, type LeftBehindBag, type LoadResult, type LocalOutcome, type Stop, type StopCorrection,
} from './driver.ts';

/** What a save left to say: taken or queued (green), or the server's refusal (never green). */
type Notice = { ok: boolean; text: string };

/** The bags that stayed at the depot at loading, each with its label code and why. */
function LeftBehind({ bags }: { bags: LeftBehindBag[] }) {
  const d = t.value;
  const dd = d.driver;
  if (bags.length === 0) return <p class="ok">{dd.nothingLeft}</p>;
  return (
    <div class="left-behind" role="status">
      <p class="status warn"><strong>{dd.leftCount(bags.length)}</strong></p>
      <ul>
        {bags.map((b) => (
          <li key={b.bagId}>
            <strong>{b.code}</strong> {d.terms.bagType[b.bagType] ?? b.bagType} ({d.terms.temperatureClass[b.temperatureClass as 'chilled'] ?? b.temperatureClass}):
            {' '}{dd.leftReasons[b.reason]}{b.handOutBy ? `, ${dd.handOutBy(formatDate(b.handOutBy))}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "Lastattu, lähden": the driver confirms the loading on the route's day (the button waits,
 * disabled with the reason, before it). It goes through the outbox like every driver write, so
 * it works with no network; once the server has answered, the card says what went on board and
 * which bags stayed at the depot and why.
 */
function LoadCard({ route, onLoaded }: { route: DriverRoute; onLoaded: (notice: Notice) => void }) {
  const dd = t.value.driver;
  const [answer, setAnswer] = useState<LoadResult | null>(null);
  const pressed = useRef(false);
  const local = localLoads()[route.id];
  const early = route.date > today();
  const hintId = `load-${route.id}-hint`;

  const load = async () => {
    if (pressed.current) return;
    pressed.current = true;
    const key = newKey();
    const at = new Date().toISOString();
    try {
      saveLocalLoad(route.id, { key, at });
      const res = await write({ ...loadRoute(route.id, { loadedAt: at }), key, kind: 'route', label: `${dd.loading}: ${route.vehicle.name}` });
      if ('queued' in res) onLoaded({ ok: true, text: t.value.outbox.queued });
      else if (!res.ok) {
        saveLocalLoad(route.id, null);
        onLoaded({ ok: false, text: res.problem.detail });
      } else {
        const body = res.body;
        setAnswer(body);
        onLoaded({ ok: true, text: [dd.loadedAt(formatTime(body.loadedAt)), dd.onBoard(body.bagsLoaded), ...(body.bagsLeftBehind.length ? [dd.leftCount(body.bagsLeftBehind.length)] : [])].join(' · ') });
      }
    } finally {
      pressed.current = false;
    }
  };

  const loadedAt = answer?.loadedAt ?? route.loadedAt;
  const left = answer?.bagsLeftBehind ?? route.bagsLeftBehind;
  return (
    <section class="card load" aria-labelledby={`load-${route.id}`}>
      <h2 id={`load-${route.id}`}>{dd.loading}</h2>
      {loadedAt ? (
        <>
          <p class="ok" role="status">{dd.loadedAt(formatTime(loadedAt))}{answer ? ` · ${dd.onBoard(answer.bagsLoaded)}` : ''}</p>
          <h3>{dd.leftBehind}</h3>
          <LeftBehind bags={left} />
        </>
      ) : local ? (
        <p class="status" role="status">{dd.loadedAt(formatTime(local.at))} · {dd.loadQueued}</p>
      ) : (
        <>
          <button type="button" class="primary" disabled={early} aria-describedby={early ? hintId : undefined} onClick={() => void load()}>{dd.load}</button>
          {early && <p class="muted" id={hintId}>{dd.loadNotYet(formatWeekdayDate(route.date))}</p>}
        </>
      )}
    </section>
  );
}


/** A done stop's corrections, oldest first: when, the figure before and after, and the note. */
function CorrectionHistory({ stop, shown }: { stop: Stop; shown: (n: number | undefined) => string }) {
  const dd = t.value.driver;
  if (!stop.corrections?.length) return null;
  const line = (c: StopCorrection) => dd.corrected(formatTime(c.correctedAt),
    shown(stop.kind === 'pickup' ? c.kgBefore : c.bagsBefore), shown(stop.kind === 'pickup' ? c.kgAfter : c.bagsAfter));
  return (
    <div class="corrections">
      <h3>{dd.corrections}</h3>
      <ul>{stop.corrections.map((c) => <li key={c.id}>{line(c)}{c.note ? ` (${c.note})` : ''}</li>)}</ul>
    </div>
  );
}

/**
 * A stop's form (mark done, skip, correct): what it asks (`children`), the note, the error and
 * its two buttons; `save` is the text of the one that sends it.
 */
function StopForm({ save, onSave, onCancel, note, onNote, error, children }: {
  save: string; onSave: () => void; onCancel: () => void; note: string; onNote: (note: string) => void; error: string | null; children: ComponentChildren;
}) {
  const dd = t.value.driver;
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(); }}>
      {children}
      <label>{dd.note}<textarea rows={2} value={note} onInput={(e) => onNote((e.target as HTMLTextAreaElement).value)} /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row">
        <button type="submit" class="primary">{save}</button>
        <button type="button" onClick={onCancel}>{dd.cancel}</button>
      </div>
    </form>
  );
}

/** Opens the printable route sheet (it needs the sign-in token, so it is fetched and shown from memory). */
async function openSheet(route: DriverRoute) {
  const html = await getRouteSheet(route.sheetUrl);
  window.open(URL.createObjectURL(new Blob([html], { type: 'text/html' })), '_blank');
}

function StopCard({ route, stop, local, onSaved }: { route: DriverRoute; stop: Stop; local?: LocalOutcome; onSaved: (notice: Notice) => void }) {
  const d = t.value;
  const dd = d.driver;
  const [form, setForm] = useState<'done' | 'skip' | 'correct' | null>(null);
  const [amount, setAmount] = useState(stop.kind === 'pickup' ? String(stop.kg).replace('.', ',') : String(stop.bags));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<string>('closed');
  const [coldKept, setColdKept] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pressed = useRef(false);
  const status = local?.status ?? stop.status;
  const id = `stop-${stop.id}`;
  // Chilled or frozen bags that do not get delivered: the driver says whether they stayed cold
  // (then they go back to stock) or not (the default: they are discarded, reason temperature).
  const coldLeftOver = stop.kind === 'delivery' && stop.coldChain !== undefined && /^\d+$/.test(amount.trim()) && Number(amount) < stop.bags;
  // Before the route's day a stop cannot be done or skipped (the server refuses it): said, not offered.
  const early = route.date > today();
  // Reopened from "needs attention": this stop's form as it was sent, with why it was refused.
  const fixing = useFix('route', true, (w) => {
    const x = w.draft as { stopId: string; action: 'complete' | 'skip' | 'correct'; amount: string; note: string; reason: string } | undefined;
    if (x?.stopId !== stop.id) return false;
    setForm(x.action === 'skip' ? 'skip' : x.action === 'correct' ? 'correct' : 'done');
    setAmount(x.amount);
    setNote(x.note);
    setReason(x.reason);
    setError(w.problem.detail);
  });

  /** The figure typed (kilos with a decimal comma, or whole bags), or null with the error shown. */
  /** The stop's figure as its writes carry it: kilos collected at a pickup, bags delivered at a delivery. */
  const figureOf = (n: number) => (stop.kind === 'pickup' ? { kgCollected: n } : { bagsDelivered: n });
  /** The driver's note, or none when left empty. */
  const noteText = () => (note.trim() === '' ? undefined : note.trim());
  const typedFigure = () => {
    const n = stop.kind === 'pickup' ? parseDecimal(amount) : Number(amount);
    if (Number.isFinite(n) && n >= 0 && (stop.kind === 'pickup' || Number.isInteger(n))) return n;
    setError(stop.kind === 'pickup' ? dd.badKg : dd.badBags);
    return null;
  };

  const send = async (action: 'complete' | 'skip') => {
    if (pressed.current) return;
    const n = action === 'complete' ? typedFigure() : 0;
    if (n === null) return;
    if (action === 'skip' && reason === 'other' && note.trim() === '') {
      setError(dd.noteNeeded);
      return;
    }
    pressed.current = true;
    setError(null);
    const key = newKey();
    const at = new Date().toISOString();
    const text = noteText();
    const body = action === 'skip'
      ? { reason, note: text, completedAt: at }
      : { ...figureOf(n), ...(coldLeftOver ? { coldChainKept: coldKept } : {}), note: text, completedAt: at };
    try {
      saveLocalOutcome(stop.id, action === 'skip'
        ? { key, routeId: route.id, status: 'skipped', skipReason: reason, note: text, at }
        : { key, routeId: route.id, status: 'done', ...figureOf(n), note: text, at });
      const call = action === 'skip' ? skipStop(route.id, stop.id, body as Parameters<typeof skipStop>[2]) : completeStop(route.id, stop.id, body as Parameters<typeof completeStop>[2]);
      const answer = await write({ ...call, key, kind: 'route', label: `${stop.seq}. ${stop.site.name}`, draft: { stopId: stop.id, action, amount, note, reason }, replaces: fixing.current });
      fixing.current = null;
      setForm(null);
      if ('queued' in answer) onSaved({ ok: true, text: d.outbox.queued });
      else if (!answer.ok) {
        forgetLocalOutcomes([stop.id]);
        onSaved({ ok: false, text: answer.problem.detail });
      } else {
        const done = answer.body;
        const left = [done.bagsReturnedToStock ? dd.returnedToStock(done.bagsReturnedToStock) : '', done.bagsDiscarded ? dd.discarded(done.bagsDiscarded) : ''].filter(Boolean);
        onSaved({ ok: true, text: [done.planChanged ? dd.keptOnOldPlan : d.outbox.saved, ...left].join(' · ') });
      }
    } finally {
      pressed.current = false;
    }
  };

  // The stop's figure now: what this phone recorded (not sent yet) or what the server shows.
  const figure = stop.kind === 'pickup' ? (local?.kgCollected ?? stop.kgCollected) : (local?.bagsDelivered ?? stop.bagsDelivered);
  const pendingCorrection = localCorrections()[stop.id];
  const shown = (n: number | undefined) => (n === undefined ? '' : stop.kind === 'pickup' ? formatKg(n) : dd.bagCount(n));

  /** "Korjaa": a new figure for a done stop, through the outbox like every driver write (also offline), recorded once. */
  const correct = async () => {
    if (pressed.current) return;
    const n = typedFigure();
    if (n === null) return;
    if (n === (pendingCorrection?.value ?? figure)) {
      setError(dd.sameFigure);
      return;
    }
    pressed.current = true;
    setError(null);
    const key = newKey();
    const at = new Date().toISOString();
    const text = noteText();
    try {
      saveLocalCorrection(stop.id, { key, value: n, at });
      const call = correctStop(route.id, stop.id, { ...figureOf(n), note: text, correctedAt: at });
      const answer = await write({ ...call, key, kind: 'route', label: `${dd.correct}: ${stop.seq}. ${stop.site.name}`, draft: { stopId: stop.id, action: 'correct', amount, note, reason }, replaces: fixing.current });
      fixing.current = null;
      setForm(null);
      if ('queued' in answer) onSaved({ ok: true, text: d.outbox.queued });
      else {
        saveLocalCorrection(stop.id, null);
        onSaved(answer.ok ? { ok: true, text: d.outbox.saved } : { ok: false, text: answer.problem.detail });
      }
    } finally {
      pressed.current = false;
    }
  };
  // After the route's day only a coordinator corrects (the server refuses the driver): said, not offered.
  const correctLate = route.date < today();

  const task = lang.value === 'fi' ? stop.actionFi : stop.action;
  // Before the route's day nothing can be marked; a delivery waits for the loading (pressed on this phone counts: the outbox sends it first).
  const loaded = Boolean(route.loadedAt ?? localLoads()[route.id]);
  const blocked = early ? dd.notYet(formatWeekdayDate(route.date))
    : stop.kind === 'delivery' && !loaded ? dd.loadFirst : null;
  const blockedId = `${id}-blocked`;
  const loadedAt = route.loadedAt ?? localLoads()[route.id]?.at;
  const figureField = (
    <label>{stop.kind === 'pickup' ? dd.kgCollected : dd.bagsDelivered}
      <input inputMode={stop.kind === 'pickup' ? 'decimal' : 'numeric'} value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
    </label>
  );
  const formOf = { note, onNote: setNote, error, onCancel: () => setForm(null) };
  const rideSoFar = stop.kind === 'delivery' && stop.coldChain && status === 'planned' && loadedAt && !route.vehicle.refrigerated
    ? Math.max(0, Math.round((Date.now() - Date.parse(loadedAt)) / 60_000)) : null;
  // The server's ride limit of the coldest class on board (CHILLED_RIDE_MAX_MIN / FROZEN_RIDE_MAX_MIN): what the phone counts towards.
  const rideLimit = stop.coldChain ? rideLimitMinutes([stop.coldChain]) : null;
  return (
    <li class={`card stop ${status}`} aria-labelledby={id}>
      <h2 id={id}>
        <span class="seq">{stop.seq}</span> {dd.eta} {formatTime(stop.arrival)} · {stop.site.name}
      </h2>
      <p class="badges">
        <span class="badge">{stop.kind === 'pickup' ? dd.pickup : dd.delivery}</span>
        {stop.coldChain && <span class={`badge cold ${stop.coldChain}`}>{d.terms.temperatureClass[stop.coldChain]}</span>}
        {stop.change && <span class="badge changed">{stop.change === 'added' ? dd.added : dd.updated}</span>}
        {stop.rideMinutes !== undefined && <span class="badge ride">{dd.ride(stop.rideMinutes)}</span>}
      </p>
      {rideSoFar !== null && rideLimit !== null && <p class={rideSoFar > rideLimit ? 'status warn' : 'muted'}>{dd.rideSoFar(rideSoFar, rideLimit)}</p>}
      <p><strong>{task}</strong></p>
      <dl class="facts">
        <dt>{dd.window}</dt><dd>{formatTime(stop.windowStart)}–{formatTime(stop.windowEnd)}</dd>
        <dt>{dd.address}</dt><dd>{placeLine(stop.site.address, stop.site.municipality)}</dd>
        {(stop.site.contactName || stop.site.contact || stop.site.phone) && <><dt>{dd.contact}</dt><dd>{[stop.site.contactName, stop.site.phone, stop.site.contact].filter(Boolean).join(', ')}</dd></>}
      </dl>
      <div class="row">
        <a class="button" href={stop.navigationUrl} target="_blank" rel="noopener">{dd.navigate}</a>
        {stop.site.phone && <a class="button" href={telHref(stop.site.phone)}>{dd.call}</a>}
      </div>
      {status !== 'planned' && (
        <p class={status === 'done' ? 'ok' : 'status'} role="status">
          {status === 'done' ? dd.doneText : `${dd.skippedText}: ${dd.reasons[(local?.skipReason ?? stop.skipReason) as keyof typeof dd.reasons] ?? ''}`}
          {stop.kind === 'delivery' && status === 'done' && ` · ${dd.bagsDelivered} ${local?.bagsDelivered ?? stop.bagsDelivered ?? ''}`}
          {stop.kind === 'pickup' && status === 'done' && ` · ${dd.collected} ${formatKg(local?.kgCollected ?? stop.kgCollected ?? 0)}`}
          {local && ` · ${dd.notSentYet}`}
        </p>
      )}
      {status === 'done' && <CorrectionHistory stop={stop} shown={shown} />}
      {status === 'done' && pendingCorrection && <p class="status" role="status">{dd.correctionPending(shown(pendingCorrection.value))}</p>}
      {status === 'done' && form === null && (
        <>
          <button type="button" disabled={correctLate} aria-describedby={correctLate ? `${id}-late` : undefined}
            onClick={() => { setAmount(String(pendingCorrection?.value ?? figure ?? '').replace('.', ',')); setNote(''); setError(null); setForm('correct'); }}>{dd.correct}</button>
          {correctLate && <p class="muted" id={`${id}-late`}>{dd.correctOnlyCoordinator}</p>}
        </>
      )}
      {status === 'done' && form === 'correct' && (
        <StopForm save={dd.saveCorrection} onSave={() => void correct()} {...formOf}>{figureField}</StopForm>
      )}
      {status === 'planned' && form === null && (
        <>
          <div class="row">
            <button type="button" class="primary" disabled={blocked !== null} aria-describedby={blocked ? blockedId : undefined} onClick={() => { setAmount(stop.kind === 'pickup' ? String(stop.kg).replace('.', ',') : String(stop.bags)); setForm('done'); }}>{dd.markDone}</button>
            <button type="button" disabled={early} aria-describedby={early ? blockedId : undefined} onClick={() => setForm('skip')}>{dd.skip}</button>
          </div>
          {blocked && <p class="muted" id={blockedId}>{blocked}</p>}
        </>
      )}
      {status === 'planned' && form === 'done' && (
        <StopForm save={dd.save} onSave={() => void send('complete')} {...formOf}>
          {figureField}
          {coldLeftOver && (
            <div class="cold-left">
              <label class="inline">
                <input type="checkbox" checked={coldKept} aria-describedby={`${id}-cold`} onChange={(e) => setColdKept((e.target as HTMLInputElement).checked)} />
                {dd.coldChainKept}
              </label>
              <p class="muted" id={`${id}-cold`}>{dd.coldChainHint(stop.bags - Number(amount))}</p>
            </div>
          )}
        </StopForm>
      )}
      {status === 'planned' && form === 'skip' && (
        <StopForm save={dd.skipSave} onSave={() => void send('skip')} {...formOf}>
          <label>{dd.reason}
            <select value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
              {SKIP_REASONS.map((r) => <option key={r} value={r}>{dd.reasons[r]}</option>)}
            </select>
          </label>
        </StopForm>
      )}
    </li>
  );
}

/**
 * The driver's day, offline first: today's and tomorrow's routes kept on the phone, each stop
 * with its ETA, window, address, task, contact (tap to call) and a navigation link; marking a
 * stop done or skipped goes through the outbox, shows at once, and reaches the server once,
 * in order, when the network is back. A stop a newer plan changed says so.
 */
export default function DriverDay() {
  const d = t.value;
  const dd = d.driver;
  const [date, setDate] = useState(today());
  const [routes, setRoutes] = useState<DriverRoute[] | null>(null);
  const [replaced, setReplaced] = useState(0);
  const [failed, setFailed] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const reload = async (which = date) => {
    try {
      const res = await loadRoutes(which);
      const shownByServer = res.items.flatMap((r) => r.stops).filter((s) => s.status !== 'planned').map((s) => s.id);
      const refused = new Set(attention.value.map((w) => w.key));
      forgetLocalOutcomes([...shownByServer, ...Object.entries(localOutcomes()).filter(([, o]) => refused.has(o.key)).map(([id]) => id)]);
      const shownCorrections = new Set(res.items.flatMap((r) => r.stops).flatMap((s) => (s.corrections ?? []).map((c) => `${s.id}|${c.correctedAt}`)));
      for (const [stopId, c] of Object.entries(localCorrections())) {
        if (shownCorrections.has(`${stopId}|${new Date(c.at).toISOString()}`) || refused.has(c.key)) saveLocalCorrection(stopId, null);
      }
      for (const [routeId, l] of Object.entries(localLoads())) {
        if (res.items.some((r) => r.id === routeId && r.loadedAt) || refused.has(l.key)) saveLocalLoad(routeId, null);
      }
      setReplaced(noteSeenRoutes(which, res.items).replaced.length);
      setRoutes(res.items);
      setFailed(false);
    } catch {
      setFailed(true);
      setRoutes([]);
    }
  };

  useEffect(() => {
    setNotice(null);
    void reload(date);
    // Keep the other day on the phone too, for a morning with no coverage.
    void loadRoutes(date === today() ? tomorrow() : today()).catch(() => undefined);
  }, [date]);
  // When waiting saves go out, the server's view replaces the phone's.
  useEffect(() => {
    const again = () => void sendWaiting().then(() => reload());
    addEventListener('online', again);
    return () => removeEventListener('online', again);
  }, [date]);

  const local = localOutcomes();
  return (
    <section>
      <h1>{dd.title}</h1>
      <div class="row tabs" role="group" aria-label={dd.day}>
        <button type="button" aria-pressed={date === today()} onClick={() => setDate(today())}>{dd.today}</button>
        <button type="button" aria-pressed={date === tomorrow()} onClick={() => setDate(tomorrow())}>{dd.tomorrow}</button>
      </div>
      <p class="muted">{formatWeekdayDate(date)}</p>
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>}
      {replaced > 0 && <p class="status" role="status">{dd.routeReplaced}</p>}
      {failed && <p class="status warn" role="alert">{d.errors.network}</p>}
      {routes !== null && routes.length === 0 && !failed && <p class="muted">{dd.noRoute}</p>}
      {(routes ?? []).map((r) => (
        <article key={r.id} class="route" aria-label={`${r.vehicle.name} ${formatTime(r.start)}`}>
          <div class="card">
            <h2>{vehicleLine(r.vehicle.name, r.vehicle.refrigerated, dd.refrigerated)}</h2>
            <p>{dd.leaves} {formatTime(r.start)} {r.depot.name} · {dd.back} {formatTime(r.end)} · {formatKm(r.distanceKm)} km</p>
            {r.replacesVersion && <p class="status" role="status">{dd.replan(r.planVersion)}</p>}
            <div class="row">
              {r.navigation.map((leg, i) => (
                <a key={leg.url} class="button" href={leg.url} target="_blank" rel="noopener">
                  {r.navigation.length === 1 ? dd.wholeRoute : dd.leg(i + 1, r.navigation.length)}
                </a>
              ))}
              <button type="button" onClick={() => void openSheet(r)}>{dd.sheet}</button>
            </div>
          </div>
          <LoadCard route={r} onLoaded={(n) => { setNotice({ ...n, text: `${n.text} (${formatDateTime(new Date())})` }); void reload(); }} />
          <ol class="stops">
            {r.stops.map((s) => (
              <StopCard key={s.id} route={r} stop={s} local={local[s.id]}
                onSaved={(n) => { setNotice({ ...n, text: `${n.text} (${formatDateTime(new Date())})` }); void reload(); }} />
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
