import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { needsSignIn, session } from '../../lib/session.ts';
import { openLink } from './api/open-link.ts';
import { getMe, type DonorMe } from './api/get-me.ts';
import { Certificate } from './certificate.tsx';
import { Offers } from './offers.tsx';
import { PastPickups, Pickups } from './pickups.tsx';

const PATH = '/app/lahjoittaja';

/** The link's token from the address (`#t=<token>`); the address bar keeps only the page's path. */
function takeToken(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get('t');
  if (token !== null) history.replaceState(null, '', PATH);
  return token;
}

/**
 * The donor's own page, opened from its link without a password: the next 14 days of
 * pickups (each may be skipped until its cut-off), "Ylimääräistä noudettavaa" with the offers
 * and what the network answered, past pickups with their kilos and the donor certificate. A
 * wrong or revoked link shows one plain sentence and nothing else.
 */
export default function DonorPage() {
  const d = t.value.donor.page;
  const [state, setState] = useState<'opening' | 'invalid' | 'offline' | 'ready'>('opening');
  const [token] = useState(takeToken);
  const open = async () => {
    if (token === null) {
      setState(session.value?.user.role === 'donor' ? 'ready' : 'invalid');
      return;
    }
    setState('opening');
    const opened = await openLink(token);
    setState(opened === 'ok' ? 'ready' : opened);
  };
  useEffect(() => { void open(); }, []);

  if (state === 'invalid' || needsSignIn.value) return <p class="status warn" role="alert">{d.invalidLink}</p>;
  if (state === 'offline') {
    return (
      <>
        <p class="status warn" role="alert">{t.value.errors.network}</p>
        <button type="button" onClick={() => void open()}>{t.value.start.back}</button>
      </>
    );
  }
  if (state === 'opening') return <p class="muted">{d.opening}</p>;
  return <Donor />;
}

function Donor() {
  const d = t.value.donor.page;
  const [me, setMe] = useState<DonorMe | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  // Any change (a skip, an offer) reloads the lists below.
  const [version, setVersion] = useState(0);
  useEffect(() => { void getMe().then(setMe); }, []);
  return (
    <section>
      <h1>{me?.donorName ?? session.value?.user.name}</h1>
      {me && <p class="muted">{d.linkOf(me.linkName)}</p>}
      <Notice notice={notice} />
      <Pickups version={version} onChanged={(n) => { setNotice(n); setVersion((v) => v + 1); }} />
      <Offers version={version} onChanged={() => setVersion((v) => v + 1)} />
      <PastPickups version={version} />
      <Certificate />
    </section>
  );
}
