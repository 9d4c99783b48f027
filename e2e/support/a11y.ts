import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { screenshotPage, VIEWPORTS } from './screenshots';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe at both viewports (the mobile layout differs), attaches the full results, saves the
 * screenshots (support/screenshots.ts) and fails on any serious or critical violation.
 */
export async function audit(page: Page, name: string, testInfo: TestInfo): Promise<void> {
  await page.waitForLoadState('networkidle');
  const original = page.viewportSize();
  const blocking: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    await testInfo.attach(`axe-${name}-${viewport.width}x${viewport.height}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
    for (const v of results.violations.filter((v) => BLOCKING.has(v.impact ?? ''))) {
      const targets = v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(' | ');
      blocking.push(
        `[${viewport.width}x${viewport.height}] ${v.id} (${v.impact}): ${v.help} → ${targets}`,
      );
    }
  }
  if (original) await page.setViewportSize(original);
  await screenshotPage(page, name);
  expect(blocking, `serious/critical axe violations on ${page.url()}`).toEqual([]);
}
