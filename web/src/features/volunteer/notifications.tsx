import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { enqueue, flush, newKey } from '../../lib/outbox.ts';
import { loadNotices, type Notice } from './volunteer.ts';

/** My messages, newest first; unread ones can be marked read. */
export default function Notifications() {
  const d = t.value;
  const [items, setItems] = useState<Notice[]>([]);
  const reload = () => loadNotices().then((r) => setItems(r.items)).catch(() => undefined);
  useEffect(() => { void reload(); }, []);

  const markRead = async (n: Notice) => {
    await enqueue({ key: newKey(), method: 'POST', path: `/me/notifications/${n.id}/read`, body: {}, kind: 'notifications', label: `${d.volunteer.markRead}: ${n.title}` });
    await flush();
    await reload();
  };

  return (
    <section>
      <h1>{d.volunteer.notificationsTitle}</h1>
      {items.length === 0 && <p class="muted">{d.volunteer.noNotifications}</p>}
      {items.map((n) => (
        <article class="card" key={n.id}>
          <h2>{n.read ? n.title : `${d.volunteer.unread}: ${n.title}`}</h2>
          <p>{n.body}</p>
          <p class="muted">{formatDateTime(new Date(n.createdAt))}</p>
          {!n.read && <button type="button" onClick={() => void markRead(n)}>{d.volunteer.markRead}</button>}
        </article>
      ))}
    </section>
  );
}
