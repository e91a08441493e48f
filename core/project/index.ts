/** Public API of the project file: types, create, parse/serialize, apply to data. */
export * from './project';
export { parseProject, serializeProject, MIGRATIONS, type Migration } from './parse-project';
export { applyCodebook, applyExclusions, selectRows, makeDataReference, verifyDataHash } from './apply-project';
export { sha256Hex } from './content-hash';
export { encodeBase64, decodeBase64 } from './base64';
export { APP_VERSION } from './app-version';
export type { JsonValue, JsonObject } from './json-reader';
export { editPersona, setExclusions, setTheme, markSaved } from './edit-project';
