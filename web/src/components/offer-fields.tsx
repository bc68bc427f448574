import type { ApiRequest } from '../api/types.ts';
import { Field, valueOf } from './field.tsx';
import { t } from '../i18n/index.ts';
import { helsinkiInstant, helsinkiParts, parseDecimal } from '../lib/format.ts';

/** The body of an offer, as the donor's page and the coordinator's "phoned in" form send it. */
export type OfferBody = ApiRequest<'/donor/offers'>;
export type OfferForm = {
  kg: string; temperatureClass: OfferBody['temperatureClass']; categories: string[]; fromDate: string; fromTime: string; untilDate: string; untilTime: string; note: string;
};

const HOUR = 3_600_000;

/** An empty offer: ready from the next full hour, for four hours. */
export function blankOffer(now = new Date()): OfferForm {
  const from = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  const [fromDate, fromTime] = helsinkiParts(from);
  const [untilDate, untilTime] = helsinkiParts(new Date(from.getTime() + 4 * HOUR));
  return { kg: '', temperatureClass: 'ambient', categories: [], fromDate, fromTime, untilDate, untilTime, note: '' };
}

/**
 * The form as the API's body, or the fields a person must fix first (said at once, before
 * anything is sent): kilos that are no number, no category. The server checks the rest (kilos
 * over the limit, an end before the start, a window in the past) and says so on the field.
 */
export function offerBody(f: OfferForm): { body: OfferBody } | { errors: Record<string, string> } {
  const d = t.value.donor.offer;
  const kg = parseDecimal(f.kg);
  const errors: Record<string, string> = {};
  if (Number.isNaN(kg)) errors.kg = d.badKg;
  if (f.categories.length === 0) errors.categories = d.chooseCategory;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      kg, temperatureClass: f.temperatureClass, categories: f.categories as OfferBody['categories'],
      readyFrom: helsinkiInstant(f.fromDate, f.fromTime), readyUntil: helsinkiInstant(f.untilDate, f.untilTime), ...(f.note.trim() ? { note: f.note.trim() } : {}),
    },
  };
}

/**
 * An offer's fields: the estimate in kg, temperature class, categories, when it is ready and
 * until when, and a note; each with its message under it (the server's Finnish one, or the
 * form's own). `id` keeps the labels' ids apart when a screen has two such forms.
 */
export function OfferFields({ form, setForm, errors, id }: { form: OfferForm; setForm: (f: OfferForm) => void; errors: Record<string, string>; id: string }) {
  const d = t.value;
  const o = d.donor.offer;
  const when = (key: 'from' | 'until', legend: string, error?: string) => (
    <fieldset class={error ? 'line field-error' : 'line'}>
      <legend>{legend}</legend>
      <div class="grid2">
        <label>{o.date}<input type="date" value={form[`${key}Date`]} onInput={(e) => setForm({ ...form, [`${key}Date`]: valueOf(e) })} /></label>
        <label>{o.time}<input type="time" value={form[`${key}Time`]} onInput={(e) => setForm({ ...form, [`${key}Time`]: valueOf(e) })} /></label>
      </div>
      {error && <span class="error">{error}</span>}
    </fieldset>
  );
  return (
    <>
      <Field label={o.kg} error={errors.kg}>
        <input inputMode="decimal" value={form.kg} onInput={(e) => setForm({ ...form, kg: valueOf(e) })} />
      </Field>
      <Field label={o.temperatureClass} error={errors.temperatureClass}>
        <select value={form.temperatureClass} onChange={(e) => setForm({ ...form, temperatureClass: valueOf(e) as OfferForm['temperatureClass'] })}>
          {(['ambient', 'chilled', 'frozen'] as const).map((c) => <option key={c} value={c}>{d.terms.temperatureClass[c]}</option>)}
        </select>
      </Field>
      <fieldset class={errors.categories ? 'allergens field-error' : 'allergens'} aria-describedby={errors.categories ? `${id}-categories-error` : undefined}>
        <legend>{o.categories}</legend>
        <div class="checks">
          {Object.entries(d.terms.category).map(([c, name]) => (
            <label key={c}>
              <input type="checkbox" checked={form.categories.includes(c)}
                onChange={(e) => setForm({ ...form, categories: (e.target as HTMLInputElement).checked ? [...form.categories, c] : form.categories.filter((x) => x !== c) })} />
              {name}
            </label>
          ))}
        </div>
        {errors.categories && <span class="error" id={`${id}-categories-error`}>{errors.categories}</span>}
      </fieldset>
      {when('from', o.readyFrom, errors.readyFrom)}
      {when('until', o.readyUntil, errors.readyUntil)}
      <label class={errors.note ? 'field-error' : undefined}>{o.note}
        <textarea rows={2} value={form.note} onInput={(e) => setForm({ ...form, note: (e.target as HTMLTextAreaElement).value })} />
        {errors.note && <span class="error">{errors.note}</span>}
      </label>
    </>
  );
}
