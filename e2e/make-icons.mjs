// Draws the app icons static/icons/careflow-192.png and careflow-512.png from static/favicon.svg in
// headless Chromium (no image converter needed). Run once when the icon changes, and commit the PNGs:
//   cd e2e && node make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { root, launch } from './harness.mjs';

const svg = fs.readFileSync(path.join(root, 'static', 'favicon.svg'), 'utf8');
const browser = await launch();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(`<body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`);
  await page.waitForFunction(() => document.querySelector('img').complete);
  const file = path.join(root, 'static', 'icons', `careflow-${size}.png`);
  await page.screenshot({ path: file, omitBackground: true });
  console.log(`wrote ${file}`);
  await page.close();
}
await browser.close();
