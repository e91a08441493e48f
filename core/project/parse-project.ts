/**
 * Reading and writing `.segstudio` files. `parseProject` never trusts the file: it parses JSON,
 * checks the kind and schema version, upgrades older versions step by step through `MIGRATIONS`,
 * then validates every field, naming the first wrong one. A corrupt file raises
 * InputError('project-invalid'); a file from a newer app raises InputError('project-version').
 * Neither touches the file on disk: the caller decides, and nothing is overwritten.
 */
import { InputError } from '../errors';
import { EMPTY_MISSING, type MissingSpec, type ValueLabel } from '../data/dataset';
import {
  PROJECT_KIND,
  PROJECT_SCHEMA_VERSION,
  SEGMENT_BASES,
  SEGMENT_MODELS,
  type Codebook,
  type ColumnEdit,
  type DataReference,
  type Exclusion,
  type FactorSettings,
  type PersonaText,
  type Project,
  type SegmentationSettings,
  type Theme,
  type TypingSettings,
} from './project';
import {
  JsonShapeError,
  asArray,
  asBoolean,
  asChoice,
  asInteger,
  asJsonObject,
  asNumber,
  asObject,
  asString,
  join,
  listOf,
  orNull,
  stringList,
} from './json-reader';

const FORMATS = ['csv', 'tsv', 'sav', 'zsav', 'xlsx'] as const;
const MEASUREMENTS = ['nominal', 'ordinal', 'continuous', 'text', 'id'] as const;

