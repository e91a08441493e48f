/**
 * The one part of papaparse that core/ uses: its low-level `Parser`, fed chunk by chunk
 * (the same mechanism papaparse's own streamers use). Declared here by hand because
 * @types/papaparse pulls the Node type library into whatever imports it, which would let Node
 * APIs type-check inside core/. The .min.js file is papaparse's browser build (the same UMD code
 * without its Node stream adapters, which require 'stream'), so one import works in Node, in
 * Web Workers and in bundlers without a browser-field mapping.
 */
declare module 'papaparse/papaparse.min.js' {
  type PapaParserConfig = { delimiter: string; newline: '\n' | '\r' | '\r\n'; quoteChar?: string; fastMode?: boolean; preview?: number };
  type PapaParseError = { type: string; code: string; message: string; row: number; index: number };
  type PapaParseResult = { data: string[][]; errors: PapaParseError[]; meta: { cursor: number } };
  class Parser {
    constructor(config: PapaParserConfig);
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): PapaParseResult;
  }
  const Papa: { Parser: typeof Parser };
  export default Papa;
}
