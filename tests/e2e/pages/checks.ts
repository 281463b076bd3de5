import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// What every browser spec does on the pages it visits: an accessibility check and a screenshot
// kept for a person to look at.

/** No serious or critical axe violation on the page as it is now. */
export async function noSeriousAxe(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** A full-page screenshot in tests/artifacts/<project>/<name>.png. */
export const shot = (page: Page, name: string, project: string) => page.screenshot({ path: `tests/artifacts/${project}/${name}.png`, fullPage: true });