/** A step from schema version v to v+1, on raw JSON. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrades keyed by the version they start from. Version 1 is the first published schema, so the
 * chain is empty today; every future bump adds `MIGRATIONS[n] = n → n+1` and a test.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export function serializeProject(project: Project): string {
  return JSON.stringify(project, null, 2) + '\n';
}

export function parseProject(text: string, fileName: string, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): Project {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw invalid(fileName, `it is not valid JSON (${detail}); the file may be truncated or damaged. Open a backup or the autosave recovery file`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as Record<string, unknown>)['kind'] !== PROJECT_KIND) {
    throw invalid(fileName, `it is not a Segment Studio project (no "kind": "${PROJECT_KIND}"). Choose a .segstudio file`);
  }
  let obj = raw as Record<string, unknown>;
  const version = obj['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw invalid(fileName, `its schemaVersion (${JSON.stringify(version)}) is not a whole number`);
  }
  if (version > PROJECT_SCHEMA_VERSION) {
    const app = typeof obj['appVersion'] === 'string' ? ` by Segment Studio ${obj['appVersion']}` : '';
    throw new InputError(
      'project-version',
      `Project '${fileName}' was saved${app} with project format ${version}, newer than this version understands (${PROJECT_SCHEMA_VERSION}). Update Segment Studio to open it; the file was not changed.`,
      { file: fileName },
    );
  }
  for (let v = version; v < PROJECT_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (step === undefined) throw invalid(fileName, `there is no upgrade from project format ${v}`);
    obj = { ...step(obj), schemaVersion: v + 1 };
  }
  try {
    return readProject(obj);
  } catch (error) {
    if (error instanceof JsonShapeError) throw invalid(fileName, error.message);
    throw error;
  }
}

function invalid(fileName: string, why: string): InputError {
  return new InputError('project-invalid', `Project '${fileName}' cannot be opened: ${why}. The file was not changed.`, { file: fileName });
}

function readProject(o: Record<string, unknown>): Project {
  return {
    kind: PROJECT_KIND,
    schemaVersion: PROJECT_SCHEMA_VERSION,
    appVersion: asString(o['appVersion'], 'appVersion'),
    name: asString(o['name'], 'name'),
    createdAt: asString(o['createdAt'], 'createdAt'),
    savedAt: asString(o['savedAt'], 'savedAt'),
    data: readData(o['data'], 'data'),
    codebook: readCodebook(o['codebook'], 'codebook'),
    quality: readQuality(o['quality'], 'quality'),
    factors: orNull(o['factors'], 'factors', readFactors),
    segmentation: orNull(o['segmentation'], 'segmentation', readSegmentation),
    profile: readProfile(o['profile'], 'profile'),
    personas: listOf(o['personas'], 'personas', readPersona),
    typing: orNull(o['typing'], 'typing', readTyping),
    theme: readTheme(o['theme'], 'theme'),
  };
}

function readData(value: unknown, path: string): DataReference {
  const o = asObject(value, path);
  const kind = asChoice(o['kind'], join(path, 'kind'), ['file', 'embedded'] as const);
  const format = asChoice(o['format'], join(path, 'format'), FORMATS);
  const sheet = orNull(o['sheet'], join(path, 'sheet'), asString);
  const sha256 = asString(o['sha256'], join(path, 'sha256'));
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new JsonShapeError(join(path, 'sha256'), 'a 64-digit hex SHA-256', sha256);
  const rows = asInteger(o['rows'], join(path, 'rows'), 0);
  if (kind === 'file') return { kind, path: asString(o['path'], join(path, 'path')), format, sheet, sha256, rows };
  return { kind, fileName: asString(o['fileName'], join(path, 'fileName')), format, sheet, sha256, rows, base64: asString(o['base64'], join(path, 'base64')) };
}

function readValueLabels(value: unknown, path: string): ValueLabel[] {
  return listOf(value, path, (v, p) => {
    const o = asObject(v, p);
    return { code: asNumber(o['code'], join(p, 'code')), label: asString(o['label'], join(p, 'label')) };
  });
}

function readMissing(value: unknown, path: string): MissingSpec {
  const o = asObject(value, path);
  const range = orNull(o['range'], join(path, 'range'), (v, p) => {
    const r = asObject(v, p);
    return { low: asNumber(r['low'], join(p, 'low')), high: asNumber(r['high'], join(p, 'high')) };
  });
  return {
    codes: listOf(o['codes'] ?? EMPTY_MISSING.codes, join(path, 'codes'), asNumber),
    range,
    strings: stringList(o['strings'] ?? [], join(path, 'strings')),
  };
}

function readColumnEdit(value: unknown, path: string): ColumnEdit {
  const o = asObject(value, path);
  const edit: ColumnEdit = { name: asString(o['name'], join(path, 'name')) };
  if (o['label'] !== undefined) edit.label = asString(o['label'], join(path, 'label'));
  if (o['measurement'] !== undefined) edit.measurement = asChoice(o['measurement'], join(path, 'measurement'), MEASUREMENTS);
  if (o['valueLabels'] !== undefined) edit.valueLabels = readValueLabels(o['valueLabels'], join(path, 'valueLabels'));
  if (o['missing'] !== undefined) edit.missing = readMissing(o['missing'], join(path, 'missing'));
  if (o['reversed'] !== undefined) edit.reversed = asBoolean(o['reversed'], join(path, 'reversed'));
  if (o['likertOrder'] !== undefined) edit.likertOrder = stringList(o['likertOrder'], join(path, 'likertOrder'));
  return edit;
}

function readCodebook(value: unknown, path: string): Codebook {
  const o = asObject(value, path);
  return {
    columns: listOf(o['columns'], join(path, 'columns'), readColumnEdit),
    batteryItems: stringList(o['batteryItems'], join(path, 'batteryItems')),
    weight: orNull(o['weight'], join(path, 'weight'), asString),
    id: orNull(o['id'], join(path, 'id'), asString),
  };
}

function readQuality(value: unknown, path: string): Project['quality'] {
  const o = asObject(value, path);
  const exclusions = listOf(o['exclusions'], join(path, 'exclusions'), (v, p): Exclusion => {
    const e = asObject(v, p);
    return { row: asInteger(e['row'], join(p, 'row'), 0), id: orNull(e['id'], join(p, 'id'), asString), reason: asString(e['reason'], join(p, 'reason')) };
  });
  return { exclusions, settings: asJsonObject(o['settings'] ?? {}, join(path, 'settings')) };
}

function readFactors(value: unknown, path: string): FactorSettings {
  const o = asObject(value, path);
  return {
    items: stringList(o['items'], join(path, 'items')),
    settings: asJsonObject(o['settings'] ?? {}, join(path, 'settings')),
    seed: asInteger(o['seed'], join(path, 'seed')),
    factorNames: stringList(o['factorNames'] ?? [], join(path, 'factorNames')),
    summary: orNull(o['summary'], join(path, 'summary'), asJsonObject),
  };
}

function readSegmentation(value: unknown, path: string): SegmentationSettings {
  const o = asObject(value, path);
  const kMin = asInteger(o['kMin'], join(path, 'kMin'), 1, 50);
  const kMax = asInteger(o['kMax'], join(path, 'kMax'), kMin, 50);
  return {
    basis: asChoice(o['basis'], join(path, 'basis'), SEGMENT_BASES),
    variables: stringList(o['variables'], join(path, 'variables')),
    model: asChoice(o['model'], join(path, 'model'), SEGMENT_MODELS),
    kMin,
    kMax,
    seed: asInteger(o['seed'], join(path, 'seed')),
    settings: asJsonObject(o['settings'] ?? {}, join(path, 'settings')),
    chosenK: orNull(o['chosenK'], join(path, 'chosenK'), (v, p) => asInteger(v, p, kMin, kMax)),
    chosenReason: orNull(o['chosenReason'], join(path, 'chosenReason'), asString),
    summary: orNull(o['summary'], join(path, 'summary'), asJsonObject),
    frozenModel: orNull(o['frozenModel'], join(path, 'frozenModel'), asJsonObject),
  };
}

function readProfile(value: unknown, path: string): Project['profile'] {
  const o = asObject(value ?? {}, path);
  return {
    profileVariables: stringList(o['profileVariables'] ?? [], join(path, 'profileVariables')),
    valueVariable: orNull(o['valueVariable'], join(path, 'valueVariable'), asString),
  };
}

function readPersona(value: unknown, path: string): PersonaText {
  const o = asObject(value, path);
  return {
    segment: asInteger(o['segment'], join(path, 'segment'), 0),
    name: asString(o['name'], join(path, 'name')),
    tagline: asString(o['tagline'] ?? '', join(path, 'tagline')),
    description: asString(o['description'] ?? '', join(path, 'description')),
    icon: orNull(o['icon'], join(path, 'icon'), asString),
    draft: asBoolean(o['draft'] ?? true, join(path, 'draft')),
  };
}

function readTyping(value: unknown, path: string): TypingSettings {
  const o = asObject(value, path);
  const target = asNumber(o['targetAccuracy'], join(path, 'targetAccuracy'));
  if (target <= 0 || target > 1) throw new JsonShapeError(join(path, 'targetAccuracy'), 'a proportion above 0 and at most 1', target);
  return {
    targetAccuracy: target,
    maxItems: asInteger(o['maxItems'], join(path, 'maxItems'), 1),
    candidates: stringList(o['candidates'], join(path, 'candidates')),
    method: asChoice(o['method'], join(path, 'method'), ['mlr', 'lda'] as const),
    seed: asInteger(o['seed'], join(path, 'seed')),
    tool: orNull(o['tool'], join(path, 'tool'), asJsonObject),
  };
}

function readTheme(value: unknown, path: string): Theme {
  const o = asObject(value, path);
  const colour = (v: unknown, p: string): string => {
    const s = asString(v, p);
    if (!/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(s)) throw new JsonShapeError(p, 'a colour like #1f3a5f', s);
    return s;
  };
  const palette = listOf(o['palette'], join(path, 'palette'), colour);
  if (palette.length === 0) throw new JsonShapeError(join(path, 'palette'), 'at least one colour', palette);
  asArray(o['palette'], join(path, 'palette'));
  return {
    title: asString(o['title'], join(path, 'title')),
    client: asString(o['client'] ?? '', join(path, 'client')),
    primary: colour(o['primary'], join(path, 'primary')),
    accent: colour(o['accent'], join(path, 'accent')),
    palette,
    fontFamily: asString(o['fontFamily'], join(path, 'fontFamily')),
    logo: orNull(o['logo'], join(path, 'logo'), asString),
  };
}
