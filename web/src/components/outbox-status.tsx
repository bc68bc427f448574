import { t } from '../i18n/index.ts';
import { attention, drop, pending, screenOf } from '../lib/outbox.ts';
import { needsSignIn } from '../lib/session.ts';
import { navigate } from '../lib/router.ts';

/**
 * "N tallennusta odottaa yhteyttä", the sign-in request on 401, and the writes that need
 * attention: on a screen only those it made (the start screen lists them all), each with the
 * server's message, a way back to its form filled in, and a way to drop it.
 */
export function OutboxStatus({ screen }: { screen: string }) {
  const d = t.value;
  const mine = attention.value.filter((w) => screen === '' || screenOf(w.kind) === screen);
  return (
    <>
      {pending.value > 0 && <p class="status" role="status">{d.outbox.waiting(pending.value)}</p>}
      {needsSignIn.value && <p class="status warn" role="alert">{d.outbox.signInAgain}</p>}
      {mine.length > 0 && (
        <section class="card attention" aria-labelledby="attention-title">
          <h2 id="attention-title">{d.outbox.attention}</h2>
          <ul>
            {mine.map((w) => (
              <li key={w.key}>
                <strong>{w.label}</strong>
                <p class="error">{w.problem?.detail}</p>
                <div class="row">
                  <button type="button" onClick={() => navigate(screenOf(w.kind), { fix: w.key })}>{d.outbox.fix}</button>
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
