/**
 * Loads a CommonJS bundle through V8's code cache, so a command does not recompile the functions
 * the previous run compiled: the cache (`<bundle>.<hash>.v8cache`, beside the bundle) is written when a
 * successful run ends, after the command has run, so it holds the bytecode of every function that run used
 * (a cache made right after compiling holds only the top level, which gains nothing — measured).
 * bfi `segstudio factor`: 15–30 ms less per run (of ~0.26 s).
 *
 * Safe by construction: the cache's name carries the bundle's size and CRC-32 (V8's own check
 * compares only the source's length), and V8 rejects a cache made by another V8 version or with
 * other flags (then this run rewrites it); caches of earlier builds are removed when a new one is
 * written; a cache that cannot be read or written (read-only install) only costs the gain. The bundle runs exactly as `require` would
 * run it (same wrapper, module object, require, __filename and __dirname).
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

type Wrapped = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

export function requireWithCodeCache(file: string): void {
  const bytes = readFileSync(file);
  // CRC-32 (zlib's, native): any edit changes it but for a 1-in-4-billion chance, and V8 then still
  // checks the length; loading node:crypto for a SHA would cost more than the cache saves here.
  const cacheFile = `${file}.${bytes.length.toString(16)}-${crc32(bytes).toString(16).padStart(8, '0')}.v8cache`;
  const source = bytes.toString('utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', (code) => {
      if (code !== 0) return; // a failed run compiled little: leave the cache to a successful one
      try {
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
        const stem = `${basename(file)}.`;
        for (const other of readdirSync(dirname(file))) {
          if (other.startsWith(stem) && other.endsWith('.v8cache') && other !== basename(cacheFile)) rmSync(join(dirname(file), other), { force: true });
        }
      } catch {
        // read-only location: run without the cache
      }
    });
  }
  const wrapped = script.runInThisContext() as Wrapped;
  const bundle = new Module(file, module);
  bundle.filename = file;
  const require = Module.createRequire(file);
  bundle.paths = require.resolve.paths('.') ?? [];
  wrapped.call(bundle.exports, bundle.exports, require, bundle, file, dirname(file));
  bundle.loaded = true;
}
