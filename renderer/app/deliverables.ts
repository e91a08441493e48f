/**
 * The controller's deliverable steps (Personas and Deck): persona texts and pictures, the
 * prioritisation with a value variable, the deck theme, the deck preview and its exports.
 *
 * Persona texts live in the store's `doc.personas` (so they are undoable, autosaved and written
 * to the project file). Until the researcher edits one, the screen shows core/profile's drafts;
 * the first edit copies every draft into the doc and marks the edited one as no longer a draft,
 * exactly as core/project's editPersona does to a project.
 */
import type { BridgeApi } from '../../electron/contract';
import { findColumn, numericValues } from '../../core/data/dataset';
import { InputError, toSerializedError } from '../../core/errors';
import { prioritiseSegments } from '../../core/profile/prioritise';
import type { PriorityRow, SegmentProfile } from '../../core/profile/profile-types';
import { encodeBase64 } from '../../core/project/base64';
import type { PersonaText, Theme } from '../../core/project/project';
import { personaTexts } from '../../core/report/build-deck';
import { renderTypingToolHtml } from '../../core/typing/typing-html';
import type { TypingTool } from '../../core/typing/typing-types';
import { cacheKey } from '../state/result-cache';
import type { AppState } from '../state/app-reducer';
import type { ResultCache } from '../state/result-cache';
import type { Store } from '../state/store';
import type { EfaView } from '../workers/efa-job';
import type { ExportFormat } from '../workers/export-job';
import type { JobClient } from '../workers/job-client';
import type { SegmentFit } from '../workers/segment-job';
import type { Analyses } from './analyses';
import { deckHtml } from './exports';

export type PersonaPatch = Partial<Pick<PersonaText, 'name' | 'tagline' | 'description' | 'icon'>>;

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

/** A picture's bytes as a data: URL (the form the project and the deck store). */
export function imageDataUrl(name: string, bytes: Uint8Array): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const type = IMAGE_TYPES[ext];
  if (type === undefined) throw new InputError('file-unreadable', `'${name}' is not a PNG, JPEG or SVG picture; choose one of those.`, { file: name });
  return `data:${type};base64,${encodeBase64(bytes)}`;
}

/** The persona texts shown for a profile: the researcher's when they match its K, else the drafts. */
export function personasFor(profile: SegmentProfile, stored: readonly PersonaText[]): PersonaText[] {
  return personaTexts(profile, stored.length === profile.k ? stored : []);
}

/**
 * `list` with one persona edited (a new array); an edited persona is no longer a draft. A rename
 * also renames the persona inside its tagline and description (unless those are in the patch).
 */
export function withPersonaEdit(list: readonly PersonaText[], segment: number, patch: PersonaPatch): PersonaText[] {
  if (!list.some((p) => p.segment === segment)) throw new InputError('option-invalid', `There is no persona for segment ${segment + 1}; build the profiles first.`);
  if (patch.name !== undefined && patch.name.trim() === '') throw new InputError('option-invalid', 'A persona needs a name; type one before saving.');
  return list.map((p) => {
    if (p.segment !== segment) return p;
    // A new name replaces the old one inside the texts too ("Bargain Hunters make up 28%…").
    const renamed = patch.name !== undefined && patch.name !== p.name && p.name !== '';
    const rename = (text: string): string => (renamed ? text.split(p.name).join(patch.name!) : text);
    return { ...p, tagline: rename(p.tagline), description: rename(p.description), ...patch, draft: false };
  });
}

