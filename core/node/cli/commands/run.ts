/**
 * `segstudio run --project FILE.segstudio --out DIR`: re-runs a saved project (its data,
 * codebook edits, exclusions, settings and seeds) and writes deck.pdf, assignments.csv,
 * profiles.xlsx, result.json and the other exports, plus the updated project. The project file
 * itself is never modified.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../../errors';
import { parseProject } from '../../../project/parse-project';
import { runPipeline } from '../../../pipeline/run-pipeline';
import { defaultPoolSize } from '../../jobs/worker-pool';
import { loadProjectData, poolRunner } from '../../report/pipeline-io';
import { writePipelineOutputs } from '../../report/write-outputs';
import { integerOption, requiredString } from '../args';
import type { Command } from '../command';
import { printNotices, WORKERS_OPTION } from './segment-options';

export function readProjectFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError('file-unreadable', `Cannot read the project '${file}': check the path.`, { file });
  }
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a saved .segstudio project end to end and write deck.pdf, assignments.csv, profiles.xlsx and result.json.',
  options: [
    { name: 'project', value: 'FILE', help: 'The .segstudio project file.', required: true },
    { name: 'out', value: 'DIR', help: 'Folder for the outputs.', required: true },
    WORKERS_OPTION,
    { name: 'no-pdf', value: null, help: 'Skip the browser outputs: deck.pdf and the PNG charts (deck.html and the SVG charts are still written).' },
  ],
  async run(args, io) {
    const file = resolve(requiredString(args, 'project'));
    const out = resolve(requiredString(args, 'out'));
    const workers = integerOption(args, 'workers', defaultPoolSize(), 0, 64);
    const project = parseProject(readProjectFile(file), file);
    if (project.segmentation === null) {
      throw new InputError('project-invalid', `Project '${file}' has no segmentation settings yet; choose a model in the app (or start from 'segstudio demo') and save the project.`, { file });
    }
    const { dataset, file: dataFile } = await loadProjectData(project, file);
    const output = await runPipeline({ dataset, project, date: new Date().toISOString().slice(0, 10) }, {}, poolRunner(workers));
    // The copy written to --out must still find the data: re-base a relative path on the new folder.
    if (output.project.data.kind === 'file' && !isAbsolute(output.project.data.path)) output.project.data = { ...output.project.data, path: relative(out, dataFile) };
    const written = await writePipelineOutputs(out, output, dataset, { pdf: !args.flags.has('no-pdf') });
    printNotices(io, 'run', output.result.notices);
    io.stdout(`${output.segments.k} segments. Wrote ${written.files.join(', ')} to ${out}\n`);
    return 0;
  },
};
