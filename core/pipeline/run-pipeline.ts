/**
 * runPipeline: the whole analysis from a loaded survey and a project — codebook edits and
 * quality exclusions, factors, segments, profiles, persona drafts, typing tool and the deck
 * model — returning the updated project (results summarised, model frozen, drafts stored) and
 * result.json. Pure core: files are read and written by the CLI (core/node/cli/commands).
 */
import { InputError } from '../errors';
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import type { RunOptions } from '../jobs/run-steps';
import type { Notice } from '../notices';
import { buildSegmentProfile } from '../profile/build-profile';
import type { SegmentProfile } from '../profile/profile-types';
import { applyCodebook, applyExclusions } from '../project/apply-project';
import { APP_VERSION } from '../project/app-version';
import type { PersonaText, Project } from '../project/project';
import type { JsonObject } from '../project/json-reader';
import { buildDeck, personaTexts } from '../report/build-deck';
import type { Deck, MethodSummary } from '../report/deck-types';
import { buildTypingTool, TYPING_DEFAULTS } from '../typing/build-typing-tool';
import type { TypingTool } from '../typing/typing-types';
import { runFactorStep, type FactorStep } from './factors-step';
import { RESULT_SCHEMA_VERSION, type PipelineResult, type SegmentSummary } from './pipeline-types';
import { inProcessRunner, runSegmentStep, type RangeRunner, type SegmentStep } from './segments-step';

export type PipelineInput = { dataset: Dataset; project: Project; date: string };

export type PipelineOutput = {
  project: Project;
  result: PipelineResult;
  deck: Deck;
  /** The analysed respondents (codebook applied, exclusions removed). */
  dataset: Dataset;
  /** File row of each analysed respondent. */
  keptRows: Int32Array;
  segments: SegmentStep;
  factors: FactorStep | null;
  profile: SegmentProfile;
  personas: PersonaText[];
  typing: TypingTool | null;
};

export async function runPipeline(input: PipelineInput, run: RunOptions = {}, runner: RangeRunner = inProcessRunner): Promise<PipelineOutput> {
  const project = structuredClone(input.project);
  if (project.segmentation === null) throw new InputError('project-invalid', `Project '${project.name}' has no segmentation settings yet; choose a model and K range first.`);
  const coded = applyCodebook(input.dataset, project.codebook);
  const { dataset, keptRows } = applyExclusions(coded, project.quality.exclusions);
  const factors = project.factors === null ? null : await runFactorStep(dataset, project.factors, run);
  const factorNames = factors?.summary.names ?? [];
  const segments = await runSegmentStep(dataset, project.segmentation, { factorScores: factors?.scores ?? null, factorNames, scoring: factors?.scoring ?? null }, run, runner);
  const k = segments.k;
  const stored = project.personas.length === k ? project.personas : [];
  const attitudes = attitudeInputs(dataset, project, factors);
  const factorInputs = factors === null ? [] : factors.scores.map((values, f) => ({ name: `factor${f + 1}`, label: factors.summary.names[f]!, values }));
  const draftProfile = buildSegmentProfile({ dataset, segments: segments.assignments, k, attitudes, factors: factorInputs, profileVariables: project.profile.profileVariables, valueVariable: project.profile.valueVariable });
  const personas = personaTexts(draftProfile, stored);
  const profile = { ...draftProfile, sizes: draftProfile.sizes.map((s, i) => ({ ...s, name: personas[i]!.name })) };
  let typing: TypingTool | null = null;
  if (project.typing !== null) {
    const t = project.typing;
    typing = await buildTypingTool(
      { dataset, segments: segments.assignments, k, segmentNames: personas.map((p) => p.name) },
      { ...TYPING_DEFAULTS, candidates: t.candidates, targetAccuracy: t.targetAccuracy, maxItems: t.maxItems, method: t.method, seed: t.seed },
      run,
    );
    // The tool's holdout rows refer to the analysed respondents; report them as survey-file rows.
    typing = { ...typing, holdoutRows: typing.holdoutRows.map((r) => keptRows[r]!) };
    project.typing = { ...t, tool: typing as unknown as JsonObject };
  }
  if (factors !== null && project.factors !== null) {
    project.factors = { ...project.factors, factorNames: factors.summary.names, summary: { count: factors.summary.count, varianceExplained: factors.summary.varianceExplained, kmo: factors.summary.kmo, names: factors.summary.names } };
  }
  project.segmentation = {
    ...project.segmentation,
    chosenReason: segments.summary.why,
    summary: {
      chosenK: k,
      assigned: profile.n,
      fit: segments.summary.fit.map((f) => ({ ...f, entropy: Number.isFinite(f.entropy) ? f.entropy : null })),
      shares: profile.sizes.map((s) => s.share),
      // With a weight column: the weighted shares and Kish's effective n of the assigned respondents, for wave comparisons.
      ...(dataset.weight === null ? {} : { weightedShares: profile.sizes.map((s) => s.weightedShare), effectiveN: assignedEffectiveN(dataset, segments.assignments) }),
    },
    frozenModel: segments.frozen,
  };
  project.personas = personas;
  const method = methodSummary(input.dataset, dataset, project, factors, segments);
  const deck = buildDeck({
    title: project.theme.title,
    subtitle: `${project.name}: ${k} segments of ${profile.n.toLocaleString('en-US')} respondents`,
    date: input.date,
    theme: project.theme,
    profile,
    personas,
    method,
    typing,
  });
  const result = resultJson(input.dataset, dataset, project, factors, segments, profile, personas, typing);
  return { project, result, deck, dataset, keptRows, segments, factors, profile, personas, typing };
}

