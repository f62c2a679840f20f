// Renders static/icons/icon.svg to the PNG sizes the web app manifest lists, in Chromium.
// Run by hand when the icon changes (`node scripts/make-icons.ts`); the PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchChromium } from './lib/chromium.ts';

const dir = resolve(import.meta.dirname, '../static/icons');
const svg = await readFile(join(dir, 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const render = async (file: string, size: number, padding: number): Promise<void> => {
    await page.setViewportSize({ width: size, height: size });
    // Maskable icons keep their drawing inside the central 80 % safe zone.
    await page.setContent(
      `<body style="margin:0;background:#1f5f4a"><div style="padding:${padding}px">${svg.replace('<svg ', `<svg width="${size - 2 * padding}" height="${size - 2 * padding}" `)}</div></body>`,
    );
    await writeFile(
      join(dir, file),
      await page.screenshot({ type: 'png', omitBackground: padding === 0 }),
    );
  };
  await render('icon-192.png', 192, 0);
  await render('icon-512.png', 512, 0);
  await render('icon-maskable-512.png', 512, 52);
  await render('apple-touch-icon.png', 180, 0);
} finally {
  await browser.close();
}
