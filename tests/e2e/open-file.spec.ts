/**
 * Opening a survey the way a researcher does: the SPSS version of the sample through the file
 * dialog (the browser's file input stands in for the native dialog), with its variable and value
 * labels shown in the codebook.
 */
import { expect, test } from './fixtures';
import { cardValue, openApp } from './helpers';

test('opens an SPSS .sav survey with its labels', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open survey…' }).first().click();
  await (await chooser).setFiles('resources/sample/survey.sav');
  await expect(page.locator('.project-file')).toHaveText('survey.sav');
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
  await expect(cardValue(page, 'Battery items')).toHaveText('24');
  await page.getByRole('tab', { name: 'Codebook & battery' }).click();
  await expect(page.getByRole('textbox', { name: 'Label of gender' })).not.toHaveValue('gender');
});
