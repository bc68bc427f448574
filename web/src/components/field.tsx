import type { ComponentChildren } from 'preact';
import type { FormNotice } from '../lib/forms.ts';

/**
 * A labelled control with the server's message under it when it refused the field: the
 * `<label>` wraps the control, so the label is its accessible name.
 */
export function Field({ label, error, children }: { label: string; error?: string; children: ComponentChildren }) {
  return (
    <label class={error ? 'field-error' : undefined}>{label}
      {children}
      {error && <span class="error">{error}</span>}
    </label>
  );
}

/** The value of the input or select an event came from. */
export const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** What a save left to say: "saved" or "queued" as a status, the server's refusal as an alert. */
export function Notice({ notice }: { notice: FormNotice | null }) {
  if (!notice) return null;
  return <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>;
}
