/**
 * Warnings are data with codes, never console output and never a silent substitution. Every
 * estimator returns `notices: Notice[]`; the CLI prints them to stderr, the UI shows them beside
 * the result, and the deck's method page lists them.
 */

export type NoticeCode =
  | 'not-converged'
  | 'heywood-case'
  | 'ultra-heywood'
  | 'constant-item'
  | 'empty-item'
  | 'too-many-factors'
  | 'singular-matrix'
  | 'smoothed-matrix'
  | 'pairwise-n-small'
  | 'rotation-fallback'
  | 'empty-class'
  | 'start-failed'
  | 'll-not-replicated'
  | 'boundary-estimate'
  | 'rows-dropped'
  | 'rows-unscored'
  | 'encoding-guessed'
  | 'duplicate-header'
  | 'empty-header'
  | 'ragged-row'
  | 'likert-text-mapped'
  | 'quality-flag'
  | 'weights-normalised'
  | 'categories-collapsed'
  | 'info';

export type NoticeSeverity = 'error' | 'strong-warning' | 'warning' | 'info';

export type Notice = {
  code: NoticeCode;
  severity: NoticeSeverity;
  message: string;
  /** Items, columns or classes the notice is about, when it is about some. */
  subjects?: string[];
};

export function notice(code: NoticeCode, severity: NoticeSeverity, message: string, subjects?: string[]): Notice {
  return subjects === undefined ? { code, severity, message } : { code, severity, message, subjects };
}
