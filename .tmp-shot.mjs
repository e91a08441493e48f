import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
await page.goto('file:///work/main/tests/e2e/artifacts/deck.html');
const pages = page.locator('section, .page');
console.log(await pages.count());
const persona = page.locator('.page').filter({ hasText: 'Thrifty Planners' }).filter({ hasText: 'Most distinctive' }).first();
await persona.screenshot({ path: '/tmp/deck-persona.png' });
await browser.close();
