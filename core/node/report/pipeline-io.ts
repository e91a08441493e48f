/**
 * Node-side helpers shared by the demo, run and score commands: finding the bundled sample
 * survey, reading a project's data (embedded, or the referenced file checked against its content
 * hash), and running the segmentation's multi-start units on a worker pool.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import type { Dataset } from '../../data/dataset';
import { readSurveyBytes } from '../../data/read-survey';
import { decodeBase64 } from '../../project/base64';
import { verifyDataHash } from '../../project/apply-project';
import type { Project } from '../../project/project';
import { executorRunner, inProcessRunner, type RangeRunner } from '../../pipeline/segments-step';
import { unitExecutorFor } from '../../segment/executor';
import type { MixtureFit } from '../../segment/multistart';
import { createPoolExecutor } from '../jobs/pool-executor';

/** The bundled sample survey (resources/sample/survey.sav), searched upward from the CLI bundle and the working directory. */
export function findSampleSurvey(): string {
  const starts = [typeof __dirname !== 'undefined' ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (let i = 0; i < 6; i++) {
      const candidate = join(dir, 'resources', 'sample', 'survey.sav');
      if (existsSync(candidate)) return candidate;
      dir = dirname(dir);
    }
  }
  throw new InputError('file-unreadable', "The bundled sample survey (resources/sample/survey.sav) was not found; run the command from the Segment Studio folder or pass --data FILE.");
}

export function readBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new InputError('file-unreadable', `Cannot read '${file}': check the path and that the file is not open elsewhere.`, { file });
  }
}

/** The survey a project was built on, verified against the stored SHA-256. */
export async function loadProjectData(project: Project, projectFile: string): Promise<{ dataset: Dataset; file: string }> {
  const ref = project.data;
  if (ref.kind === 'embedded') {
    const bytes = decodeBase64(ref.base64);
    verifyDataHash(ref, bytes, ref.fileName);
    return { dataset: await readSurveyBytes(bytes, ref.fileName, ref.sheet === null ? {} : { sheet: ref.sheet }), file: ref.fileName };
  }
  const file = isAbsolute(ref.path) ? ref.path : resolve(dirname(projectFile), ref.path);
  if (!existsSync(file)) {
    throw new InputError('file-unreadable', `The project's data file '${ref.path}' was not found (looked for ${file}); put it back beside the project or re-link it in the app.`, { file });
  }
  const bytes = readBytes(file);
  verifyDataHash(ref, bytes, file);
  return { dataset: await readSurveyBytes(bytes, file, ref.sheet === null ? {} : { sheet: ref.sheet }), file };
}

/** Multi-start units on `workers` worker threads (0 = in this thread). */
export function poolRunner(workers: number): RangeRunner {
  if (workers <= 0) return inProcessRunner;
  return async (model, ref, data, options, run) => {
    const executor = await createPoolExecutor(data, { size: workers });
    try {
      return await executorRunner((r) => unitExecutorFor(executor, r))(model, ref, data, options, run) as (MixtureFit<never> | { k: number; failed: true; message: string })[];
    } finally {
      await executor.close();
    }
  };
}
