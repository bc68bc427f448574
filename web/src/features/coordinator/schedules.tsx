import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { parseDecimal } from '../../lib/format.ts';
import { outcome, useFix } from '../../lib/forms.ts';
import { write, type Call } from '../../lib/write.ts';
import type { Problem } from '../../lib/api.ts';
import type { Site } from './coordinator.ts';
import { createDistributionDay } from './api/create-distribution-day.ts';
import { createPickupSchedule } from './api/create-pickup-schedule.ts';
import { getSchedules, type DistributionDay, type PickupSchedule } from './api/get-schedules.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const blank = { weekdays: [] as string[], weekday: 'mon', start: '', end: '', expectedKg: '', refrigerated: false };

/**
 * A donor's pickup schedules or a point's distribution days, listed, with a form to add one
 * (the server's Finnish message on the field it refuses).
 */
export function Schedules({ sites }: { sites: Site[] }) {
  const d = t.value;
  const dm = d.coordinator.master;
  const [siteId, setSiteId] = useState('');
  const [rows, setRows] = useState<(PickupSchedule | DistributionDay)[]>([]);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const site = sites.find((s) => s.id === siteId);
  const path = site && `/sites/${site.id}/${site.kind === 'donor' ? 'pickup-schedules' : 'distribution-days'}`;

  const reload = () => {
    setRows([]);
    if (path) void getSchedules(path).then(setRows).catch(() => undefined);
  };
  // Reopened from "needs attention": the site chosen, then its form as sent with the server's messages.
  const reopen = useRef<{ form: typeof blank; problem: Problem } | null>(null);
  const fixing = useFix('master', sites.length > 0, (w) => {
    const x = w.draft as { siteId: string; form: typeof blank } | undefined;
    if (w.form !== 'schedule' || !x) return false;
    reopen.current = { form: x.form, problem: w.problem };
    setSiteId(x.siteId);
  });
  useEffect(() => {
    const r = reopen.current;
    reopen.current = null;
    const o = r && outcome({ ok: false, problem: r.problem, key: '' }, d.outbox);
    setForm(r?.form ?? blank);
    setErrors(o?.errors ?? {});
    setNotice(o?.notice ?? null);
    reload();
  }, [path]);

  const save = async () => {
    if (!site || !path) return;
    // The days are the form's WEEKDAYS; the server checks them like every field.
    const call: Call = site.kind === 'donor'
      ? createPickupSchedule(site.id, { weekdays: form.weekdays, windowStart: form.start, windowEnd: form.end, expectedKg: parseDecimal(form.expectedKg), requiresRefrigeration: form.refrigerated } as Parameters<typeof createPickupSchedule>[1])
      : createDistributionDay(site.id, { weekday: form.weekday, start: form.start, end: form.end } as Parameters<typeof createDistributionDay>[1]);
    const res = await write({ ...call, kind: 'master', label: `${site.kind === 'donor' ? dm.addSchedule : dm.addDay}: ${site.name}`,
      draft: { siteId, form }, form: 'schedule', replaces: fixing.current });
    fixing.current = 'ok' in res && !res.ok ? res.key : null;
    const o = outcome(res, d.outbox);
    setErrors(o.errors);
    setNotice(o.notice);
    if (o.saved) {
      setForm(blank);
      reload();
    }
  };

  const time = (key: 'start' | 'end', name: string, label: string) => (
    <label class={errors[name] ? 'field-error' : undefined}>{label}
      <input type="time" value={form[key]} onInput={(e) => setForm({ ...form, [key]: (e.target as HTMLInputElement).value })} />
      {errors[name] && <span class="error">{errors[name]}</span>}
    </label>
  );
  const days = (list: string[]) => list.map((w) => dm.days[w] ?? w).join(', ');
  const donor = site?.kind === 'donor';

  return (
    <div class="card">
      <h2>{dm.schedules}</h2>
      <label>{dm.site}
        <select value={siteId} onChange={(e) => setSiteId((e.target as HTMLSelectElement).value)}>
          <option value="">{dm.chooseSite}</option>
          {sites.filter((s) => s.kind !== 'depot').map((s) => <option key={s.id} value={s.id}>{s.name} ({dm.kinds[s.kind]})</option>)}
        </select>
      </label>
      {site && (
        <>
          <h3>{donor ? dm.pickupSchedules : dm.distributionDays}</h3>
          {rows.length > 0 ? (
            <ul class="plain">
              {rows.map((r) => 'weekdays' in r
                ? <li key={r.id}>{days(r.weekdays)} {r.windowStart}–{r.windowEnd} · {r.expectedKg} kg{r.requiresRefrigeration ? ` · ${dm.refrigeration}` : ''}</li>
                : <li key={r.id}>{days([r.weekday])} {r.start}–{r.end}</li>)}
            </ul>
          ) : <p class="muted">{dm.none}</p>}
          {donor ? (
            <fieldset class={errors.weekdays ? 'field-error' : undefined}>
              <legend>{dm.weekdays}</legend>
              {WEEKDAYS.map((w) => (
                <label key={w} class="inline">
                  <input type="checkbox" checked={form.weekdays.includes(w)}
                    onChange={(e) => setForm({ ...form, weekdays: (e.target as HTMLInputElement).checked ? [...form.weekdays, w] : form.weekdays.filter((x) => x !== w) })} />
                  {dm.days[w]}
                </label>
              ))}
              {errors.weekdays && <span class="error">{errors.weekdays}</span>}
            </fieldset>
          ) : (
            <label>{dm.weekday}
              <select value={form.weekday} onChange={(e) => setForm({ ...form, weekday: (e.target as HTMLSelectElement).value })}>
                {WEEKDAYS.map((w) => <option key={w} value={w}>{dm.days[w]}</option>)}
              </select>
            </label>
          )}
          <div class="grid2">{time('start', donor ? 'windowStart' : 'start', dm.start)}{time('end', donor ? 'windowEnd' : 'end', dm.end)}</div>
          {donor && (
            <>
              <label class={errors.expectedKg ? 'field-error' : undefined}>{dm.expectedKg}
                <input inputMode="decimal" value={form.expectedKg} onInput={(e) => setForm({ ...form, expectedKg: (e.target as HTMLInputElement).value })} />
                {errors.expectedKg && <span class="error">{errors.expectedKg}</span>}
              </label>
              <label class="inline">
                <input type="checkbox" checked={form.refrigerated} onChange={(e) => setForm({ ...form, refrigerated: (e.target as HTMLInputElement).checked })} />
                {dm.refrigeration}
              </label>
            </>
          )}
          {notice && <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>}
          <button type="button" class="primary" onClick={() => void save()}>{donor ? dm.addSchedule : dm.addDay}</button>
        </>
      )}
    </div>
  );
}
