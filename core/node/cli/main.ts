/**
 * Entry of the `segstudio` bundle (out/cli/main.cjs, started by core/node/bin/segstudio.cjs).
 * Start-up time is part of every command's time, so this file only picks which prebuilt bundle
 * to load — `factor` has its own (out/cli/cli-factor.cjs, half the code: no segmentation, report
 * or project code), every other command and the help are in out/cli/cli-all.cjs — and loads it
 * through V8's code cache (code-cache.ts). All bundles are built together by `npm run build:cli`;
 * run-cli.ts holds the dispatch, help and error handling they share.
 */
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache';

/** Commands with a bundle of their own (file out/cli/cli-<name>.cjs). */
const OWN_BUNDLE: ReadonlySet<string> = new Set(['factor']);

const name = process.argv[2];
const bundle = name !== undefined && OWN_BUNDLE.has(name) ? `cli-${name}.cjs` : 'cli-all.cjs';
requireWithCodeCache(join(__dirname, bundle));
