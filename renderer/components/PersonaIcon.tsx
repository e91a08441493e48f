/**
 * A persona's picture: one of the bundled line icons (core/report/persona-icons.ts, drawn in
 * currentColor) or the researcher's own picture (a data: URL stored in the project).
 */
import { PERSONA_ICONS, type PersonaIconId } from '../../core/report/persona-icons';

export const ICON_IDS = Object.keys(PERSONA_ICONS) as PersonaIconId[];

export function isBundledIcon(icon: string | null): icon is PersonaIconId {
  return icon !== null && icon in PERSONA_ICONS;
}

export function PersonaIcon({ icon, size, colour }: { icon: string | null; size: number; colour: string }) {
  if (icon !== null && icon.startsWith('data:image/')) return <img className="persona-picture" src={icon} alt="" width={size} height={size} />;
  const id: PersonaIconId = isBundledIcon(icon) ? icon : 'person';
  return (
    <svg
      className="persona-icon"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke={colour}
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      // Trusted constant markup from core/report (never user input).
      dangerouslySetInnerHTML={{ __html: PERSONA_ICONS[id] }}
    />
  );
}
