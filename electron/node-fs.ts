/**
 * The FsPort of electron/handlers.ts on node:fs. Writes are atomic: the content goes to a
 * temporary sibling file, is flushed, then renamed over the target, so a crash or a full disk in
 * the middle of a save leaves the previous file intact.
 */
import { open, readFile, rename, rm, stat, mkdir } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { FsPort } from './handlers';

export const nodeFs: FsPort = {
  async size(path) {
    try {
      const s = await stat(path);
      return s.isFile() ? s.size : null;
    } catch {
      return null;
    }
  },
  async readBytes(path) {
    return new Uint8Array(await readFile(path));
  },
  async writeAtomic(path, content) {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  },
  async remove(path) {
    await rm(path, { force: true });
  },
};
