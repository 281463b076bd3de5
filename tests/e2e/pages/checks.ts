import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// What every browser spec does on the pages it visits: an accessibility check and a screenshot
// kept for a person to look at.

/** No serious or critical axe violation on the page once it has settled. */
export async function noSeriousAxe(page: Page) {
  // For a moment after a server action's refresh the document can have no <title> (Next.js streams
  // the page's metadata apart from its body; once in CI axe caught that moment). Every page has a
  // title, so wait for it and judge the settled page.
  await expect(page).toHaveTitle(/\S/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** A full-page screenshot in tests/artifacts/<project>/<name>.png. */
export const shot = (page: Page, name: string, project: string) => page.screenshot({ path: `tests/artifacts/${project}/${name}.png`, fullPage: true });
