/**
 * Working without the mouse, and dropping a file on the window: shortcuts move between the steps,
 * focus is visible, and a survey dropped anywhere on the app opens.
 */
import { expect, test } from './fixtures';
import { cardValue, openApp } from './helpers';

test('keyboard shortcuts move between steps and the focus ring is visible', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible();
  await page.getByRole('tab', { name: 'Respondents' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Codebook & battery' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Codebook & battery' })).toHaveAttribute('aria-selected', 'true');
  const outline = await page.getByRole('tab', { name: 'Codebook & battery' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('a survey dropped on the window opens', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    const text = await (await fetch('./sample/survey.csv')).text();
    const head = text.split('\n').slice(0, 201).join('\n');
    const transfer = new DataTransfer();
    transfer.items.add(new File([head], 'first-200.csv', { type: 'text/csv' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('.project-file')).toHaveText('first-200.csv');
  await expect(cardValue(page, 'Respondents')).toHaveText('200');
});

test('the order of Likert answers read as words can be changed in the codebook', async ({ page }) => {
  await openApp(page);
  await page.evaluate(async () => {
    const text = await (await fetch('./sample/survey.csv')).text();
    const transfer = new DataTransfer();
    transfer.items.add(new File([text.split('\n').slice(0, 201).join('\n')], 'words.csv', { type: 'text/csv' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('.project-file')).toHaveText('words.csv');
  await page.getByRole('tab', { name: 'Codebook & battery' }).click();
  await page.getByRole('button', { name: "Change the order of q01's answers" }).click();
  const editor = page.getByRole('group', { name: "Order of q01's answers" });
  await expect(editor.locator('li').first()).toContainText('Strongly disagree');
  await editor.getByRole('button', { name: 'Reverse' }).click();
  await page.screenshot({ path: 'tests/e2e/artifacts/codebook-order.png' });
  await editor.getByRole('button', { name: 'Apply order' }).click();
  await expect(editor).toHaveCount(0);
  const labels = page.locator('tr', { has: page.getByRole('rowheader', { name: 'q01' }) }).locator('.value-labels');
  await expect(labels).toContainText('1 Strongly agree');
  await expect(labels).toContainText('5 Strongly disagree');
});
