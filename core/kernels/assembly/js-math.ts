// JavaScript's own Math functions, imported (core/kernels/instance.ts passes Math.exp, … as env.*),
// so that every kernel computes the transcendental values its TypeScript reference computes, to
// the bit. V8 calls them directly from WebAssembly, without a JavaScript frame.

@external("env", "exp") export declare function exp(x: f64): f64;
@external("env", "log") export declare function log(x: f64): f64;
@external("env", "sin") export declare function sin(x: f64): f64;
@external("env", "asin") export declare function asin(x: f64): f64;
@external("env", "cos") export declare function cos(x: f64): f64;
@external("env", "pow") export declare function pow(x: f64, y: f64): f64;
