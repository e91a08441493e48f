/**
 * A ready-to-run project from a freshly imported survey, with the defaults the `demo` command and
 * a first "just show me" run use:
 * - battery: the largest group of items sharing one answer scale (detectBattery), narrowed to the
 *   items with the most common exact label list;
 * - weight: the dataset's, else a column named like a weight that is a valid weight;
 * - quality: every respondent the screen flags (straight-lining, too many missing answers,
 *   speeding, duplicate ids) is excluded, with the reason recorded;
 * - factors: minres + oblimin with the suggested number of factors (parallel analysis), seeded;
 * - segments: latent class analysis with nominal indicators on the battery items, K = 2–8 chosen
 *   by BIC (segments ≥ 5 %), the engine's defaults of `segstudio lca` (LCA_DEFAULTS: 20 random
 *   starts + a k-means start per K, screened, iteration limit and tolerance), seeded. LCA on the items
 *   handles missing answers by full-information ML, needs no factor scores and, unlike ordinal
 *   indicators, does not assume one latent order per item;
 * - profiles: every other labelled or numeric column except id, weight and interview duration;
 *   the value variable is the first numeric column named like spend/revenue/sales/value;
 * - typing tool: greedy selection over the battery to 85 % accuracy, at most 8 questions, MLR.
 */
import { findColumn, type Dataset } from '../data/dataset';
import { detectBattery, detectDurationColumn, screenQuality } from '../data/quality';
import { looksLikeWeightName, setWeightColumn } from '../data/roles';
import { LCA_DEFAULTS } from '../segment/lca-analysis';
import { createProject, type DataReference, type Exclusion, type Project } from '../project/project';

export type AutoProjectOptions = { name: string; now: string; seed: number; data: DataReference; kMin?: number; kMax?: number; starts?: number };

export function autoProject(dataset: Dataset, options: AutoProjectOptions): Project {
  const weight = dataset.weight ?? detectWeight(dataset);
  const withRoles = { ...dataset, weight };
  const battery = narrowBattery(withRoles, detectBattery(withRoles));
  const duration = detectDurationColumn(withRoles);
  const project = createProject({ name: options.name, data: options.data, now: options.now, codebook: { batteryItems: battery, weight, id: withRoles.id } });
  if (battery.length >= 3) {
    const report = screenQuality(withRoles, { battery, durationColumn: duration, idColumn: withRoles.id });
    project.quality = {
      exclusions: report.flagged.map((f): Exclusion => ({ row: f.row - 1, id: f.id, reason: f.reasons.map(reasonText).join(' + ') })),
      settings: { battery, durationColumn: duration, maxMissingShare: report.params.maxMissingShare, speederShare: report.params.speederShare, straightLineMin: report.params.straightLineMin },
    };
  }
  project.factors = { items: battery, settings: { nFactors: 'auto', method: 'minres', rotation: 'oblimin' }, seed: options.seed, factorNames: [], summary: null };
  project.segmentation = {
    basis: 'items',
    variables: battery,
    model: 'lca',
    kMin: options.kMin ?? 2,
    kMax: options.kMax ?? 8,
    seed: options.seed,
    settings: { indicators: 'nominal', starts: options.starts ?? LCA_DEFAULTS.starts, tolerance: LCA_DEFAULTS.tolerance, maxIterations: LCA_DEFAULTS.maxIterations, minShare: 0.05 },
    chosenK: null,
    chosenReason: null,
    summary: null,
    frozenModel: null,
  };
  const skip = new Set([...battery, weight, withRoles.id, duration].filter((x): x is string => x !== null));
  const profileVariables = withRoles.columns.filter((c) => !skip.has(c.name) && c.measurement !== 'id' && c.measurement !== 'text' && (c.values !== null || c.valueLabels.length > 0)).map((c) => c.name);
  const value = withRoles.columns.find((c) => profileVariables.includes(c.name) && c.measurement === 'continuous' && /spend|revenue|sales|value|turnover|basket/i.test(c.name));
  project.profile = { profileVariables, valueVariable: value?.name ?? null };
  project.typing = { targetAccuracy: 0.85, maxItems: 8, candidates: battery, method: 'mlr', seed: options.seed, tool: null };
  project.theme = { ...project.theme, title: 'Customer segmentation', client: '' };
  return project;
}

function reasonText(reason: string): string {
  return reason === 'straight-line' ? 'straight-lining' : reason === 'missing' ? 'too many missing answers' : reason === 'speeder' ? 'speeding' : reason === 'duplicate-id' ? 'duplicate id' : reason;
}

function detectWeight(dataset: Dataset): string | null {
  for (const column of dataset.columns) {
    if (!looksLikeWeightName(column.name)) continue;
    try {
      return setWeightColumn(dataset, column.name).weight;
    } catch {
      continue;
    }
  }
  return null;
}

/** Keeps the battery items whose exact value-label list is the most common one among them. */
function narrowBattery(dataset: Dataset, battery: string[]): string[] {
  const key = (name: string): string => (findColumn(dataset, name)?.valueLabels ?? []).map((l) => `${l.code}=${l.label}`).join('|');
  const counts = new Map<string, number>();
  for (const name of battery) counts.set(key(name), (counts.get(key(name)) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [k, c] of counts) if (c > bestCount) [best, bestCount] = [k, c];
  return battery.filter((name) => key(name) === best);
}
