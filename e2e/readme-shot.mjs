// Takes the README's screenshot (docs/screenshot.png): the workbench at 1600×1000 on the Strategic
// Plan preset, introduction dismissed, once the first replication bands are drawn.
// Run after `trunk build --release`: node e2e/readme-shot.mjs
import path from 'node:path';
import { serve, launch, openApp, ready, root } from './harness.mjs';

const server = await serve();
const browser = await launch();
const { page, context } = await openApp(browser, server.url, { width: 1600, height: 1000 });
await ready(page);
const hide = page.locator('button:has-text("Got it")');
if (await hide.count()) await hide.click();
await page.selectOption('#preset-select', 'strategic-plan');
await page.waitForFunction(() => document.querySelector('.uncertainty')?.dataset.bands === 'true', null, { timeout: 120_000 });
await page.screenshot({ path: path.join(root, 'docs', 'screenshot.png') });
await context.close();
await browser.close();
await server.close();
