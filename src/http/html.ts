/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

/** Finnish number formatting for printable pages: `1 234,5` (at most `decimals` decimals). */
export const fiNumber = (v: number, decimals = 1) => v.toLocaleString('fi-FI', { maximumFractionDigits: decimals });
