/**
 * Draft persona names on the bundled sample (issue 6 §1): with the sample's true segments and the
 * factor step's drafted factor names, the 5 draft names are distinct, short (≤ 3 words) and each
 * is drafted from that segment's top distinctive factor (the factor with the largest standardised
 * difference to the total). Nothing here names the sample's segments: the templates must work for
 * any battery (core/profile/personas.test.ts checks wording outside the vocabulary).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findColumn, numericValues } from '../../core/data/dataset';
import { loadDataset } from '../../core/node/data/load-dataset';
import { runFactorStep } from '../../core/pipeline/factors-step';
import { buildSegmentProfile } from '../../core/profile/build-profile';
import { keyPhrase } from '../../core/profile/personas';
import { themeOfFactorName } from '../../core/profile/persona-lexicon';
import { REPO_ROOT } from '../oracle/oracle-files';

describe('draftPersonas on the bundled sample', () => {
  it('gives 5 distinct short names, each drafted from the segment’s top distinctive factor', async () => {
    const dataset = await loadDataset(join(REPO_ROOT, 'resources', 'sample', 'survey.sav'));
    const truth = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'sample', 'truth.json'), 'utf8')) as { respondents: { segment: number[] } };
    const segments = Int32Array.from(truth.respondents.segment, (code) => code - 1);
    const items = Array.from({ length: 24 }, (_, j) => `q${String(j + 1).padStart(2, '0')}`);
    const factors = await runFactorStep(dataset, { items, settings: { nFactors: 'auto', method: 'minres', rotation: 'oblimin' }, seed: 1, factorNames: [], summary: null });
    const profile = buildSegmentProfile({
      dataset,
      segments,
      k: 5,
      attitudes: items.map((name) => ({ name, label: findColumn(dataset, name)!.label, values: numericValues(findColumn(dataset, name)!, dataset.rows) })),
      factors: factors.scores.map((values, f) => ({ name: `factor${f + 1}`, label: factors.summary.names[f]!, values })),
      profileVariables: [],
    });
    const names = profile.personas.map((p) => p.name);
    expect(new Set(names).size).toBe(5);
    const table = profile.factors!;
    profile.personas.forEach((persona, s) => {
      expect(persona.draft).toBe(true);
      expect(persona.name.split(/\s+/).length).toBeLessThanOrEqual(3);
      expect(persona.name).not.toMatch(/^Segment /);
      const d = table.d[s]!;
      const top = table.variables[d.indexOf(Math.max(...d))]!.label;
      expect(persona.drivers[0]).toBe(top);
      const theme = themeOfFactorName(top);
      if (theme !== null) expect(theme.high).toContain(persona.name);
      else expect(persona.name).toContain(keyPhrase(top).split(' ')[0]!);
    });
  });
});
