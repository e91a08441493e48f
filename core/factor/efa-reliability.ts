/**
 * Reliability per factor for the EFA result: the adapter between efa.ts and the reliability
 * module (reliability*.ts), which computes Cronbach's alpha (with reverse keys taken from the
 * loading signs) and McDonald's omega for the items that load on each factor.
 */
import type { Matrix } from '../math/matrix';
import type { Notice } from '../notices';
import type { MissingPolicy } from './options';

export type FactorReliability = {
  /** Output factor index (column of the loadings). */
  factor: number;
  /** Items assigned to the factor (largest absolute pattern loading), reverse-keyed ones marked. */
  items: { item: number; reversed: boolean }[];
  alpha: number | null;
  omega: number | null;
};

export function computeReliability(_data: Matrix, _R: Matrix, _loadings: Matrix, _phi: Matrix | null, _missing: MissingPolicy): { factors: FactorReliability[]; notices: Notice[] } {
  return { factors: [], notices: [] };
}
