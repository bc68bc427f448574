import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { NetworkError, type Problem } from '../../lib/api.ts';
import { outcome, type FormNotice } from '../../lib/forms.ts';
import { formatDateTime } from '../../lib/format.ts';
import { fieldErrors } from '../../lib/problems.ts';
import { write } from '../../lib/write.ts';
import { createDonorLink, type CreatedLink } from './api/create-donor-link.ts';
import { eraseDonorLink } from './api/erase-donor-link.ts';
import { getDonorLinks, type DonorLink } from './api/get-donor-links.ts';
import { revokeDonorLink } from './api/revoke-donor-link.ts';

const blank = { name: '', phone: '', email: '' };

/**
 * A donor's contact links, in the donor's editing: each with whom it was given to and whether it
 * still works, "Poista linkki käytöstä", "Poista yhteystiedot" (asked once more first: it cannot be
 * undone), and a form for a new one. A new link's address is
 * shown this once, with a copy button; the server keeps only its hash.
 */
export function DonorLinks({ siteId }: { siteId: string }) {
  const d = t.value;
  const dl = d.donor.links;
  const [links, setLinks] = useState<DonorLink[]>([]);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [erasing, setErasing] = useState<string | null>(null);
  const reload = () => void getDonorLinks(siteId).then(setLinks).catch(() => undefined);
  useEffect(() => {
    setCreated(null);
    setForm(blank);
    reload();
  }, [siteId]);

  const create = async () => {
    setNotice(null);
    setCopied(false);
    const body = { name: form.name, ...(form.phone ? { phone: form.phone } : {}), ...(form.email ? { email: form.email } : {}) };
    try {
      const res = await createDonorLink(siteId, body);
      if (res.status === 201) {
        setCreated(`${location.origin}${(res.body as CreatedLink).path}`);
        setForm(blank);
        setErrors({});
        reload();
      } else {
        setErrors(fieldErrors(res.body as Problem));
        setNotice({ ok: false, text: (res.body as Problem).detail });
      }
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      setNotice({ ok: false, text: dl.online });
    }
  };

  const revoke = async (l: DonorLink) => {
    const res = await write({ ...revokeDonorLink(siteId, l.id), kind: 'master', label: `${dl.revoke}: ${l.name}` });
    setNotice(outcome(res, d.outbox).notice);
    reload();
  };

  const erase = async (l: DonorLink) => {
    setErasing(null);
    const res = await write({ ...eraseDonorLink(siteId, l.id), kind: 'master', label: `${dl.erase}: ${l.name}` });
    setNotice(outcome(res, d.outbox).notice);
    reload();
  };

  const copy = async () => {
    await navigator.clipboard.writeText(created!).then(() => setCopied(true)).catch(() => undefined);
  };

  return (
    <section class="line" aria-labelledby={`links-${siteId}`}>
      <h3 id={`links-${siteId}`}>{dl.title}</h3>
      <p class="muted">{dl.intro}</p>
      {links.length === 0 ? <p class="muted">{dl.none}</p> : (
        <ul class="lots">
          {links.map((l) => (
            <li key={l.id} class="lot">
              <strong>{l.name}</strong>{[l.phone, l.email].filter(Boolean).map((c) => ` · ${c}`).join('')}
              <br /><span class="muted">{l.active ? `${dl.active}, ${dl.since(formatDateTime(new Date(l.createdAt)))}` : dl.revoked(formatDateTime(new Date(l.revokedAt!)))}</span>
              {!l.erased && (
                <div class="row">
                  {l.active && <button type="button" aria-label={`${dl.revoke}: ${l.name}`} onClick={() => void revoke(l)}>{dl.revoke}</button>}
                  <button type="button" aria-label={`${dl.erase}: ${l.name}`} onClick={() => setErasing(l.id)}>{dl.erase}</button>
                </div>
              )}
              {l.erased && <><br /><span class="muted">{dl.erased}</span></>}
              {erasing === l.id && (
                <div role="alertdialog" aria-label={dl.erase}>
                  <p>{dl.eraseQuestion(l.name)}</p>
                  <div class="row">
                    <button type="button" class="primary" onClick={() => void erase(l)}>{dl.eraseYes}</button>
                    <button type="button" onClick={() => setErasing(null)}>{dl.cancel}</button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {created && (
        <div class="ok" role="status">
          <p>{dl.created}</p>
          <label>{dl.link}<input readOnly value={created} onFocus={(e) => (e.target as HTMLInputElement).select()} /></label>
          <button type="button" onClick={() => void copy()}>{copied ? dl.copied : dl.copy}</button>
        </div>
      )}
      <Field label={dl.name} error={errors.name}><input value={form.name} onInput={(e) => setForm({ ...form, name: valueOf(e) })} /></Field>
      <Field label={dl.phone} error={errors.phone}><input type="tel" value={form.phone} onInput={(e) => setForm({ ...form, phone: valueOf(e) })} /></Field>
      <Field label={dl.email} error={errors.email}><input type="email" value={form.email} onInput={(e) => setForm({ ...form, email: valueOf(e) })} /></Field>
      <Notice notice={notice} />
      <button type="button" onClick={() => void create()}>{dl.create}</button>
    </section>
  );
}