export function createDeliverables(deps: { store: Store; bridge: BridgeApi; jobs: JobClient; cache: ResultCache; analyses: Analyses; now: () => Date }) {
  const { store, bridge, jobs, cache, analyses, now } = deps;
  const state = (): AppState => store.getState();
  const fail = (title: string, error: unknown): void => store.dispatch({ type: 'message', message: { kind: 'error', title, text: toSerializedError(error).message } });

  /** The profile of the chosen solution, when it is built and still matches the settings. */
  function currentProfile(): SegmentProfile | null {
    const job = state().jobs.profile;
    const key = analyses.profileKey();
    if (job.status !== 'done' || job.resultKey === null || job.resultKey !== key) return null;
    return cache.get<SegmentProfile>(key) ?? null;
  }

  function chosenFit(): SegmentFit | null {
    const k = state().doc.segment.chosenK;
    return k === null ? null : (cache.get<SegmentFit>(analyses.segmentKey(k) ?? '') ?? null);
  }

  function editPersona(segment: number, patch: PersonaPatch): void {
    const profile = currentProfile();
    if (profile === null) return;
    const personas = withPersonaEdit(personasFor(profile, state().doc.personas), segment, patch);
    store.dispatch({ type: 'edit', patch: { personas } });
  }

  async function pickPicture(): Promise<string | null> {
    const file = await bridge.openImageFile();
    return file === null ? null : imageDataUrl(file.name, file.bytes);
  }

  async function choosePersonaPicture(segment: number): Promise<void> {
    try {
      const url = await pickPicture();
      if (url !== null) editPersona(segment, { icon: url });
    } catch (error) {
      fail('The picture was not used', error);
    }
  }

  function editTheme(patch: Partial<Theme>): void {
    store.dispatch({ type: 'edit', patch: { theme: { ...state().doc.theme, ...patch } } });
  }

  async function chooseLogo(): Promise<void> {
    try {
      const url = await pickPicture();
      if (url !== null) editTheme({ logo: url });
    } catch (error) {
      fail('The logo was not used', error);
    }
  }

  /** Prioritisation rows with the value variable (core/profile prioritiseSegments; cheap, O(n)). */
  function priority(valueVariable: string | null): PriorityRow[] | null {
    const profile = currentProfile();
    const fit = chosenFit();
    const data = analyses.analysisDataset();
    if (profile === null || fit === null || data === null) return null;
    const { dataset } = data;
    const value = valueVariable === null ? null : (findColumn(dataset, valueVariable) ?? null);
    const weightColumn = dataset.weight === null ? undefined : findColumn(dataset, dataset.weight);
    const weights = profile.weighted && weightColumn !== undefined ? numericValues(weightColumn, dataset.rows) : null;
    return prioritiseSegments(profile.sizes, profile.attitudes, value, dataset.rows, fit.assignments, weights);
  }

  function currentDeckHtml(): string | null {
    const profile = currentProfile();
    if (profile === null) return null;
    const efa = cache.get<EfaView>(analyses.efaKey() ?? '') ?? null;
    const valueVariable = state().doc.valueVariable;
    const data = analyses.analysisDataset();
    const column = valueVariable === null || data === null ? undefined : findColumn(data.dataset, valueVariable);
    const valueLabel = column === undefined ? null : column.label || column.name;
    const rows = column === undefined ? null : priority(valueVariable);
    const withPriority = { ...profile, priority: { ...profile.priority, valueVariable: valueLabel === null ? null : valueVariable, valueLabel, rows: rows ?? profile.priority.rows } };
    return deckHtml(state(), withPriority, analyses.segmentFits(), state().doc.segment.basis === 'factor-scores' ? efa : null, now().toISOString().slice(0, 10));
  }

  async function exportDeckPdf(): Promise<void> {
    const html = currentDeckHtml();
    if (html === null) return;
    try {
      await bridge.saveDeckPdf({ html, suggestedName: `${state().project.name}-deck.pdf` });
    } catch (error) {
      fail('The deck was not saved', error);
    }
  }

  async function exportDeckHtml(): Promise<void> {
    const html = currentDeckHtml();
    if (html === null) return;
    try {
      await bridge.exportFile({ suggestedName: `${state().project.name}-deck.html`, content: html, extensions: ['html'] });
    } catch (error) {
      fail('The deck was not exported', error);
    }
  }

  const EXPORTS: Record<ExportFormat, { suffix: string; ext: string; what: string }> = {
    'assignments-csv': { suffix: 'segments.csv', ext: 'csv', what: 'assignments' },
    'assignments-sav': { suffix: 'segments.sav', ext: 'sav', what: 'assignments' },
    'profiles-xlsx': { suffix: 'profiles.xlsx', ext: 'xlsx', what: 'profile tables' },
  };

  /** Builds the file's bytes in the worker (core writeSav, xlsx) and hands them to the bridge. */
  async function exportTable(format: ExportFormat): Promise<void> {
    const profile = currentProfile();
    const fit = chosenFit();
    const raw = analyses.rawDataset();
    if (profile === null || fit === null || raw === null) return;
    const excluded = new Set(state().doc.exclusions.map((e) => e.row));
    const keptRows = Int32Array.from({ length: raw.rows }, (_, i) => i).filter((i) => !excluded.has(i));
    const personas = personasFor(profile, state().doc.personas);
    const info = EXPORTS[format];
    try {
      const { bytes } = await jobs.run(
        {
          kind: 'export',
          format,
          rows: raw.rows,
          idColumn: raw.id === null ? null : (findColumn(raw, raw.id) ?? null),
          keptRows,
          assignments: fit.assignments,
          posteriors: fit.posteriors,
          names: personas.map((p) => p.name),
          letters: profile.sizes.map((s) => s.letter),
          profile: format === 'profiles-xlsx' ? profile : null,
          priority: format === 'profiles-xlsx' ? priority(state().doc.valueVariable) : null,
        },
        {},
      );
      await bridge.exportFile({ suggestedName: `${state().project.name}-${info.suffix}`, content: bytes, extensions: [info.ext] });
    } catch (error) {
      fail(`The ${info.what} were not exported`, error);
    }
  }

  /** The typing tool's cache key: the chosen solution, the battery and the settings (names are relabelled on export). */
  function typingKey(): string | null {
    const k = state().doc.segment.chosenK;
    if (k === null) return null;
    return cacheKey('typing', analyses.segmentKey(k), state().doc.codebook.batteryItems, state().doc.typing);
  }

  function currentTyping(): TypingTool | null {
    const job = state().jobs.typing;
    const key = typingKey();
    if (job.status !== 'done' || key === null || job.resultKey !== key) return null;
    return cache.get<TypingTool>(key) ?? null;
  }

  /** Builds the typing tool in the worker (cached by its settings), with progress and Cancel. */
  async function runTyping(): Promise<void> {
    const profile = currentProfile();
    const fit = chosenFit();
    const data = analyses.analysisDataset();
    const key = typingKey();
    if (profile === null || fit === null || data === null || key === null) return;
    const { revision, signal } = analyses.beginJob('typing');
    try {
      let tool = cache.get<TypingTool>(key);
      const t = state().doc.typing;
      tool ??= await jobs.run(
        {
          kind: 'typing',
          dataset: data.dataset,
          segments: fit.assignments,
          k: fit.k,
          segmentNames: personasFor(profile, state().doc.personas).map((p) => p.name),
          candidates: state().doc.codebook.batteryItems,
          targetAccuracy: t.targetAccuracy,
          maxItems: t.maxItems,
          method: t.method,
          seed: t.seed,
        },
        { signal, onProgress: analyses.progressTo('typing', revision, 'typing') },
      );
      cache.set(key, tool);
      store.dispatch({ type: 'job-done', job: 'typing', revision, resultKey: key });
    } catch (error) {
      analyses.failJob('typing', revision, error);
    }
  }

  /** The current tool with the segments named by the current persona texts. */
  function namedTyping(): TypingTool | null {
    const tool = currentTyping();
    const profile = currentProfile();
    if (tool === null || profile === null) return tool;
    const names = personasFor(profile, state().doc.personas).map((p) => p.name);
    return { ...tool, segments: tool.segments.map((s) => ({ ...s, name: names[s.index] ?? s.name })) };
  }

  async function exportTyping(format: 'html' | 'json'): Promise<void> {
    const tool = namedTyping();
    if (tool === null) return;
    const { theme } = state().doc;
    const content = format === 'html' ? renderTypingToolHtml(tool, { title: `${theme.title}: which segment are you?`, primary: theme.primary, fontFamily: theme.fontFamily }) : `${JSON.stringify(tool, null, 2)}\n`;
    try {
      await bridge.exportFile({ suggestedName: `${state().project.name}-typing-tool.${format}`, content, extensions: [format] });
    } catch (error) {
      fail('The typing tool was not exported', error);
    }
  }

  return { currentProfile, editPersona, choosePersonaPicture, editTheme, chooseLogo, priority, currentDeckHtml, exportDeckPdf, exportDeckHtml, exportTable, typingKey, currentTyping, runTyping, exportTyping };
}
