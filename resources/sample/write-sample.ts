/**
 * `npm run sample:generate`: rewrites survey.csv, survey.sav and truth.json in this folder from
 * the default seed (or the seed given as the first argument). The committed files must equal
 * this script's output; tests/sample/sample-survey.test.ts checks it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_SEED } from './sample-design';
import { generateSample, sampleSurveyCsv, sampleSurveySav } from './generate-sample';

const folder = join(process.cwd(), 'resources', 'sample');
const seed = process.argv[2] === undefined ? SAMPLE_SEED : Number(process.argv[2]);
const { dataset, truth } = generateSample(seed);
writeFileSync(join(folder, 'survey.csv'), sampleSurveyCsv(dataset));
writeFileSync(join(folder, 'survey.sav'), sampleSurveySav(dataset));
writeFileSync(join(folder, 'truth.json'), `${JSON.stringify(truth)}\n`);
process.stdout.write(`Wrote ${dataset.rows} respondents (seed ${seed}) to ${folder}\n`);
