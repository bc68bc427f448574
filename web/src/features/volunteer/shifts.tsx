import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { session } from '../../lib/session.ts';
import { usePress, write, type Call } from '../../lib/write.ts';
import { cancelSignup } from './api/cancel-signup.ts';
import { getMe } from './api/get-me.ts';
import { getShifts, type Shift } from './api/get-shifts.ts';
import { signUp } from './api/sign-up.ts';
// The server's own rule: a packing shift needs a hygiene passport valid on the shift's day.
import { hasValidHygienePassport } from '../../../../src/domain/shifts.ts';

/** My shifts and the open ones: sign up for a shift with room, cancel my own before it starts. */
export default function Shifts() {
  const d = t.value;
  const [items, setItems] = useState<Shift[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [passportUntil, setPassportUntil] = useState<string | null | undefined>(undefined);
  const { press } = usePress();
  const reload = () => getShifts().then(setItems).catch(() => undefined);
  useEffect(() => { void reload(); }, []);
  useEffect(() => {
    void getMe().then((me) => setPassportUntil(me.hygienePassportUntil ?? null)).catch(() => undefined);
  }, []);
  /** Why I may not sign up for this shift, said before I tap (only known once my details are in). */
  const whyNot = (s: Shift) => {
    if (s.kind !== 'packing' || passportUntil === undefined || hasValidHygienePassport(passportUntil, new Date(s.end))) return null;
    return passportUntil === null ? d.volunteer.needsPassport : d.volunteer.passportExpired(formatDate(passportUntil));
  };

  const send = (call: Call, label: string) => press(async () => {
    const res = await write({ ...call, kind: 'shifts', label });
    setNotice('ok' in res && !res.ok ? { ok: false, text: res.problem.detail } : { ok: true, text: d.outbox.saved });
    await reload();
  });

  const live = items.filter((s) => !s.cancelled);
  const mine = live.filter((s) => s.signedUpByMe);
  const open = live.filter((s) => !s.signedUpByMe && s.short > 0);
  const card = (s: Shift, action: 'signUp' | 'cancel') => {
    const what = `${d.volunteer.kind[s.kind]} · ${formatDateTime(new Date(s.start))}`;
    return (
      <article class="card" key={s.id}>
        <h3>{what}</h3>
        <p class="muted">{d.volunteer.until(formatDateTime(new Date(s.end)))} · {d.volunteer.people(s.signedUp, s.needed)}{s.note ? ` · ${s.note}` : ''}</p>
        {action === 'signUp' && whyNot(s)
          ? <p class="status warn">{whyNot(s)}</p>
          : action === 'signUp'
          ? <button type="button" class="primary" onClick={() => void send(signUp(s.id), `${d.volunteer.signUp}: ${what}`)}>{d.volunteer.signUp}</button>
          : <button type="button" onClick={() => void send(cancelSignup(s.id, session.value!.user.id), `${d.volunteer.cancel}: ${what}`)}>{d.volunteer.cancel}</button>}
      </article>
    );
  };

  return (
    <section>
      <h1>{d.volunteer.shiftsTitle}</h1>
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role="status">{notice.text}</p>}
      <h2>{d.volunteer.mine}</h2>
      {mine.length === 0 ? <p class="muted">{d.volunteer.noneMine}</p> : mine.map((s) => card(s, 'cancel'))}
      <h2>{d.volunteer.open}</h2>
      {open.length === 0 ? <p class="muted">{d.volunteer.noneOpen}</p> : open.map((s) => card(s, 'signUp'))}
    </section>
  );
}
