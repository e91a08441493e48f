/**
 * Broken input is refused whole with a message that names the file and the way out; the survey
 * that was open stays open and nothing is overwritten.
 */
import { expect, test } from './fixtures';
import { cardValue, openApp, shot } from './helpers';

test('a broken survey file is refused with a clear message', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open survey…' }).first().click();
  await (await chooser).setFiles({ name: 'wave2.sav', mimeType: 'application/octet-stream', buffer: Buffer.from('$FL2@(#) truncated SPSS header') });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('wave2.sav');
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
  await shot(page, '6-broken-file');
  await alert.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a project from a newer version is refused and nothing changes', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project…' }).first().click();
  const newer = JSON.stringify({ kind: 'segstudio-project', schemaVersion: 99, appVersion: '9.0.0' });
  await (await chooser).setFiles({ name: 'future.segstudio', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await expect(page.getByRole('alert')).toContainText(/newer than this version/);
  await expect(cardValue(page, 'Respondents')).toHaveText('1,500');
});
