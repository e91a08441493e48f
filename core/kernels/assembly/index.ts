// Entry of the WebAssembly kernels module (AssemblyScript; see eigen.ts). Every export here is
// called from the entry points in core/kernels/*.ts (instance.ts loads the module).
export { eigenSymmetric, eigenSymmetricScratchBytes, eigenvalues, eigenvaluesScratchBytes, eigenTop, eigenTopScratchBytes } from './eigen';

/** First byte the caller may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
export { groupCodes, tabulateGroupPair, tabulatePairsScratchBytes, tabulateSingleGroup } from './tables';

/** 1 when all `count` f64s at `values` are finite, else 0. */
export function allFinite(values: usize, count: i32): i32 {
  for (let i = 0; i < count; i++) {
    const v = load<f64>(values + ((<usize>i) << 3));
    if (!(v - v == 0)) return 0;
  }
  return 1;
}
export { pearsonSumsBegin, pearsonShiftRows, pearsonShiftEnd, pearsonSumsRows, pearsonSumsBytes } from './pearson';
export { minresFit, minresFitScratchBytes } from './minres';
export { polychoricPairFit, polychoricPairScratchBytes } from './polychoric';
export { gpaObliqueQuartimin, gpaObliqueScratchBytes } from './rotate';
export { choleskyInverse, choleskyInverseScratchBytes, wellConditionedInverse } from './cholesky';
export { scoreRowBytes, writeScoreRows } from './format-number';
export { noncentralChiSquareSeries } from './chi-square';
export { nullCorrelationScratchBytes, simulateNullCorrelation } from './random';
export { scoreRows } from './scores';
export { transposeBlock } from './staging';
export { columnMoments, markIncomplete, scanColumn } from './columns';
export { gaussJordanInverse } from './gauss-jordan';
