import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime, todayInHelsinki } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { newKey } from '../../lib/outbox.ts';
import { write } from '../../lib/write.ts';
import { loadSites, type Site } from './coordinator.ts';
import { addDays, fieldErrors, helsinkiInstant, type AttendanceRecord, type StaffShift } from './staff.ts';
import { createShifts } from './api/create-shifts.ts';
import { getShifts } from './api/get-shifts.ts';
import { recordAttendance } from './api/record-attendance.ts';

const KINDS = ['warehouse', 'packing', 'driving', 'point'] as const;
const blank = { kind: 'warehouse', siteId: '', date: addDays(todayInHelsinki(), 1), start: '08:00', end: '12:00', needed: '2', weeks: '1', note: '' };
type Notice = { ok: boolean; text: string } | null;
const noticeOf = (n: Notice) => n && <p class={n.ok ? 'ok' : 'status warn'} role={n.ok ? 'status' : 'alert'}>{n.text}</p>;

/** One signed-up volunteer's attendance after the shift: present or a no-show, and the minutes. */
function AttendanceRow({ shift, signup, onSaved }: { shift: StaffShift; signup: { userId: string; name: string }; onSaved: () => void }) {
  const ds = t.value.staff;
  const recorded = shift.attendance?.find((a) => a.userId === signup.userId);
  const [present, setPresent] = useState(recorded?.present ?? true);
  const [minutes, setMinutes] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const id = `att-${shift.id}-${signup.userId}`;
  const said = (a: AttendanceRecord) => (a.present ? `${ds.present}, ${ds.minutesText(a.minutes)}` : ds.noShow);
  // Reopened from "needs attention": this person's attendance as it was sent, with why it was refused.
  const fixing = useFix('shift-plan', true, (w) => {
    const x = w.draft as { shiftId: string; userId: string; present: boolean; minutes: string } | undefined;
    if (x?.shiftId !== shift.id || x.userId !== signup.userId) return false;
    setPresent(x.present);
    setMinutes(x.minutes);
    setNotice({ ok: false, text: Object.values(fieldErrors(w.problem))[0] ?? w.problem.detail });
  });

  const save = async () => {
    const body = { userId: signup.userId, present, minutes: present && minutes.trim() !== '' ? Number(minutes) : undefined };
    const res = await write({ ...recordAttendance(shift.id, body), kind: 'shift-plan', label: `${ds.attendance}: ${signup.name}`,
      draft: { shiftId: shift.id, userId: signup.userId, present, minutes }, form: 'attendance', subject: signup.userId, replaces: fixing.current });
    fixing.current = 'ok' in res && !res.ok ? res.key : null;
    if ('queued' in res) setNotice({ ok: true, text: t.value.outbox.queued });
    else if (!res.ok) setNotice({ ok: false, text: Object.values(fieldErrors(res.problem))[0] ?? res.problem.detail });
    else {
      setNotice({ ok: true, text: t.value.outbox.saved });
      onSaved();
    }
  };

  return (
    <fieldset class="line">
      <legend>{signup.name}</legend>
      {recorded && <p class="muted">{ds.recorded(said(recorded))}</p>}
      {recorded && recorded.history.length > 0 && <p class="muted">{ds.correctedFrom(recorded.history.map(said))}</p>}
      <div class="row tabs" role="group" aria-label={`${ds.attendance}: ${signup.name}`}>
        <button type="button" aria-pressed={present} onClick={() => setPresent(true)}>{ds.present}</button>
        <button type="button" aria-pressed={!present} onClick={() => setPresent(false)}>{ds.noShow}</button>
      </div>
      <label for={id}>{ds.minutes}</label>
      <input id={id} inputMode="numeric" disabled={!present} value={present ? minutes : ''} onInput={(e) => setMinutes((e.target as HTMLInputElement).value)} />
      {noticeOf(notice)}
      <button type="button" onClick={() => void save()}>{ds.saveAttendance}</button>
    </fieldset>
  );
}

/**
 * Shifts by period with those short of people marked (or only those), a form for a new shift
 * or a weekly series (the server's Finnish message on the field it refuses), and for each
 * shift the attendance of those who signed up.
 */
