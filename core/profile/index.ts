/** Public API of segment profiles. */
export * from './profile-types';
export { buildSegmentProfile, segmentSizes, type ProfileInput } from './build-profile';
export { buildAttitudeTable, distinctiveAttitudes, type AttitudeInput } from './attitudes';
export { crosstabCategorical, crosstabMean, profileColumnKind, categorise } from './crosstab';
export { draftPersonas, keyPhrase } from './personas';
export { prioritiseSegments, PRIORITY_METHOD } from './prioritise';
export { normalUpperTail, twoSidedP, chiSquareUpperTail, studentTwoSidedP } from './stat-tests';
