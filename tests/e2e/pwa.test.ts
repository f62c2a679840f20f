// The installed-app behaviour in real Chromium against the production build and the real server:
// service worker and manifest, offline use, privacy (no request leaves the origin) and an
// accessibility smoke test of every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appReady,
  device,
  finish,
  sameOrigin,
  startTally,
  waitForServiceWorker,
  type Tally,
} from './harness.ts';

const SECTIONS = [
  { path: '/', heading: 'Where you stand today' },
  { path: '/bills', heading: 'Bills' },
  { path: '/time', heading: 'Time' },
  { path: '/activities', heading: 'Activities' },
  { path: '/settings', heading: 'Settings' },
  { path: '/settings/sync', heading: 'Sync' },
  { path: '/settings/privacy', heading: 'Privacy' },
];

let tally: Tally;
const allRequests: string[] = [];

beforeAll(async () => {
  tally = await startTally();
});

afterAll(() => finish(tally));

describe('the installable app', () => {
  it('installs a service worker that controls the page, with a complete manifest and its icons', async () => {
    const d = await device();
    await d.page.goto(tally.url);
    await appReady(d.page);
    await waitForServiceWorker(d.page);
    expect(await d.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${tally.url}/service-worker.js`,
    );

    const href = await d.page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestUrl = new URL(href ?? '', tally.url).toString();
    const manifest = (await (await d.page.request.get(manifestUrl)).json()) as Record<
      string,
      unknown
    >;
    expect(typeof manifest.name).toBe('string');
    expect(manifest).toMatchObject({
      short_name: 'Tally',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    });
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.background_color).toMatch(/^#/);
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of icons) {
      const res = await d.page.request.get(new URL(icon.src, manifestUrl).toString());
      expect(res.status(), icon.src).toBe(200);
    }
    const shortcuts = manifest.shortcuts as { url: string }[];
    expect(shortcuts.map((s) => s.url)).toEqual(
      expect.arrayContaining(['/time?start=1', '/bills/new']),
    );
    allRequests.push(...d.requests);
    expect(d.errors).toEqual([]);
    await d.context.close();
  });

  it('works offline after one visit: every section renders, and a change made offline survives a reload', async () => {
    const d = await device();
    await d.page.goto(tally.url);
    await appReady(d.page);
    await waitForServiceWorker(d.page);
    await d.context.setOffline(true);
    for (const s of SECTIONS) {
      await d.page.goto(tally.url + s.path);
      await expect
        .poll(() => d.page.getByRole('heading', { level: 1 }).first().textContent())
        .toBe(s.heading);
    }
    await d.page.goto(`${tally.url}/settings`);
    await d.page.getByLabel('Currency').selectOption('EUR');
    await expect.poll(() => d.page.getByText('€1,234.56').count()).toBeGreaterThan(0);
    await d.page.reload();
    await expect.poll(async () => d.page.getByLabel('Currency').inputValue()).toBe('EUR');
    allRequests.push(...d.requests);
    expect(d.errors).toEqual([]);
    await d.context.close();
  });

  it('passes an accessibility smoke test on every page: one main landmark, labelled controls, unique ids', async () => {
    const d = await device({ width: 360, height: 740 });
    for (const s of SECTIONS) {
      await d.page.goto(tally.url + s.path);
      await appReady(d.page);
      const report = await d.page.evaluate(() => {
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
        const unlabelled = [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => {
            const e = el as HTMLInputElement;
            if (e.type === 'hidden') return false;
            const label = e.labels?.length ? e.labels[0]?.textContent?.trim() : '';
            const name = e.getAttribute('aria-label') ?? label ?? '';
            const text = el.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : '';
            return !name && !text && !e.getAttribute('aria-labelledby') && !e.title;
          })
          .map((e) => e.outerHTML.slice(0, 80));
        const overflow = document.documentElement.scrollWidth > window.innerWidth + 1;
        return {
          mains: document.querySelectorAll('main').length,
          duplicates,
          unlabelled,
          overflow,
        };
      });
      expect(report, s.path).toEqual({ mains: 1, duplicates: [], unlabelled: [], overflow: false });
    }
    allRequests.push(...d.requests);
    await d.context.close();
  });

  it('never requests anything from another origin', () => {
    expect(allRequests.length).toBeGreaterThan(10);
    expect(sameOrigin(allRequests, tally.url)).toEqual([]);
  });
});
