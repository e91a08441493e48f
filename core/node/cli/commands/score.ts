/**
 * `segstudio score --project FILE.segstudio --data WAVE2 --out DIR`: assigns a later survey wave
 * with the project's frozen segment model (and types it with the typing tool), then compares the
 * segment shares with the project's wave (z-test per segment, Bonferroni over segments). A wave
 * whose code frame differs (codes or value labels of the model's items) is refused.
 * Writes wave-scores.json, wave-assignments.csv and wave-assignments.sav.
 */
import { basename, join, resolve } from 'node:path';
import { parseProject } from '../../../project/parse-project';
import { scoreProjectWave } from '../../../pipeline/score-waves';
import { loadDataset } from '../../data/load-dataset';
import { assignmentsCsv, assignmentsSav, type AssignmentTable } from '../../report/exports';
import { loadProjectData } from '../../report/pipeline-io';
import { optionalString, requiredString } from '../args';
import { InputError } from '../../../errors';
import type { Dataset } from '../../../data/dataset';
import type { Command } from '../command';
import { toJsonText, writeFileAtomic } from '../output';
import { readProjectFile } from './run';

export const scoreCommand: Command = {
  name: 'score',
  summary: 'Assign a later survey wave with a project’s frozen model and typing tool, and test the change of segment shares.',
  options: [
    { name: 'project', value: 'FILE', help: 'The .segstudio project written by demo/run (it holds the frozen model).', required: true },
    { name: 'data', value: 'FILE', help: 'The new wave (.sav, .csv, .xlsx) with the same items and codes.', required: true },
    { name: 'out', value: 'DIR', help: 'Folder for wave-scores.json and the wave assignments.', required: true },
    { name: 'map', value: 'LIST', help: "Columns renamed in the new wave, as MODEL=WAVE pairs: 'q01=Q1_w2,q02=Q2_w2'." },
  ],
  async run(args, io) {
    const file = resolve(requiredString(args, 'project'));
    const waveFile = resolve(requiredString(args, 'data'));
    const out = resolve(requiredString(args, 'out'));
    const project = parseProject(readProjectFile(file), file);
    const { dataset: reference } = await loadProjectData(project, file);
    const wave = renameColumns(await loadDataset(waveFile), optionalString(args, 'map'));
    const result = scoreProjectWave(project, reference, wave, basename(waveFile));
    const k = result.segments.length;
    const keptRows = Int32Array.from({ length: wave.rows }, (_, i) => i);
    const table: AssignmentTable = { source: wave, keptRows, assignments: result.assignments, posteriors: result.posteriors, k, names: result.segments, letters: result.segments.map((_, s) => String.fromCharCode(65 + s)) };
    const { assignments: _a, posteriors: _p, ...summary } = result;
    writeFileAtomic(join(out, 'wave-scores.json'), toJsonText(summary));
    writeFileAtomic(join(out, 'wave-assignments.csv'), assignmentsCsv(table));
    writeFileAtomic(join(out, 'wave-assignments.sav'), assignmentsSav(table));
    for (const c of result.changes) {
      io.stdout(`${c.name}: ${(100 * c.from).toFixed(1)}% → ${(100 * c.to).toFixed(1)}% (${c.difference >= 0 ? '+' : ''}${(100 * c.difference).toFixed(1)} points, p = ${c.pAdjusted.toFixed(3)}${c.significant ? ', significant' : ''})\n`);
    }
    if (result.typing !== null) io.stdout(`Typing tool (${result.typing.items.length} questions) agrees with the full model for ${(100 * result.typing.agreement).toFixed(1)}% of respondents.\n`);
    return 0;
  },
};

/** Applies `--map MODEL=WAVE,...`: the wave's column WAVE is read as the model's column MODEL. */
export function renameColumns(wave: Dataset, map: string | undefined): Dataset {
  if (map === undefined || map.trim() === '') return wave;
  const renames = new Map<string, string>();
  for (const pair of map.split(',')) {
    const [model, waveName] = pair.split('=').map((x) => x.trim());
    if (!model || !waveName) throw new InputError('option-invalid', `--map expects MODEL=WAVE pairs separated by commas; got '${pair}'.`);
    if (!wave.columns.some((c) => c.name === waveName)) throw new InputError('column-unknown', `--map names the column '${waveName}', which '${wave.source.file}' does not have.`, { file: wave.source.file, column: waveName });
    renames.set(waveName, model);
  }
  return { ...wave, columns: wave.columns.map((c) => (renames.has(c.name) ? { ...c, name: renames.get(c.name)! } : c)) };
}
