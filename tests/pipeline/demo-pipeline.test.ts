/**
 * End to end (issue 6 §6): `segstudio demo` on the bundled sample, then
 * - the PDF deck opened with poppler: one persona page per segment with its name, size, share and
 *   distinctive items, numbers equal to result.json, pages rendered by pdftoppm;
 * - the typing tool's HTML opened in Chromium (Playwright): it assigns the held-out respondents
 *   with exactly the accuracy the run reported, and the form assigns like the scoring rule;
 * - `segstudio score` on a second wave drawn from the same model recovers the shares, and a wave
 *   with a changed code frame is refused with a clear message.
 * - every chart is written as SVG and as a PNG that opens (signature, IHDR size);
 * One demo run serves every check (it takes ~20 s on 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findColumn, numericValues } from '../../core/data/dataset';
import { loadDataset } from '../../core/node/data/load-dataset';
import type { PipelineResult } from '../../core/pipeline/pipeline-types';
import { pngSize, svgSize } from '../../core/node/report/render-png';
import { formatCount, formatIndex, formatShare } from '../../core/report/format';
import type { TypingTool } from '../../core/typing/typing-types';
import { generateSampleSurvey, sampleSurveySav } from '../../resources/sample/generate-sample';
import { REPO_ROOT } from '../oracle/oracle-files';
import { CLI_LAUNCHER, ensureBuiltCli } from '../segment/built-cli';

const SAMPLE = join(REPO_ROOT, 'resources', 'sample', 'survey.sav');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
let dir = '';
let result: PipelineResult;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI_LAUNCHER, ...args], { encoding: 'utf8', cwd: REPO_ROOT });
}

beforeAll(() => {
  ensureBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'segstudio-demo-'));
  const run = cli('demo', '--out', join(dir, 'demo'));
  if (run.status !== 0) throw new Error(`segstudio demo failed (${run.status}): ${run.stderr}`);
  result = JSON.parse(readFileSync(join(dir, 'demo', 'result.json'), 'utf8')) as PipelineResult;
}, 240_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const norm = (text: string): string => text.replace(/\s+/g, ' ').trim();

function pdfPages(file: string): string[] {
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  return out.stdout.split('\f').filter((p) => p.trim() !== '');
}

describe('segstudio demo → deck.pdf', () => {
  it('writes every promised output', () => {
    for (const f of ['deck.pdf', 'deck.html', 'assignments.csv', 'assignments.sav', 'profiles.xlsx', 'result.json', 'project.segstudio', 'typing-tool.html', 'typing-tool.json', 'typing-tool.xlsx', 'charts/segment-sizes.svg', 'charts/attitude-index.svg', 'charts/bic-by-k.svg']) {
      expect(statSync(join(dir, 'demo', f)).size).toBeGreaterThan(1000);
    }
    expect(result.segments.length).toBe(result.model.chosenK);
    expect(result.segments.reduce((a, s) => a + s.size, 0)).toBe(result.data.assigned);
  });

  it('runs the engine defaults (20 random starts + k-means per K) and replicates the chosen solution', () => {
    expect(result.model.starts).toBe(20);
    expect(result.model.replicated).toMatch(/^21 starts \(20 random \+ k-means\)/);
    expect(result.notices.filter((n) => n.code === 'll-not-replicated' && n.severity !== 'info')).toEqual([]);
  });

  it('writes every chart as a PNG beside its SVG, at twice the SVG size', () => {
    const charts = join(dir, 'demo', 'charts');
    const svgs = readdirSync(charts).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const svg of svgs) {
      const png = new Uint8Array(readFileSync(join(charts, svg.replace(/\.svg$/, '.png'))));
      const size = pngSize(png);
      expect(size).not.toBeNull();
      const expected = svgSize(readFileSync(join(charts, svg), 'utf8'));
      expect(size).toEqual({ width: 2 * expected.width, height: 2 * expected.height });
    }
  });

  it('has one persona page per segment with its name, size, share and distinctive items as in result.json', () => {
    const pages = pdfPages(join(dir, 'demo', 'deck.pdf')).map(norm);
    const info = spawnSync('pdfinfo', [join(dir, 'demo', 'deck.pdf')], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+960 x 540 pts/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages.length);
    // One PDF page per deck page: no blank trailing page, no page split in two.
    const sections = readFileSync(join(dir, 'demo', 'deck.html'), 'utf8').match(/<section class="page/g) ?? [];
    expect(pages.length).toBe(sections.length);
    const personaPages = pages.filter((p) => /SEGMENT [A-Z]/.test(p) && /WHAT SETS THEM APART/.test(p));
    expect(personaPages.length).toBe(result.segments.length);
    result.segments.forEach((segment, s) => {
      const page = personaPages[s]!;
      expect(page).toContain(`SEGMENT ${segment.letter}`);
      expect(page).toContain(norm(segment.name));
      expect(page).toContain(`n = ${formatCount(segment.size)}`);
      expect(page).toContain(formatShare(segment.share));
      expect(segment.distinctive.length).toBeGreaterThanOrEqual(3);
      for (const item of segment.distinctive) {
        expect(page).toContain(formatIndex(item.index));
        expect(page).toContain(norm(item.label.split(/\s+/).slice(0, 3).join(' ')));
      }
    });
  });

  it('renders the persona pages to non-blank images with pdftoppm', () => {
    const prefix = join(dir, 'page');
    const out = spawnSync('pdftoppm', ['-png', '-r', '30', '-f', '5', '-l', '5', join(dir, 'demo', 'deck.pdf'), prefix], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const png = readdirPng(dir);
    expect(png.length).toBe(1);
    expect(statSync(join(dir, png[0]!)).size).toBeGreaterThan(5000);
  });

  it('recovers the five segments of the sample design', () => {
    const truth = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'sample', 'truth.json'), 'utf8')) as { segments: { designShare: number }[] };
    expect(result.segments.length).toBe(truth.segments.length);
    const expected = truth.segments.map((t) => t.designShare).sort((a, b) => b - a);
    result.segments.forEach((s, i) => expect(Math.abs(s.share - expected[i]!)).toBeLessThan(0.03));
  });
});

function readdirPng(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.png'));
}

describe('typing tool HTML in Chromium', () => {
  it('assigns the held-out respondents with the reported accuracy, offline', async () => {
    const tool = JSON.parse(readFileSync(join(dir, 'demo', 'typing-tool.json'), 'utf8')) as TypingTool;
    const survey = await loadDataset(SAMPLE);
    const columns = tool.items.map((item) => numericValues(findColumn(survey, item.name)!, survey.rows));
    const assigned = new Map<number, number>();
    for (const line of readFileSync(join(dir, 'demo', 'assignments.csv'), 'utf8').trim().split('\n').slice(1)) {
      const [row, , status, segment] = line.split(',');
      if (status === 'assigned') assigned.set(Number(row) - 1, Number(segment) - 1);
    }
    const answers = tool.holdoutRows.map((row) => columns.map((c) => (Number.isNaN(c[row]!) ? null : c[row]!)));
    const truth = tool.holdoutRows.map((row) => assigned.get(row)!);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.goto(`file://${join(dir, 'demo', 'typing-tool.html')}`);
      const predicted = await page.evaluate((all) => all.map((a) => (window as unknown as { segstudioScore: (x: (number | null)[]) => { segment: number } }).segstudioScore(a).segment), answers);
      const correct = predicted.filter((p, i) => p === truth[i]).length;
      expect(correct / truth.length).toBeCloseTo(result.typing!.holdoutAccuracy, 12);
      expect(tool.holdout.accuracy).toBeCloseTo(result.typing!.holdoutAccuracy, 12);
      for (let r = 0; r < 3; r++) {
        await page.click('#reset');
        for (let j = 0; j < tool.items.length; j++) {
          const a = answers[r]![j];
          if (a !== null && a !== undefined) await page.check(`input[name="q${j}"][value="${a}"]`);
        }
        await page.click('#score');
        expect(await page.getAttribute('#segment-name', 'data-segment')).toBe(String(predicted[r]));
        expect(await page.textContent('#segment-name')).toBe(tool.segments[predicted[r]!]!.name);
      }
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('segstudio run --project', () => {
  it('re-runs the saved project to the same segments (same data, settings and seeds)', () => {
    const run = cli('run', '--project', join(dir, 'demo', 'project.segstudio'), '--out', join(dir, 'run'), '--no-pdf');
    expect(run.status).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, 'run', 'result.json'), 'utf8')) as PipelineResult;
    expect(again.segments.map((s) => [s.name, s.size, s.share])).toEqual(result.segments.map((s) => [s.name, s.size, s.share]));
    expect(again.model.fit).toEqual(result.model.fit);
    expect(readFileSync(join(dir, 'run', 'assignments.csv'), 'utf8')).toBe(readFileSync(join(dir, 'demo', 'assignments.csv'), 'utf8'));
    const copy = JSON.parse(readFileSync(join(dir, 'run', 'project.segstudio'), 'utf8')) as { data: { path: string } };
    expect(statSync(resolve(dir, 'run', copy.data.path)).size).toBe(statSync(SAMPLE).size);
  }, 120_000);

  it('refuses a damaged project file without touching it', () => {
    const file = join(dir, 'broken.segstudio');
    const text = readFileSync(join(dir, 'demo', 'project.segstudio'), 'utf8').slice(0, 500);
    writeFileSync(file, text);
    const run = cli('run', '--project', file, '--out', join(dir, 'broken-out'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot be opened: it is not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('segstudio score (wave 2)', () => {
  it('recovers the segment shares of a second wave drawn from the same model', () => {
    const wave = join(dir, 'wave2.sav');
    writeFileSync(wave, sampleSurveySav(generateSampleSurvey(777)));
    const run = cli('score', '--project', join(dir, 'demo', 'project.segstudio'), '--data', wave, '--out', join(dir, 'wave2'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const scores = JSON.parse(readFileSync(join(dir, 'wave2', 'wave-scores.json'), 'utf8')) as { waves: { n: number; counts: number[]; shares: number[] }[]; changes: { from: number; to: number; significant: boolean }[]; typing: { agreement: number }; weighted: boolean };
    expect(scores.waves[1]!.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(1400);
    // The sample is weighted: weighted shares, tested on Kish's effective n (below the count).
    expect(scores.weighted).toBe(true);
    const n2 = scores.waves[1]!.n;
    expect(n2).toBeGreaterThan(1000);
    expect(n2).toBeLessThan(1400);
    for (const c of scores.changes) {
      // Within sampling error: |Δ| below 3 standard errors of the difference of two shares.
      const se = Math.sqrt(c.from * (1 - c.from) * (1 / scores.waves[0]!.n + 1 / n2));
      expect(Math.abs(c.to - c.from)).toBeLessThan(3 * se);
      expect(c.significant).toBe(false);
    }
    expect(scores.typing.agreement).toBeGreaterThan(0.75);
  });

  it('maps renamed columns with --map and refuses a wave that lacks a model item', () => {
    const dataset = generateSampleSurvey(779);
    dataset.columns.find((c) => c.name === 'q05')!.name = 'Q5_wave2';
    const wave = join(dir, 'wave-renamed.sav');
    writeFileSync(wave, sampleSurveySav(dataset));
    const refused = cli('score', '--project', join(dir, 'demo', 'project.segstudio'), '--data', wave, '--out', join(dir, 'wave-renamed'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/item 'q05'/);
    const mapped = cli('score', '--project', join(dir, 'demo', 'project.segstudio'), '--data', wave, '--out', join(dir, 'wave-renamed'), '--map', 'q05=Q5_wave2');
    expect(mapped.stderr).toBe('');
    expect(mapped.status).toBe(0);
  });

  it('refuses a wave whose code frame changed, naming the item', () => {
    const dataset = generateSampleSurvey(778);
    const q01 = dataset.columns.find((c) => c.name === 'q01')!;
    q01.valueLabels = q01.valueLabels.map((l, i, all) => ({ code: l.code, label: all[all.length - 1 - i]!.label }));
    const wave = join(dir, 'wave-reversed.sav');
    writeFileSync(wave, sampleSurveySav(dataset));
    const run = cli('score', '--project', join(dir, 'demo', 'project.segstudio'), '--data', wave, '--out', join(dir, 'wave-bad'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Item 'q01'.*labelled.*Recode the new file/);
  });
});
