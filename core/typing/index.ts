/** Public API of the typing tool. */
export * from './typing-types';
export { buildTypingTool, buildTypingToolSync, typingToolSteps, TYPING_DEFAULTS, type TypingInput, type TypingParams } from './build-typing-tool';
export { scoreAnswers, type TypingScore } from './score';
export { renderTypingToolHtml, type TypingHtmlOptions } from './typing-html';
export { fitMultinomialLogit, linearPosteriors, type LinearScorer, type MlrFit } from './mlr';
export { fitLda } from './lda';
export { confusionMatrix } from './metrics';
export { stratifiedSplit, stratifiedFolds } from './holdout';
