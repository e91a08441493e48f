/**
 * `segstudio demo --out DIR`: the whole pipeline on the bundled sample survey with its defaults
 * (core/pipeline/auto-project.ts): import, quality screen, factors, segments, personas, typing
 * tool and the profile deck. Writes deck.pdf, deck.html, assignments.csv/.sav, profiles.xlsx,
 * result.json, the typing tool and project.segstudio (which `run` and `score` accept).
 */
import { basename, relative, resolve } from 'node:path';
import { loadDataset } from '../../data/load-dataset';
import { makeDataReference } from '../../../project/apply-project';
import { autoProject } from '../../../pipeline/auto-project';
import { LCA_DEFAULTS } from '../../../segment/lca-analysis';
import { runPipeline } from '../../../pipeline/run-pipeline';
import { defaultPoolSize } from '../../jobs/worker-pool';
import { findSampleSurvey, poolRunner, readBytes } from '../../report/pipeline-io';
import { writePipelineOutputs } from '../../report/write-outputs';
import { integerOption, optionalString, rangeOption, requiredString } from '../args';
import type { Command } from '../command';
import { printNotices, WORKERS_OPTION } from './segment-options';

export const DEMO_SEED = 20240611;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole pipeline on the bundled sample survey (or --data FILE) and write the deck, exports and a project file.',
  options: [
    { name: 'out', value: 'DIR', help: 'Folder to write deck.pdf, assignments.csv, profiles.xlsx, result.json, project.segstudio… into.', required: true },
    { name: 'data', value: 'FILE', help: 'Survey to use instead of the bundled sample (.sav, .csv, .xlsx).' },
    { name: 'seed', value: 'N', help: `Master seed of every random step (default ${DEMO_SEED}).` },
    { name: 'classes', value: 'A-B', help: 'Range of segment counts to compare (default 2-8).' },
    { name: 'starts', value: 'N', help: `Random starts per segment count (default ${LCA_DEFAULTS.starts}, plus a k-means start; as segstudio lca).` },
    WORKERS_OPTION,
    { name: 'no-pdf', value: null, help: 'Skip the browser outputs: deck.pdf and the PNG charts (deck.html and the SVG charts are still written).' },
  ],
  async run(args, io) {
    const out = resolve(requiredString(args, 'out'));
    const file = resolve(optionalString(args, 'data') ?? findSampleSurvey());
    const seed = integerOption(args, 'seed', DEMO_SEED, 0, 4294967295);
    const [kMin, kMax] = rangeOption(args, 'classes', [2, 8], 1, 20);
    const starts = integerOption(args, 'starts', LCA_DEFAULTS.starts, 1, 1000);
    const workers = integerOption(args, 'workers', defaultPoolSize(), 0, 64);
    const bytes = readBytes(file);
    const dataset = await loadDataset(file);
    const now = new Date().toISOString();
    const data = makeDataReference(bytes, { path: relative(out, file) || file, fileName: basename(file), format: dataset.source.format, rows: dataset.rows });
    const project = autoProject(dataset, { name: `${basename(file)} (demo)`, now, seed, data, kMin, kMax, starts });
    const output = await runPipeline({ dataset, project, date: now.slice(0, 10) }, {}, poolRunner(workers));
    const written = await writePipelineOutputs(out, output, dataset, { pdf: !args.flags.has('no-pdf') });
    printNotices(io, 'demo', output.result.notices);
    io.stdout(`${output.segments.k} segments (${output.personas.map((p) => p.name).join('; ')}). Wrote ${written.files.join(', ')} to ${out}\n`);
    return 0;
  },
};
