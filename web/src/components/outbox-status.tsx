import { t } from '../i18n/index.ts';
import { attention, drop, pending } from '../lib/outbox.ts';
import { needsSignIn } from '../lib/session.ts';
import { navigate } from '../lib/router.ts';

/** "N tallennusta odottaa yhteyttä", the sign-in request on 401, and the writes that need attention. */
export function OutboxStatus() {
  const d = t.value;
  return (
    <>
      {pending.value > 0 && <p class="status" role="status">{d.outbox.waiting(pending.value)}</p>}
      {needsSignIn.value && <p class="status warn" role="alert">{d.outbox.signInAgain}</p>}
      {attention.value.length > 0 && (
        <section class="card attention" aria-labelledby="attention-title">
          <h2 id="attention-title">{d.outbox.attention}</h2>
          <ul>
            {attention.value.map((w) => (
              <li key={w.key}>
                <strong>{w.label}</strong>
                <p class="error">{w.problem?.detail}</p>
                <div class="row">
                  <button type="button" onClick={() => navigate(w.kind, { fix: w.key })}>{d.outbox.fix}</button>
                  <button type="button" onClick={() => void drop(w.key)}>{d.outbox.drop}</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
