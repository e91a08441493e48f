/**
 * `segstudio factor`: exploratory factor analysis of an item battery, as psych::fa, from a survey
 * file to one JSON result. Defaults are psych's (minres, oblimin, Pearson, pairwise, regression
 * scores; --factors auto = the suggested count from parallel analysis). A missing --seed is drawn
 * here, once, at the job boundary, and written into the result. Notices go to stderr, one line
 * each. Matrices are written as arrays of rows, items in the order given. Large files get a helper
 * thread on the second core (factor-helper.ts; --workers 0 declines it): the same figures, sooner.
 */
import { resolveColumnList } from '../../../data/select';
import { InputError } from '../../../errors';
import type { EfaResult } from '../../../factor/efa';
import { buildEfaInput, runEfa } from '../../../factor/efa';
import { respondentScores } from '../../../factor/factor-scores';
import { CORRELATIONS, METHODS, MISSING, ROTATIONS, SCORES, SCORE_MISSING } from '../../../factor/options';
import { EFA_DEFAULTS, resolveEfaParams } from '../../../factor/params';
import type { Matrix } from '../../../math/matrix';
import { toRows } from '../../../math/matrix';
import { loadDataset } from '../../data/load-dataset';
import { choiceOption, integerOption, optionalString, requiredString } from '../args';
import type { Command } from '../command';
import { helperFor, startFactorHelper, type FactorHelper } from '../factor-helper';
import { toJsonText, writeFileAtomic } from '../output';
import { scoreRowPieces } from '../score-text';

export const factorCommand: Command = {
  name: 'factor',
  summary: 'Exploratory factor analysis of an item battery (as psych::fa): correlations, number of factors, extraction, rotation, scores, fit and reliability.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'items', value: 'LIST', help: 'Items: comma-separated names or FIRST:LAST.', required: true },
    { name: 'factors', value: 'N|auto', help: "Number of factors (default auto: parallel analysis's suggestion)." },
    { name: 'method', value: METHODS.join('|'), help: `Extraction (default ${EFA_DEFAULTS.method}).` },
    { name: 'rotate', value: ROTATIONS.join('|'), help: `Rotation (default ${EFA_DEFAULTS.rotation}).` },
    { name: 'cor', value: CORRELATIONS.join('|'), help: `Correlations (default ${EFA_DEFAULTS.correlation}).` },
    { name: 'missing', value: MISSING.join('|'), help: `Missing answers (default ${EFA_DEFAULTS.missing}).` },
    { name: 'scores', value: SCORES.join('|'), help: `Factor scores (default ${EFA_DEFAULTS.scores}).` },
    {
      name: 'score-missing',
      value: SCORE_MISSING.join('|'),
      help: `Respondents with unanswered items: none = no scores (psych), available = scored from the items answered if at least half (default ${EFA_DEFAULTS.scoreMissing}).`,
    },
    { name: 'seed', value: 'N', help: 'Seed of the random steps (parallel analysis); drawn and recorded when absent.' },
    { name: 'sheet', value: 'NAME', help: 'Excel sheet to read (default: the first).' },
    { name: 'workers', value: 'N', help: 'Helper threads (default 1 for files of 1 MB and more on two or more cores; 0 runs everything in this thread). The results do not depend on it.' },
    { name: 'json', value: 'OUT', help: "Where to write the result JSON ('-' for standard output).", required: true },
  ],
  async run(args, io) {
    const file = requiredString(args, 'data');
    const factors = optionalString(args, 'factors') ?? 'auto';
    const nFactors = factors === 'auto' ? 'auto' : integerOption(args, 'factors', 1, 1, 1000);
    const params = resolveEfaParams({
      nFactors,
      method: choiceOption(args, 'method', METHODS, EFA_DEFAULTS.method),
      rotation: choiceOption(args, 'rotate', ROTATIONS, EFA_DEFAULTS.rotation),
      correlation: choiceOption(args, 'cor', CORRELATIONS, EFA_DEFAULTS.correlation),
      missing: choiceOption(args, 'missing', MISSING, EFA_DEFAULTS.missing),
      scores: choiceOption(args, 'scores', SCORES, EFA_DEFAULTS.scores),
      scoreMissing: choiceOption(args, 'score-missing', SCORE_MISSING, EFA_DEFAULTS.scoreMissing),
      seed: args.values.has('seed') ? integerOption(args, 'seed', 0, 0, 0xffffffff) : drawSeed(),
    });
    const sheet = optionalString(args, 'sheet');
    const helper = args.values.has('workers') ? (integerOption(args, 'workers', 1, 0, 64) === 0 ? null : startFactorHelper()) : helperFor(file);
    try {
      const dataset = await loadDataset(file, sheet === undefined ? {} : { sheet });
      if (dataset.rows === 0) throw new InputError('data-insufficient', `${file} has no data rows; factor analysis needs respondents.`, { file });
      const items = resolveColumnList(requiredString(args, 'items'), dataset.columns.map((c) => c.name), file);
      const input = buildEfaInput(dataset, items);
      // With pairwise deletion parallel analysis's n is every respondent, known now: the helper
      // draws the reference while this thread computes the correlations.
      const parallelReference =
        helper !== null && params.missing === 'pairwise' && params.seed !== null ? helper.parallelReference(dataset.rows, items.length, params.seed, params.parallelIterations) : undefined;
      const shared = helper === null ? input : { ...input, elsewhere: { polychoricPairs: helper.pairFits } };
      const result = await runEfa(parallelReference === undefined ? shared : { ...shared, precomputed: { parallelReference } }, params);
      for (const n of [...dataset.notices, ...result.notices]) io.stderr(`${n.severity} [${n.code}] ${n.message}\n`);
      const target = requiredString(args, 'json');
      if (target === '-') io.stdout(efaResultText(result, helper));
      else writeFileAtomic(target, efaResultPieces(result, helper));
      return 0;
    } finally {
      helper?.close();
    }
  },
};

