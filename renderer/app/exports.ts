/**
 * What leaves the app from the Profiles and Deck steps: the profile deck (core/report builds the
 * pages and the HTML with the project's theme and persona texts; the shell prints it to PDF) and the respondents' segment assignments as CSV, ready to
 * merge back into the survey file by row and respondent id.
 */
import type { Dataset } from '../../core/data/dataset';
import { findColumn } from '../../core/data/dataset';
import type { SegmentProfile } from '../../core/profile/profile-types';
import type { PersonaText } from '../../core/project/project';
import { buildDeck, personaTexts } from '../../core/report/build-deck';
import type { MethodSummary } from '../../core/report/deck-types';
import { renderDeckHtml } from '../../core/report/render-html';
import type { AppState } from '../state/app-reducer';
import type { EfaView } from '../workers/efa-job';
import type { SegmentFit } from '../workers/segment-job';

const MODEL_NAMES = { lca: 'Latent class analysis', lpa: 'Latent profile analysis', kmeans: 'k-means clustering' } as const;
const BASIS_NAMES = { 'factor-scores': 'factor scores', items: 'battery items', variables: 'chosen variables' } as const;

export function deckHtml(state: AppState, profile: SegmentProfile, fits: readonly SegmentFit[], efa: EfaView | null, today: string): string {
  const { doc } = state;
  const s = doc.segment;
  const chosen = fits.find((f) => f.k === s.chosenK);
  const reasons = new Map<string, number>();
  for (const e of doc.exclusions) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  const method: MethodSummary = {
    dataFile: state.survey?.name ?? '',
    respondents: state.survey?.rows ?? 0,
    excluded: doc.exclusions.length,
    exclusionReasons: [...reasons].map(([reason, count]) => ({ reason, count })),
    analysed: profile.n,
    weighted: profile.weighted,
    factors:
      efa === null
        ? null
        : { count: efa.nFactors, method: efa.method, rotation: efa.rotation, names: doc.factor.names, items: efa.items.length, varianceExplained: efa.varianceExplained.reduce((a, b) => a + b, 0) },
    model: {
      name: s.model === 'lpa' ? `${MODEL_NAMES.lpa} (${s.covariance})` : MODEL_NAMES[s.model],
      basis: BASIS_NAMES[s.basis],
      kMin: s.kMin,
      kMax: s.kMax,
      chosenK: s.chosenK ?? profile.k,
      why: 'the researcher, comparing fit, entropy, stability and segment sizes',
      seed: s.seed,
      starts: s.starts,
      fit: fits
        .filter((f) => f.failed === null)
        .map((f) => ({ k: f.k, logLik: f.logLik ?? NaN, parameters: f.npar ?? NaN, bic: f.bic ?? NaN, aic: f.aic ?? NaN, entropy: f.entropy ?? NaN, smallestShare: f.sizes.length > 0 ? Math.min(...f.sizes) : NaN })),
      stability: chosen?.stability == null ? null : `Mean adjusted Rand index ${chosen.stability.meanAri.toFixed(2)} over ${chosen.stability.replicates} bootstrap resamples.`,
    },
    notices: chosen?.notices ?? [],
  };
  // The researcher's persona texts name the segments everywhere in the deck (as in core/pipeline).
  const personas: PersonaText[] = personaTexts(profile, doc.personas.length === profile.k ? doc.personas : []);
  const named = { ...profile, sizes: profile.sizes.map((size, i) => ({ ...size, name: personas[i]!.name })) };
  const subtitle = `${state.project.name}: ${profile.k} segments of ${profile.n.toLocaleString('en-US')} respondents`;
  const deck = buildDeck({ title: doc.theme.title, subtitle, date: today, theme: doc.theme, profile: named, personas, method });
  return renderDeckHtml(deck);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One line per analysed respondent: file row (1-based, as in the survey file), id, segment letter;
 * a respondent without a segment has an empty cell. `fileRows[i]` is the 0-based file row of
 * analysed row i (excluded respondents are not listed).
 */
export function assignmentsCsv(dataset: Dataset, fit: SegmentFit, fileRows: Int32Array): string {
  const idColumn = dataset.id === null ? undefined : findColumn(dataset, dataset.id);
  const lines = ['row,id,segment'];
  for (let i = 0; i < fit.assignments.length; i++) {
    const a = fit.assignments[i]!;
    const id = idColumn === undefined ? '' : idColumn.values !== null ? String(idColumn.values[i]) : (idColumn.text?.[i] ?? '');
    lines.push(`${(fileRows[i] ?? i) + 1},${csvField(id)},${a < 0 ? '' : String.fromCharCode(65 + a)}`);
  }
  return lines.join('\n') + '\n';
}
