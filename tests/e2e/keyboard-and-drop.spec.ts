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
