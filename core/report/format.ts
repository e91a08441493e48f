/**
 * Number and text formatting shared by the deck, the exports and result.json readers: one
 * function per quantity, so the number printed in the PDF is the number in result.json.
 */

/** Share 0..1 → "31.2%". */
export function formatShare(share: number): string {
  return Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : '–';
}

/** Respondent count → "1,234" (thin grouping, locale-independent). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Index to the total → "135". */
export function formatIndex(index: number): string {
  return Number.isFinite(index) ? Math.round(index).toString() : '–';
}

export function formatNumber(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
