import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own box (reachable by
 * keyboard, named for a screen reader), and while columns are out of sight a hint says so, so
 * no column is clipped without a word.
 */
export function ScrollTable({ label, class: cls = '', children }: { label: string; class?: string; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const check = () => setHidden(el.scrollWidth - el.clientWidth - el.scrollLeft > 1);
    check();
    const watch = new ResizeObserver(check);
    watch.observe(el);
    el.addEventListener('scroll', check, { passive: true });
    return () => { watch.disconnect(); el.removeEventListener('scroll', check); };
  }, [children]);
  return (
    <>
      {hidden && <p class="scroll-hint" aria-hidden="true">{t.value.moreColumns}</p>}
      <div ref={box} class={`scroll ${cls}`} tabIndex={0} role="region" aria-label={label}>{children}</div>
    </>
  );
}
