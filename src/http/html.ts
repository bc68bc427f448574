import { createHash } from 'node:crypto';

const styleHashes = new Set<string>();
const scriptHashes = new Set<string>();
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * A page's own `<style>` element, allowed by the content security policy by its hash: pages
 * call it once at module load with constant CSS, and the policy lists exactly those hashes, so
 * no other inline style (an injected one) applies anywhere.
 */
export function inlineStyle(css: string): string {
  styleHashes.add(sha256(css));
  return `<style>${css}</style>`;
}

/** A page's own `<script>` element, allowed by its hash the way {@link inlineStyle} allows a style. */
export function inlineScript(js: string): string {
  scriptHashes.add(sha256(js));
  return `<script>${js}</script>`;
}

/** The CSP sources of every page's own style (see {@link inlineStyle}). */
export const inlineStyleSources = (): string[] => [...styleHashes];
/** The CSP sources of every page's own script (see {@link inlineScript}). */
export const inlineScriptSources = (): string[] => [...scriptHashes];

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

/**
 * The CSS every printable page shares: its print button (a 44 px target, gone on paper), and
 * tables of many columns (`table.stack`) that on a phone turn each row into a card of "heading:
 * value" lines (each cell names its column in `data-th`) instead of running off the screen.
 */
export const PRINTABLE_CSS = `
  .print-bar { margin: 0 0 .8em; }
  .print-bar button { font: inherit; min-height: 44px; min-width: 44px; padding: 0 1em; border: 1px solid #1a4d8f; border-radius: 6px; background: #1a4d8f; color: #fff; cursor: pointer; }
  svg { max-width: 100%; height: auto; }
  @media screen and (max-width: 40rem) {
    table.stack, table.stack caption, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: auto; }
    table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack tr { border: 1px solid #666; margin: 0 0 .5em; }
    table.stack td, table.stack th { border: 0; border-bottom: 1px solid #ccc; text-align: left; }
    table.stack td[data-th]::before { content: attr(data-th) ": "; font-weight: bold; }
  }
  @media print { .print-bar { display: none; } }`;

const PRINT_SCRIPT = inlineScript("document.querySelectorAll('.print-bar button').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });");

/** The printable page's print button (its words in the page's language) and the script that makes it print. */
export const printButton = (label: string) => `<p class="print-bar"><button type="button">${escapeHtml(label)}</button></p>\n${PRINT_SCRIPT}`;

/** The `<meta>` that makes a phone lay a printable page out at its own width, not a desktop's. */
export const VIEWPORT_META = '<meta name="viewport" content="width=device-width, initial-scale=1">';
