import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { write } from '../../lib/write.ts';
import { getNotifications, type Notice } from './api/get-notifications.ts';
import { markRead as markReadCall } from './api/mark-read.ts';

/** My messages, newest first; unread ones can be marked read. */
export default function Notifications() {
  const d = t.value;
  const [items, setItems] = useState<Notice[]>([]);
  const reload = () => getNotifications().then((r) => setItems(r.items)).catch(() => undefined);
  useEffect(() => { void reload(); }, []);

  const markRead = async (n: Notice) => {
    await write({ ...markReadCall(n.id), kind: 'notifications', label: `${d.volunteer.markRead}: ${n.title}` });
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
