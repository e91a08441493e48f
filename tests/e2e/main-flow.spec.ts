/**
 * The whole workflow on the bundled sample, in the real built renderer: open it, screen quality
 * and exclude the flagged respondents, run the factor analysis, segment for K = 2..6, keep a
 * solution, read its profiles, edit a persona, save and reopen the project (the edit persists),
 * and export the deck as HTML with the edited name. A screenshot of every screen goes to
 * tests/e2e/artifacts/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ARTIFACTS, cardValue, fitTableText, goStep, openApp, reloadAndOpenProject, runFactors, runSegments, saveProjectTo, shot } from './helpers';

test('sample survey → quality → factors → segments K=2..6 → profiles → personas → deck', async ({ page }, testInfo) => {
  await openApp(page);
  await shot(page, '1-data');

  await page.getByRole('tab', { name: 'Codebook & battery' }).click();
  await expect(page.getByRole('checkbox', { name: 'q01 in the attitude battery' })).toBeChecked();
  await shot(page, '1-codebook');

  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('button', { name: 'Screen quality' }).click();
  const exclude = page.getByRole('button', { name: /Exclude all \d+ flagged respondents/ });
  await expect(exclude).toBeEnabled();
  const flagged = Number((await exclude.innerText()).match(/\d+/)![0]);
  expect(flagged).toBeGreaterThan(0);
  await exclude.click();
  await expect(cardValue(page, 'In the analysis')).toHaveText((1500 - flagged).toLocaleString('en-US'));
  await expect(cardValue(page, 'Excluded from analysis')).toHaveText(String(flagged));
  await shot(page, '1-quality');

  await runFactors(page);
  const factors = Number(await page.locator('.card-accent .card-value').innerText());
  expect(factors).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('table', { name: 'Factor loadings' }).locator('tbody tr')).toHaveCount(24);
  await page.getByLabel('Name of factor 1').fill('Price focus');
  await expect(page.getByRole('table', { name: 'Factor loadings' }).getByRole('button', { name: 'Price focus' })).toBeVisible();
  await shot(page, '2-factors');
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Scree plot with parallel analysis as SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('scree.svg');
  expect(readFileSync(await svg.path(), 'utf8')).toMatch(/^<svg[\s\S]*Eigenvalue/);

  await runSegments(page, 2, 6);
  const rows = await fitTableText(page);
  expect(rows.map((r) => r.split('\t')[1]?.trim())).toEqual(['2', '3', '4', '5', '6']);
  await page.getByRole('radio', { name: 'Keep the 4-segment solution' }).check();
  await shot(page, '3-segments');

  await page.getByRole('button', { name: /Keep K = 4 and profile the segments/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profiles' })).toBeVisible();
  const heatmap = page.getByRole('table', { name: 'Index to the total by segment', exact: true });
  await expect(heatmap).toBeVisible({ timeout: 30_000 });
  await expect(heatmap.locator('thead th')).toHaveCount(2 + 4);
  await expect(heatmap.locator('tbody tr').first()).toContainText('Price focus');
  await expect(page.getByRole('table', { name: 'Attitude items: index to the total by segment' }).locator('tbody tr')).toHaveCount(24);
  await expect(page.getByRole('table', { name: /Crosstab of gender by segment/i })).toBeVisible();
  await shot(page, '4-profiles');
  const sizesTable = page.locator('section[aria-labelledby="sizes-title"] table tbody tr');
  const sizes = (await sizesTable.allInnerTexts()).map((row) => row.split('\t')[1]!.trim());
  expect(sizes).toHaveLength(4);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export assignments (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('row,id,segment');
  expect(csv).toHaveLength(1 + 1500 - flagged);
  expect(new Set(csv.slice(1).map((line) => line.split(',')[2]).filter((s) => s !== ''))).toEqual(new Set(['A', 'B', 'C', 'D']));

  // Personas: every segment with its drafted name and its size; edit one name.
  await goStep(page, 'Personas');
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(4);
  for (const [s, letter] of ['A', 'B', 'C', 'D'].entries()) {
    const card = page.getByRole('article', { name: `Persona of segment ${letter}` });
    await expect(card.getByLabel(`Persona name of segment ${letter}`)).not.toHaveValue('');
    await expect(card.locator('.persona-numbers dd').first()).toHaveText(sizes[s]!);
    await expect(card.getByText('Draft', { exact: true })).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'Segment prioritisation' }).locator('tbody tr')).toHaveCount(4);
  await page.getByLabel('Value variable').selectOption('monthly_spend');
  await expect(page.getByRole('status')).toContainText(/Focus first on .+ index \d+/);
  const nameA = page.getByLabel('Persona name of segment A');
  await nameA.fill('Thrifty Planners');
  await nameA.press('Enter');
  await expect(page.getByRole('article', { name: 'Persona of segment A' }).getByText('Edited', { exact: true })).toBeVisible();
  await shot(page, '6-personas');

  const file = testInfo.outputPath('flow.segstudio');
  await saveProjectTo(page, file);
  await reloadAndOpenProject(page, file);
  await goStep(page, 'Personas');
  await expect(page.getByLabel('Persona name of segment A')).toHaveValue('Thrifty Planners', { timeout: 60_000 });
  await expect(page.getByLabel('Value variable')).toHaveValue('monthly_spend');

  // Deck: the preview and the standalone HTML carry the edited name.
  await goStep(page, 'Deck & exports');
  const preview = page.frameLocator('iframe[title="Deck preview"]');
  await expect(preview.getByText('Thrifty Planners').first()).toBeVisible();
  await shot(page, '7-deck');
  const htmlDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML' }).click();
  const html = readFileSync(await (await htmlDownload).path(), 'utf8');
  expect(html).toMatch(/^<!doctype html>/i);
  expect(html).toContain('Thrifty Planners');
  expect(html).not.toMatch(/<script/i);
  writeFileSync(`${ARTIFACTS}/deck.html`, html);
  const savDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Assignments (SPSS .sav)' }).click();
  const sav = readFileSync(await (await savDownload).path());
  expect(sav.subarray(0, 4).toString('latin1')).toBe('$FL2');
  expect(sav.includes(Buffer.from('Thrifty Planners'))).toBe(true);
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Profile tables (.xlsx)' }).click();
  const xlsx = readFileSync(await (await xlsxDownload).path());
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

  // Typing tool: a short question set, its accuracy curve and confusion matrix, the offline questionnaire.
  await goStep(page, 'Typing tool');
  await page.getByLabel('Most questions').fill('4');
  await page.getByRole('button', { name: 'Build typing tool' }).click();
  const confusion = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(confusion.locator('tbody tr')).toHaveCount(4, { timeout: 30_000 });
  await expect(confusion).toContainText('Thrifty Planners');
  await shot(page, '8-typing');
  const typingDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export questionnaire (HTML)' }).click();
  expect(readFileSync(await (await typingDownload).path(), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*Thrifty Planners/);

  // Waves: the sample itself as a "later wave" gives the same shares, no significant change.
  await goStep(page, 'Waves');
  const waveChooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a later wave…' }).click();
  await (await waveChooser).setFiles('resources/sample/survey.csv');
  const changes = page.getByRole('table', { name: 'Share changes by segment' });
  await expect(changes.locator('tbody tr')).toHaveCount(4, { timeout: 30_000 });
  await expect(changes).toContainText('Thrifty Planners');
  await shot(page, '9-waves');

  await goStep(page, 'Data');
  await page.getByRole('tab', { name: 'Respondents' }).click();
  await expect(page.getByRole('grid')).toBeVisible();
});