/**
 * A fresh seed from the system's random source, through the Web Crypto global: Node loads its
 * crypto module only when it is touched, so runs given --seed do not pay for it (~3 ms).
 */
function drawSeed(): number {
  const word = new Uint32Array(1);
  crypto.getRandomValues(word);
  return word[0]! % 0x7fffffff;
}

const SCORES_PLACEHOLDER = '@@scores@@';

/**
 * The share of the score rows the helper thread writes: a little under half, as their copy to it
 * and its bytes back cost it about a tenth more than this thread spends on the same rows (the
 * command then rarely waits for it).
 */
const HELPER_SHARE_OF_SCORE_ROWS = 0.45;

/**
 * The result as JSON text. The score matrix (respondents × factors, up to 10⁵ rows and more) is
 * written one respondent per line rather than one number per line: the same JSON, a fraction of
 * the size and time.
 */
export function efaResultText(result: EfaResult, helper: FactorHelper | null = null): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const piece of efaResultPieces(result, helper)) text += typeof piece === 'string' ? piece : decoder.decode(piece);
  return text;
}

/**
 * efaResultText in consecutive pieces (their concatenation is exactly that text): strings, and
 * the score rows as UTF-8 bytes when the WebAssembly kernels are in use (score-text.ts). A byte
 * piece may be a view of the kernels' memory, valid only until the next piece is asked for: copy
 * or write it before then. With a helper thread, the last rows (HELPER_SHARE_OF_SCORE_ROWS) are
 * written there while this thread writes the others.
 */
export function* efaResultPieces(result: EfaResult, helper: FactorHelper | null = null): Generator<string | Uint8Array, void, void> {
  const text = toJsonText(resultFields(result, SCORES_PLACEHOLDER));
  const at = text.indexOf(`"${SCORES_PLACEHOLDER}"`);
  yield text.slice(0, at);
  const { rows: n, cols: m, data } = result.scores;
  if (n === 0) yield '[]';
  else {
    yield '[\n';
    const split = helper === null ? n : Math.ceil(n * (1 - HELPER_SHARE_OF_SCORE_ROWS));
    const helpersRows = split < n ? helper!.scoreText(data, m, split, n) : null;
    yield* scoreRowPieces(data, m, 0, split);
    if (helpersRows !== null) {
      const bytes = helpersRows();
      if (bytes !== undefined) yield bytes;
      else yield* scoreRowPieces(data, m, split, n);
    }
    yield '\n  ]';
  }
  yield text.slice(at + SCORES_PLACEHOLDER.length + 2);
}

/** The result as JSON-ready data: matrices as arrays of rows (scores: null for an unscored respondent), typed arrays left to the writer. */
export function efaResultJson(result: EfaResult): Record<string, unknown> {
  const scores = Array.from({ length: result.scores.rows }, (_, r) => {
    const row = respondentScores(result.scores, r);
    return row === null ? null : Array.from(row);
  });
  return resultFields(result, scores);
}

function resultFields(result: EfaResult, scores: unknown): Record<string, unknown> {
  const rows = (m: Matrix | null): number[][] | null => (m === null ? null : toRows(m));
  return {
    kind: result.kind,
    schemaVersion: result.schemaVersion,
    params: jsonParams(result.params),
    seed: result.seed,
    items: result.items,
    n: result.n,
    factorNames: result.factorNames,
    loadings: rows(result.loadings),
    structure: rows(result.structure),
    phi: rows(result.phi),
    rotationMatrix: rows(result.rotationMatrix),
    communalities: result.communalities,
    uniquenesses: result.uniquenesses,
    complexity: result.complexity,
    eigenvalues: result.eigenvalues,
    eigenvaluesReduced: result.eigenvaluesReduced,
    varianceExplained: result.varianceExplained,
    correlation: { ...result.correlation, matrix: rows(result.correlation.matrix) },
    fit: result.fit,
    kmo: result.kmo,
    bartlett: result.bartlett,
    nfactors: result.nfactors,
    scoreMethod: result.scoreMethod,
    scoreWeights: rows(result.scoreWeights),
    scoreR2: result.scoreR2,
    scores,
    reliability: result.reliability,
    converged: result.converged,
    iterations: result.iterations,
    notices: result.notices,
  };
}

/**
 * The parameters as written: with psych's default treatment of missing answers (scoreMissing
 * 'none') the two score-missing fields are left out, so the JSON stays exactly what it was before
 * the option existed (outside checks compare it byte for byte); absent means 'none'.
 */
function jsonParams(params: EfaResult['params']): Record<string, unknown> {
  if (params.scoreMissing !== 'none') return params;
  const { scoreMissing: _none, scoreMinObservedShare: _share, ...rest } = params;
  return rest;
}
