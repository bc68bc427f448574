import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { Problem } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { write } from '../../lib/write.ts';
import { getFailedNotifications, type Failed } from './api/get-failed-notifications.ts';
import { getUsers } from './api/get-users.ts';
import { resendNotification } from './api/resend-notification.ts';


/** Messages that could not be sent after every retry, with their recipient and last error; each can be sent again. */
export default function FailedMessages() {
  const d = t.value;
  const ds = d.staff;
  const [items, setItems] = useState<Failed[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const reload = async () => {
    const res = await getFailedNotifications().catch(() => null);
    if (res?.status === 200) setItems((res.body as { items: Failed[] }).items);
    else setNotice({ ok: false, text: (res?.body as Problem | undefined)?.detail ?? d.errors.network });
  };
  useEffect(() => {
    void reload();
    void getUsers().then((r) => setNames(Object.fromEntries(r.items.map((u) => [u.id, u.name])))).catch(() => undefined);
  }, []);

  const resend = async (n: Failed) => {
    const res = await write({ ...resendNotification(n.id), kind: 'failed-messages', label: `${ds.resend}: ${n.title}` });
    setNotice('queued' in res ? { ok: true, text: d.outbox.queued } : res.ok ? { ok: true, text: ds.resent } : { ok: false, text: res.problem.detail });
    await reload();
  };

  return (
    <section>
      <h1>{ds.failedTitle}</h1>
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>}
      {items && items.length === 0 && <p class="muted">{ds.noFailed}</p>}
      {items?.map((n) => (
        <article class="card" key={n.id}>
          <h2>{n.title}</h2>
          <p>{names[n.userId] ?? ''}{n.channel ? ` · ${ds.channel[n.channel]}` : ''} · {ds.attempts(n.attempts)} · {formatDateTime(new Date(n.createdAt))}</p>
          {n.lastError && <p class="muted">{n.lastError}</p>}
          <button type="button" class="primary" onClick={() => void resend(n)}>{ds.resend}</button>
        </article>
      ))}
    </section>
  );
}
