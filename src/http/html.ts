import { createHash } from 'node:crypto';

const styleHashes = new Set<string>();

/**
 * A page's own `<style>` element, allowed by the content security policy by its hash: pages
 * call it once at module load with constant CSS, and the policy lists exactly those hashes, so
 * no other inline style (an injected one) applies anywhere.
 */
export function inlineStyle(css: string): string {
  styleHashes.add(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
  return `<style>${css}</style>`;
}

/** The CSP sources of every page's own style (see {@link inlineStyle}). */
export const inlineStyleSources = (): string[] => [...styleHashes];

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
