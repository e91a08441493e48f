/**
 * Models by name, so that a worker (which receives plain messages, not functions) can find the
 * MixtureModel a job refers to. A ModelRef is plain data; resolveModel returns the one shared model
 * object for it.
 */
import type { MixtureModel } from './mixture-model';
import { lpaModel } from './lpa/lpa-model';
import type { CovarianceModel } from './lpa/covariance-models';
import { lcaModel } from './lca/lca-model';
import type { LcaData } from './lca/lca-data';
import type { LcaParams } from './lca/lca-params';
import { mixedModel } from './mixed/mixed-model';
import type { MixedData } from './mixed/mixed-data';
import type { MixedParams } from './mixed/mixed-params';

export type ModelRef = { kind: 'lpa'; covariance: CovarianceModel } | { kind: 'lca' } | { kind: 'mixed' };

/** The latent class model; it provides the orchestration's optional capabilities (simulate, resample, numericView) itself. */
export function lcaModelForDriver(): MixtureModel<LcaData, LcaParams> {
  return lcaModel;
}

/** The latent class model with nominal, ordinal and continuous indicators (mixed/mixed-model.ts). */
export function mixedModelForDriver(): MixtureModel<MixedData, MixedParams> {
  return mixedModel;
}

/** The model a ModelRef names; data and parameters are opaque to the caller (a worker). */
export function resolveModel(ref: ModelRef): MixtureModel<unknown, unknown> {
  switch (ref.kind) {
    case 'lpa':
      return lpaModel(ref.covariance) as unknown as MixtureModel<unknown, unknown>;
    case 'lca':
      return lcaModelForDriver() as unknown as MixtureModel<unknown, unknown>;
    case 'mixed':
      return mixedModelForDriver() as unknown as MixtureModel<unknown, unknown>;
  }
}