/** The battery items (index to the total on their answer scale); factor scores when there is no battery. */
function attitudeInputs(dataset: Dataset, project: Project, factors: FactorStep | null): { name: string; label: string; values: Float64Array }[] {
  const items = project.codebook.batteryItems.length > 0 ? project.codebook.batteryItems : (project.segmentation?.variables ?? []);
  const fromItems = items.flatMap((name) => {
    const column = findColumn(dataset, name);
    return column === undefined || column.values === null ? [] : [{ name, label: column.label || name, values: numericValues(column, dataset.rows) }];
  });
  if (fromItems.length > 0 || factors === null) return fromItems;
  return factors.scores.map((values, f) => ({ name: `factor${f + 1}`, label: factors.summary.names[f]!, values }));
}

function methodSummary(raw: Dataset, analysed: Dataset, project: Project, factors: FactorStep | null, segments: SegmentStep): MethodSummary {
  const reasons = new Map<string, number>();
  for (const e of project.quality.exclusions) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  const notices: Notice[] = [...(factors?.summary.notices ?? []), ...segments.summary.notices];
  return {
    dataFile: raw.source.file.split(/[\\/]/).pop() ?? raw.source.file,
    respondents: raw.rows,
    excluded: project.quality.exclusions.length,
    exclusionReasons: [...reasons].map(([reason, count]) => ({ reason, count })),
    analysed: analysed.rows,
    weighted: analysed.weight !== null,
    factors: factors === null ? null : { count: factors.summary.count, method: factors.summary.method, rotation: factors.summary.rotation, names: factors.summary.names, items: factors.summary.items.length, varianceExplained: factors.summary.varianceExplained },
    model: {
      name: segments.summary.title,
      basis: segments.summary.basis,
      kMin: segments.summary.kMin,
      kMax: segments.summary.kMax,
      chosenK: segments.k,
      why: segments.summary.why,
      seed: segments.summary.seed,
      starts: segments.summary.starts,
      fit: segments.summary.fit,
      stability: segments.summary.replicated,
    },
    notices,
  };
}

function resultJson(raw: Dataset, analysed: Dataset, project: Project, factors: FactorStep | null, segments: SegmentStep, profile: SegmentProfile, personas: PersonaText[], typing: TypingTool | null): PipelineResult {
  const summaries: SegmentSummary[] = profile.sizes.map((size, s) => ({
    index: s,
    letter: size.letter,
    name: personas[s]!.name,
    tagline: personas[s]!.tagline,
    description: personas[s]!.description,
    draft: personas[s]!.draft,
    size: size.count,
    share: size.share,
    weightedShare: size.weightedShare,
    modelShare: segments.modelShares[s]!,
    distinctive: (profile.distinctive[s] ?? []).map((d) => ({ name: d.name, label: d.label, index: d.index, mean: d.mean, totalMean: d.totalMean, d: d.d, direction: d.direction })),
  }));
  return {
    kind: 'segstudio-result',
    schemaVersion: RESULT_SCHEMA_VERSION,
    appVersion: APP_VERSION,
    project: project.name,
    data: { file: raw.source.file.split(/[\\/]/).pop() ?? raw.source.file, respondents: raw.rows, excluded: raw.rows - analysed.rows, analysed: analysed.rows, assigned: profile.n, weighted: analysed.weight !== null },
    segments: summaries,
    factors: factors?.summary ?? null,
    model: segments.summary,
    typing:
      typing === null
        ? null
        : { items: typing.items.map((i) => i.name), method: typing.method, holdoutAccuracy: typing.holdout.accuracy, holdoutN: typing.holdout.n, targetAccuracy: typing.targetAccuracy, reachedTarget: typing.reachedTarget, curve: typing.curve.map((c) => ({ size: c.size, items: c.items, cvAccuracy: c.cvAccuracy, holdoutMlr: c.holdout.mlr, holdoutLda: c.holdout.lda })) },
    profile,
    notices: [...(factors?.summary.notices ?? []), ...segments.summary.notices, ...(typing?.notices ?? [])],
  };
}

/** Kish's effective sample size (Σw)²/Σw² of the assigned respondents (weights ≤ 0 or missing count as 0). */
function assignedEffectiveN(dataset: Dataset, assignments: Int32Array): number {
  const column = dataset.weight === null ? undefined : findColumn(dataset, dataset.weight);
  const weights = column === undefined ? null : numericValues(column, dataset.rows);
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < assignments.length; i++) {
    if (assignments[i]! < 0) continue;
    const w = weights === null ? 1 : weights[i]!;
    if (!(w > 0)) continue;
    sum += w;
    sum2 += w * w;
  }
  return sum2 > 0 ? (sum * sum) / sum2 : 0;
}
