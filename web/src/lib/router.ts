import { signal } from '@preact/signals';

const BASE = '/app/';
const parse = () => {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return { screen: rest.split('/')[0] || '', params: Object.fromEntries(new URLSearchParams(location.search)) };
};

/** The screen shown: `/app/` is the start screen, `/app/<id>` a role's screen. */
export const route = signal(parse());
addEventListener('popstate', () => { route.value = parse(); });

export function navigate(screen: string, params: Record<string, string> = {}) {
  const q = new URLSearchParams(params).toString();
  history.pushState(null, '', `${BASE}${screen}${q ? `?${q}` : ''}`);
  route.value = parse();
}
