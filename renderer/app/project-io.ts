/**
 * Between the store and the `.segstudio` project file (core/project): the survey's bytes are
 * embedded with their SHA-256, the codebook edits, exclusions, every setting and seed, factor
 * names and the chosen K are recorded, plus short result summaries for people reading the file.
 * Reopening re-reads the embedded data and re-runs the recorded settings with their seeds, which
 * reproduces the results exactly (every random step is seeded).
 */
import { makeDataReference } from '../../core/project/apply-project';
import { createProject, type Project } from '../../core/project/project';
import type { JsonObject } from '../../core/project/json-reader';
import { COVARIANCE_MODELS, type CovarianceModel } from '../../core/segment/lpa/covariance-models';
import { defaultDoc, type AppState, type Doc } from '../state/app-reducer';
import type { ResultCache } from '../state/result-cache';
import type { EfaView } from '../workers/efa-job';
import type { SegmentFit } from '../workers/segment-job';
import type { TypingTool } from '../../core/typing/typing-types';
import { METHODS, ROTATIONS, CORRELATIONS, MISSING, SCORES } from '../../core/factor/options';

export function projectFromState(
  state: AppState,
  survey: { name: string; bytes: Uint8Array },
  now: string,
  cache: ResultCache,
  segmentKey: (k: number) => string | null,
  efaKey: () => string | null,
  typingKey?: () => string | null,
): Project {
  const { doc } = state;
  const format = state.survey?.format ?? 'csv';
  const data = makeDataReference(survey.bytes, { path: survey.name, fileName: survey.name, format: format as Project['data']['format'], rows: state.survey?.rows ?? 0, embed: true });
  const project = createProject({ name: state.project.name, data, now: state.project.createdAt ?? now, codebook: doc.codebook });
  project.savedAt = now;
  project.quality = { exclusions: doc.exclusions, settings: {} };
  const efa = cache.get<EfaView>(efaKey() ?? '');
  const factorRan = state.jobs.efa.status === 'done' || efa !== undefined;
  const { names, seed, ...settings } = doc.factor;
  if (factorRan) {
    project.factors = {
      items: doc.codebook.batteryItems,
      settings: settings as JsonObject,
      seed,
      factorNames: names,
      summary: efa === undefined ? null : { nFactors: efa.nFactors, kmo: efa.kmo, varianceExplained: efa.varianceExplained },
    };
  }
  const s = doc.segment;
  const fits: SegmentFit[] = [];
  for (let k = s.kMin; k <= s.kMax; k++) {
    const fit = cache.get<SegmentFit>(segmentKey(k) ?? '');
    if (fit !== undefined) fits.push(fit);
  }
  if (state.jobs.segment.status === 'done' || fits.length > 0) {
    const chosen = fits.find((f) => f.k === s.chosenK);
    project.segmentation = {
      basis: s.basis,
      variables: s.variables,
      model: s.model,
      kMin: s.kMin,
      kMax: s.kMax,
      seed: s.seed,
      settings: { starts: s.starts, covariance: s.covariance, indicators: s.indicators, stabilityReplicates: s.stabilityReplicates },
      chosenK: s.chosenK,
      chosenReason: s.chosenK === null ? null : 'Chosen by the researcher on the Segments screen.',
      summary: { fits: fits.map((f) => ({ k: f.k, logLik: f.logLik, bic: f.bic, aic: f.aic, entropy: f.entropy, sizes: f.sizes, stabilityMeanAri: f.stability?.meanAri ?? null })), chosenSizes: chosen?.sizes ?? null },
      frozenModel: null,
    };
  }
  project.profile = { profileVariables: doc.profileVariables, valueVariable: doc.valueVariable };
  project.personas = doc.personas;
  project.theme = doc.theme;
  const tool = typingKey === undefined ? undefined : cache.get<TypingTool>(typingKey() ?? '');
  if (tool !== undefined) {
    const t = doc.typing;
    project.typing = { targetAccuracy: t.targetAccuracy, maxItems: t.maxItems, candidates: doc.codebook.batteryItems, method: t.method, seed: t.seed, tool: tool as unknown as JsonObject };
  }
  return project;
}

function pick<T extends string>(value: unknown, choices: readonly T[], fallback: T): T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function docFromProject(project: Project): Doc {
  const base = defaultDoc();
  const f = project.factors;
  const fs = f?.settings ?? {};
  const nFactors = fs['nFactors'];
  const seg = project.segmentation;
  const ss = seg?.settings ?? {};
  return {
    codebook: project.codebook,
    exclusions: project.quality.exclusions,
    factor: {
      nFactors: typeof nFactors === 'number' && Number.isInteger(nFactors) && nFactors > 0 ? nFactors : 'auto',
      method: pick(fs['method'], METHODS, base.factor.method),
      rotation: pick(fs['rotation'], ROTATIONS, base.factor.rotation),
      correlation: pick(fs['correlation'], CORRELATIONS, base.factor.correlation),
      missing: pick(fs['missing'], MISSING, base.factor.missing),
      scores: pick(fs['scores'], SCORES, base.factor.scores),
      seed: f?.seed ?? base.factor.seed,
      names: f?.factorNames ?? [],
    },
    segment:
      seg === null
        ? base.segment
        : {
            basis: seg.basis,
            model: seg.model,
            variables: seg.variables,
            kMin: seg.kMin,
            kMax: seg.kMax,
            covariance: pick<CovarianceModel>(ss['covariance'], COVARIANCE_MODELS, base.segment.covariance),
            indicators: ss['indicators'] === 'ordinal' ? 'ordinal' : 'nominal',
            starts: typeof ss['starts'] === 'number' ? ss['starts'] : base.segment.starts,
            stabilityReplicates: typeof ss['stabilityReplicates'] === 'number' ? ss['stabilityReplicates'] : 0,
            seed: seg.seed,
            chosenK: seg.chosenK,
          },
    profileVariables: project.profile.profileVariables,
    personas: project.personas,
    valueVariable: project.profile.valueVariable,
    theme: project.theme,
    typing: project.typing === null ? base.typing : { targetAccuracy: project.typing.targetAccuracy, maxItems: project.typing.maxItems, method: project.typing.method, seed: project.typing.seed },
  };
}