export default function ShiftPlan() {
  const d = t.value;
  const ds = d.staff;
  const [sites, setSites] = useState<Site[]>([]);
  const [from, setFrom] = useState(todayInHelsinki());
  const [to, setTo] = useState(addDays(todayInHelsinki(), 13));
  const [shortOnly, setShortOnly] = useState(false);
  const [shifts, setShifts] = useState<StaffShift[]>([]);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [listError, setListError] = useState<string | null>(null);

  const reload = async () => {
    setListError(null);
    try {
      setShifts(await getShifts(from, to, shortOnly));
    } catch (err) {
      setListError((err as Error).message || d.errors.network);
    }
  };
  useEffect(() => { void loadSites().then((r) => setSites(r.items)).catch(() => undefined); }, []);
  useEffect(() => { void reload(); }, [from, to, shortOnly]);

  // Reopened from "needs attention": a new shift's form as sent, or the attendance of a shift (its row fills itself in).
  const [reopened, setReopened] = useState<{ create: boolean; shiftId?: string }>({ create: false });
  const session = useRef<string>(newKey());
  const fixing = useFix('shift-plan', sites.length > 0, (w) => {
    const x = w.draft as { form?: typeof blank; shiftId?: string } | undefined;
    if (x?.shiftId) { setReopened({ create: false, shiftId: x.shiftId }); return false; }
    if (!x?.form) return false;
    session.current = w.subject ?? w.key;
    setForm(x.form);
    setErrors(fieldErrors(w.problem));
    setNotice({ ok: false, text: w.problem.detail });
    setReopened({ create: true });
  });
  const siteKind = form.kind === 'point' ? 'point' : 'depot';
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? '';

  const save = async () => {
    const body = {
      kind: form.kind, siteId: form.siteId, start: helsinkiInstant(form.date, form.start), end: helsinkiInstant(form.date, form.end),
      needed: Number(form.needed), weeks: Number(form.weeks) > 1 ? Number(form.weeks) : undefined, note: form.note.trim() || undefined,
    };
    const res = await write({ ...createShifts(body as Parameters<typeof createShifts>[0]), kind: 'shift-plan', label: `${ds.create}: ${d.volunteer.kind[form.kind]} ${form.date}`,
      draft: { form }, form: 'shift', subject: session.current, replaces: fixing.current });
    fixing.current = 'ok' in res && !res.ok ? res.key : null;
    if ('ok' in res && res.ok) session.current = newKey();
    if ('queued' in res) setNotice({ ok: true, text: d.outbox.queued });
    else if (!res.ok) {
      setErrors(fieldErrors(res.problem));
      setNotice({ ok: false, text: res.problem.detail });
    } else {
      setErrors({});
      setNotice({ ok: true, text: ds.created(res.body.items.length) });
      void reload();
    }
  };

  const field = (name: 'date' | 'start' | 'end' | 'needed' | 'weeks' | 'note', label: string, type: 'date' | 'time' | 'text' = 'text', mode?: 'numeric') => (
    <label class={errors[name] ? 'field-error' : undefined}>{label}
      <input type={type as 'text'} inputMode={mode} value={form[name]} onInput={(e) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value })} />
      {errors[name] && <span class="error">{errors[name]}</span>}
    </label>
  );

  return (
    <section>
      <h1>{ds.shiftsTitle}</h1>
      <details class="card" open={reopened.create || undefined}>
        <summary>{ds.create}</summary>
        <label>{ds.kind}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: (e.target as HTMLSelectElement).value, siteId: '' })}>
            {KINDS.map((k) => <option key={k} value={k}>{d.volunteer.kind[k]}</option>)}
          </select>
        </label>
        <label class={errors.siteId ? 'field-error' : undefined}>{ds.site}
          <select value={form.siteId} onChange={(e) => setForm({ ...form, siteId: (e.target as HTMLSelectElement).value })}>
            <option value="">{ds.chooseSite}</option>
            {sites.filter((s) => s.kind === siteKind).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          {errors.siteId && <span class="error">{errors.siteId}</span>}
        </label>
        {field('date', ds.date, 'date')}
        <div class="grid2">{field('start', ds.start, 'time')}{field('end', ds.end, 'time')}</div>
        <div class="grid2">{field('needed', ds.needed, 'text', 'numeric')}{field('weeks', ds.weeks, 'text', 'numeric')}</div>
        {field('note', ds.note)}
        {noticeOf(notice)}
        <button type="button" class="primary" onClick={() => void save()}>{ds.save}</button>
      </details>
      <div class="card">
        <div class="grid2">
          <label>{ds.from}<input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
          <label>{ds.to}<input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        </div>
        <label class="row" style="flex-wrap:nowrap;align-items:center"><input type="checkbox" style="width:auto;min-height:24px;margin:0" checked={shortOnly} onChange={(e) => setShortOnly((e.target as HTMLInputElement).checked)} />{ds.shortOnly}</label>
      </div>
      {listError && <p class="status warn" role="alert">{listError}</p>}
      {shifts.length === 0 && <p class="muted">{ds.noShifts}</p>}
      {shifts.map((s) => (
        <article class="card" key={s.id}>
          <h2>{d.volunteer.kind[s.kind]} · {formatDateTime(new Date(s.start))}</h2>
          <div class="badges">
            {s.cancelled ? <span class="badge">{ds.cancelled}</span> : s.short > 0 && <span class="badge changed">{ds.short(s.short)}</span>}
          </div>
          <p class="muted">{siteName(s.siteId)} · {d.volunteer.until(formatDateTime(new Date(s.end)))} · {d.volunteer.people(s.signedUp, s.needed)}{s.note ? ` · ${s.note}` : ''}</p>
          <details open={reopened.shiftId === s.id || undefined}>
            <summary>{ds.attendance}</summary>
            {(s.signups ?? []).length === 0 ? <p class="muted">{ds.noSignups}</p>
              : s.signups!.map((u) => <AttendanceRow key={u.userId} shift={s} signup={u} onSaved={() => void reload()} />)}
          </details>
        </article>
      ))}
    </section>
  );
}
