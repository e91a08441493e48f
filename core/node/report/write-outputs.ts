/**
 * Writes everything a pipeline run produces into one folder: result.json, deck.html and
 * deck.pdf, assignments.csv and assignments.sav, profiles.xlsx, the typing tool (HTML, JSON,
 * .xlsx), the deck's charts as SVG and PNG files (charts/; the PNGs rendered by the same headless
 * Chromium, one launch for all charts) and the updated project file. Each file is written
 * atomically; the browser outputs (PNG charts, then the PDF) come last so a missing browser still
 * leaves every other output in place; --no-pdf skips both.
 */
import { join } from 'node:path';
import type { Dataset } from '../../data/dataset';
import type { PipelineOutput } from '../../pipeline/run-pipeline';
import { serializeProject } from '../../project/parse-project';
import { renderDeckHtml } from '../../report/render-html';
import { deckChartSvgs } from '../../report/deck-charts';
import { renderTypingToolHtml } from '../../typing/typing-html';
import { toJsonText, writeFileAtomic } from '../cli/output';
import { assignmentsCsv, assignmentsSav, profileXlsx, typingXlsx, type AssignmentTable } from './exports';
import { printHtmlToPdf } from './print-pdf';
import { renderSvgsToPng } from './render-png';

export type WrittenOutputs = { files: string[] };

export async function writePipelineOutputs(dir: string, output: PipelineOutput, source: Dataset, options: { pdf?: boolean; signal?: AbortSignal } = {}): Promise<WrittenOutputs> {
  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array): void => {
    writeFileAtomic(join(dir, name), content);
    files.push(name);
  };
  const names = output.personas.map((p) => p.name);
  const table: AssignmentTable = {
    source,
    keptRows: output.keptRows,
    assignments: output.segments.assignments,
    posteriors: output.segments.posteriors,
    k: output.segments.k,
    names,
    letters: output.profile.sizes.map((s) => s.letter),
  };
  write('result.json', toJsonText(output.result));
  write('project.segstudio', serializeProject(output.project));
  write('assignments.csv', assignmentsCsv(table));
  write('assignments.sav', assignmentsSav(table));
  write('profiles.xlsx', await profileXlsx(output.profile, names));
  if (output.typing !== null) {
    write('typing-tool.json', toJsonText(output.typing));
    write('typing-tool.html', renderTypingToolHtml(output.typing, { title: `${output.project.theme.title}: segment typing tool`, primary: output.project.theme.primary }));
    write('typing-tool.xlsx', await typingXlsx(output.typing));
  }
  const charts = deckChartSvgs(output.deck).map(([name, svg]) => [name, svg.replace('font-family="inherit"', `font-family="${output.project.theme.fontFamily.replace(/"/g, "'")}"`)] as const);
  for (const [name, svg] of charts) write(`charts/${name}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
  const html = renderDeckHtml(output.deck);
  write('deck.html', html);
  const browser = options.signal === undefined ? {} : { signal: options.signal };
  if (options.pdf !== false) {
    for (const [name, png] of await renderSvgsToPng(charts, browser)) write(`charts/${name}.png`, png);
    write('deck.pdf', await printHtmlToPdf(html, browser));
  }
  return { files };
}
