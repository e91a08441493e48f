/**
 * The bundled persona icons: small line drawings (24 × 24, drawn in `currentColor`) that a
 * persona can use instead of the user's own picture, and the keyword rule that picks a draft's
 * icon from its most distinctive attitudes. A persona's `icon` is one of these ids or a data: URL.
 */
import { escapeHtml } from './format';

export const PERSONA_ICONS = {
  tag: '<path d="M3 12V4h8l10 10-8 8z"/><circle cx="7.5" cy="8.5" r="1.5"/>',
  star: '<path d="M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.2L12 17.4 6.4 20.3l1.1-6.2L3 9.7l6.2-.9z"/>',
  leaf: '<path d="M5 19c0-9 6-14 15-14 0 9-5 15-14 15"/><path d="M5 19l8-8"/>',
  bolt: '<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>',
  clock: '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/>',
  people: '<circle cx="8" cy="8" r="3"/><circle cx="17" cy="9" r="2.5"/><path d="M2 20c0-4 3-6 6-6s6 2 6 6"/><path d="M14 15c1-1 2-1.5 3-1.5 2.5 0 5 1.6 5 5"/>',
  cart: '<path d="M2 4h3l2.5 11h11L21 8H6.2"/><circle cx="9" cy="19" r="1.6"/><circle cx="17" cy="19" r="1.6"/>',
  person: '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.5 3.6-7 8-7s8 2.5 8 7"/>',
} as const;

export type PersonaIconId = keyof typeof PERSONA_ICONS;

const RULES: [RegExp, PersonaIconId][] = [
  [/pric|deal|sale|cheap|cost|discount|bargain|money|spend/i, 'tag'],
  [/environment|sustainab|recycl|green|organic|eco|climate/i, 'leaf'],
  [/technolog|gadget|innovat|new product|first to try|latest/i, 'bolt'],
  [/time|fast|quick|convenien|deliver|online|easy/i, 'clock'],
  [/friend|social|review|popular|opinion|recommend|people/i, 'people'],
  [/brand|quality|loyal|premium|trust/i, 'star'],
  [/shop|buy|store|purchase/i, 'cart'],
];

/** The icon whose keywords match the first of the given labels (most distinctive first). */
export function suggestIcon(labels: readonly string[]): PersonaIconId {
  for (const label of labels) for (const [pattern, id] of RULES) if (pattern.test(label)) return id;
  return 'person';
}

/** Inline SVG (or <img> for a data: URL) for a persona's icon, `size` px square. */
export function personaIconHtml(icon: string | null, size: number): string {
  if (icon !== null && icon.startsWith('data:image/')) return `<img src="${escapeHtml(icon)}" alt="" width="${size}" height="${size}" style="border-radius:50%;object-fit:cover">`;
  const id: PersonaIconId = icon !== null && icon in PERSONA_ICONS ? (icon as PersonaIconId) : 'person';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="${size}" height="${size}" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${PERSONA_ICONS[id]}</svg>`;
}
