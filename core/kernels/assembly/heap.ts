// Element access for the kernels' arrays, which are runs of f64 at byte offsets in linear memory
// (see eigen.ts for how the module is built): ld/st read and write element i of the run at
// `base`, f64s is the byte size of `count` f64s, isFinite the test JavaScript's Number.isFinite
// makes. Inlined at every use.

@inline export function ld(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3));
}

@inline export function st(base: usize, i: i32, v: f64): void {
  store<f64>(base + ((<usize>i) << 3), v);
}

@inline export function f64s(count: i32): usize {
  return (<usize>count) << 3;
}

@inline export function isFinite(v: f64): bool {
  return v - v == 0;
}
