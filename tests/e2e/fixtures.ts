/**
 * The Playwright `test` of every spec: fails a test when the page threw an uncaught error or logged
 * a console error (a CSP violation, a failed asset, a React warning escalated to an error).
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ pageHealth: void }>({
  pageHealth: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
