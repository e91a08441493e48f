import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { EMPTY_MISSING, type Dataset } from '../data/dataset';
import {
  applyCodebook,
  applyExclusions,
  createProject,
  decodeBase64,
  encodeBase64,
  makeDataReference,
  parseProject,
  serializeProject,
  sha256Hex,
  verifyDataHash,
  type Project,
} from './index';

const bytes = new TextEncoder().encode('id,q1\n1,Agree\n2,Disagree\n3,\n');

function sample(): Project {
  const project = createProject({
    name: 'Wave 1 segmentation — Café ✓',
    data: makeDataReference(bytes, { path: 'survey.csv', fileName: 'survey.csv', format: 'csv', rows: 3 }),
    now: '2026-01-01T00:00:00.000Z',
    codebook: { batteryItems: ['q1'], id: 'id' },
  });
  project.segmentation = {
    basis: 'items', variables: ['q1'], model: 'lca', kMin: 2, kMax: 6, seed: 42, settings: { starts: 20 },
    chosenK: 4, chosenReason: 'lowest BIC', summary: { bic: [1, 2] }, frozenModel: null,
  };
  project.personas = [{ segment: 0, name: 'Éclair lovers', tagline: 'x', description: 'y', icon: null, draft: true }];
  return project;
}

function expectInputError(fn: () => unknown, code: string, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe(code);
    expect((error as InputError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an InputError');
}

describe('project file', () => {
  it('serializeProject → parseProject round-trips every field, including non-ASCII text', () => {
    const project = sample();
    expect(parseProject(serializeProject(project), 'a.segstudio')).toEqual(project);
  });

  it('refuses a truncated file as project-invalid, naming the file', () => {
    const text = serializeProject(sample());
    expectInputError(() => parseProject(text.slice(0, text.length / 2), 'half.segstudio'), 'project-invalid', /half\.segstudio.*not valid JSON.*not changed/s);
  });

  it('refuses a JSON file that is not a project', () => {
    expectInputError(() => parseProject('{"a":1}', 'x.json'), 'project-invalid', /not a Segment Studio project/);
  });

  it('names the first wrong field', () => {
    const raw = JSON.parse(serializeProject(sample()));
    raw.segmentation.kMax = 1;
    expectInputError(() => parseProject(JSON.stringify(raw), 'p.segstudio'), 'project-invalid', /segmentation\.kMax.*from 2/);
    raw.segmentation.kMax = 6;
    raw.theme.palette = ['blue'];
    expectInputError(() => parseProject(JSON.stringify(raw), 'p.segstudio'), 'project-invalid', /theme\.palette\[0\]/);
  });

  it('refuses a newer schema version as project-version', () => {
    const raw = JSON.parse(serializeProject(sample()));
    raw.schemaVersion = 99;
    raw.appVersion = '9.0.0';
    expectInputError(() => parseProject(JSON.stringify(raw), 'new.segstudio'), 'project-version', /9\.0\.0.*format 99.*Update Segment Studio/);
  });

  it('upgrades an older schema through the migration chain', () => {
    const raw = JSON.parse(serializeProject(sample()));
    raw.schemaVersion = 0;
    delete raw.profile;
    raw.personaNames = ['Old'];
    const migrated = parseProject(JSON.stringify(raw), 'old.segstudio', {
      0: (o) => ({ ...o, profile: { profileVariables: [], valueVariable: null }, personaNames: undefined }),
    });
    expect(migrated.schemaVersion).toBe(1);
    expect(migrated.profile.valueVariable).toBeNull();
    expectInputError(() => parseProject(JSON.stringify(raw), 'old.segstudio'), 'project-invalid', /no upgrade from project format 0/);
  });
});

describe('content hash and embedding', () => {
  it('sha256Hex matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('base64 round-trips every length and matches RFC 4648', () => {
    expect(encodeBase64(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
    expect(encodeBase64(new TextEncoder().encode('fo'))).toBe('Zm8=');
    for (let n = 0; n < 20; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(decodeBase64(encodeBase64(b))).toEqual(b);
    }
    expectInputError(() => decodeBase64('ab$d'), 'project-invalid', /not base64/);
  });

  it('verifyDataHash refuses changed data', () => {
    const ref = makeDataReference(bytes, { path: 's.csv', fileName: 's.csv', format: 'csv', rows: 3, embed: true });
    expect(ref.kind).toBe('embedded');
    verifyDataHash(ref, bytes, 's.csv');
    expectInputError(() => verifyDataHash(ref, bytes.slice(1), 's.csv'), 'project-invalid', /has changed/);
  });
});

describe('applying the project to data', () => {
  const dataset: Dataset = {
    source: { file: 's.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
    rows: 3,
    weight: null,
    id: null,
    notices: [],
    columns: [
      { name: 'id', label: 'id', measurement: 'continuous', valueLabels: [], missing: EMPTY_MISSING, values: Float64Array.from([1, 2, 3]), text: null, reversed: false },
      { name: 'q1', label: 'q1', measurement: 'text', valueLabels: [], missing: EMPTY_MISSING, values: null, text: ['Agree', 'disagree ', null], reversed: false },
    ],
  };

  it('maps Likert text to codes in the given order and sets the id column', () => {
    const out = applyCodebook(dataset, { columns: [{ name: 'q1', likertOrder: ['Disagree', 'Agree'], label: 'I like it' }], batteryItems: ['q1'], weight: null, id: 'id' });
    const q1 = out.columns[1]!;
    expect(Array.from(q1.values!)).toEqual([2, 1, NaN]);
    expect(q1.measurement).toBe('ordinal');
    expect(q1.label).toBe('I like it');
    expect(out.id).toBe('id');
    expect(dataset.columns[1]!.values).toBeNull();
  });

  it('refuses an answer missing from the Likert order and an unknown column', () => {
    expectInputError(() => applyCodebook(dataset, { columns: [{ name: 'q1', likertOrder: ['Agree'] }], batteryItems: [], weight: null, id: null }), 'option-invalid', /column 'q1' leaves out/);
    expectInputError(() => applyCodebook(dataset, { columns: [], batteryItems: ['q9'], weight: null, id: null }), 'column-unknown', /'q9'/);
  });

  it('drops excluded rows and reports the kept positions', () => {
    const { dataset: kept, keptRows } = applyExclusions(dataset, [{ row: 1, id: '2', reason: 'straight-liner' }]);
    expect(kept.rows).toBe(2);
    expect(Array.from(keptRows)).toEqual([0, 2]);
    expect(Array.from(kept.columns[0]!.values!)).toEqual([1, 3]);
    expectInputError(() => applyExclusions(dataset, [{ row: 5, id: null, reason: 'x' }]), 'project-invalid', /row 6/);
  });
});

describe('editing a project', () => {
  it('editPersona clears the draft flag and leaves the input untouched; setExclusions dedupes and sorts', async () => {
    const { editPersona, setExclusions } = await import('./index');
    const project = sample();
    const edited = editPersona(project, 0, { name: 'Gourmets' });
    expect(edited.personas[0]).toMatchObject({ name: 'Gourmets', draft: false, tagline: 'x' });
    expect(project.personas[0]!.draft).toBe(true);
    expectInputError(() => editPersona(project, 3, { name: 'x' }), 'option-invalid', /segment 4/);
    const excluded = setExclusions(project, [{ row: 5, id: null, reason: 'a' }, { row: 2, id: null, reason: 'b' }, { row: 5, id: null, reason: 'c' }]);
    expect(excluded.quality.exclusions.map((e) => [e.row, e.reason])).toEqual([[2, 'b'], [5, 'c']]);
  });
});
