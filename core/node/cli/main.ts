/**
 * Entry of the `segstudio` bundle (out/cli/main.cjs, started by core/node/bin/segstudio.cjs).
 * Start-up time is part of every command's time, so this file only picks which prebuilt bundle
 * to load: `factor` has its own (out/cli/cli-factor.cjs, half the code: no segmentation, report
 * or project code), every other command and the help are in out/cli/cli-all.cjs. All bundles are
 * built together by `npm run build:cli`; run-cli.ts holds the dispatch, help and error handling
 * they share. (A V8 code cache loaded through vm.Script was measured here too: no gain on Node
 * 20 for this bundle, so the bundle is simply required.)
 */
import { join } from 'node:path';

/** Commands with a bundle of their own (file out/cli/cli-<name>.cjs). */
const OWN_BUNDLE: ReadonlySet<string> = new Set(['factor']);

const name = process.argv[2];
const bundle = name !== undefined && OWN_BUNDLE.has(name) ? `cli-${name}.cjs` : 'cli-all.cjs';
// A computed path: esbuild leaves this require to run time instead of inlining the bundle here.
require(join(__dirname, bundle));
