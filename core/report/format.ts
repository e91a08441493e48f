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

/** A number with thousands grouping and a typographic minus: −41,445.0. */
export function formatGrouped(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  const [whole, frac] = Math.abs(x).toFixed(digits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(Math.abs(x).toFixed(digits)) !== 0 ? '−' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** The unit in a label's trailing parentheses ("Monthly spend (EUR)" → "EUR"), or null. */
export function unitOf(label: string): string | null {
  const m = /\(([^()]{1,12})\)\s*$/.exec(label);
  return m === null ? null : m[1]!;
}

/** "Gender: Female", but "How often do you shop online? Weekly" (no colon after a question). */
export function labelWithCategory(label: string, category: string): string {
  return /[?:]$/.test(label.trim()) ? `${label.trim()} ${category}` : `${label}: ${category}`;
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
