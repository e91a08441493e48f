/**
 * Small immutable edits the app makes to a project (each returns a new Project; the input is
 * never mutated), so undo/redo can keep the previous objects.
 */
import { InputError } from '../errors';
import type { Exclusion, PersonaText, Project, Theme } from './project';

/** Edits a persona's text; an edited persona is no longer a draft. */
export function editPersona(project: Project, segment: number, patch: Partial<Pick<PersonaText, 'name' | 'tagline' | 'description' | 'icon'>>): Project {
  const index = project.personas.findIndex((p) => p.segment === segment);
  if (index < 0) throw new InputError('option-invalid', `There is no persona for segment ${segment + 1}; run the segmentation and the profiles first.`);
  if (patch.name !== undefined && patch.name.trim() === '') throw new InputError('option-invalid', 'A persona needs a name; type one before saving.');
  const personas = project.personas.map((p, i) => (i === index ? { ...p, ...patch, draft: false } : p));
  return { ...project, personas };
}

/** Sets the respondents excluded by the quality screen (one entry per row, sorted). */
export function setExclusions(project: Project, exclusions: readonly Exclusion[]): Project {
  const byRow = new Map(exclusions.map((e) => [e.row, e]));
  return { ...project, quality: { ...project.quality, exclusions: [...byRow.values()].sort((a, b) => a.row - b.row) } };
}

export function setTheme(project: Project, patch: Partial<Theme>): Project {
  return { ...project, theme: { ...project.theme, ...patch } };
}

/** Stamps the save time (ISO string passed in: the core has no clock). */
export function markSaved(project: Project, now: string): Project {
  return { ...project, savedAt: now };
}
