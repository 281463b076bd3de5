import { expect, type Page } from '@playwright/test';

/** The narrow phones the public pages must fit: no sideways scrolling at either width. */
export const PHONE_WIDTHS = [360, 390] as const;

/** Sets each phone width in turn and checks the page does not scroll sideways; `shot` is called at each. */
export async function expectFitsPhones(page: Page, what: string, shot?: (width: number) => Promise<unknown>) {
  for (const width of PHONE_WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${what} at ${width} px scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    await shot?.(width);
  }
}

/** The element is wholly on screen horizontally (not cut off on the right). */
export async function expectWithinWidth(page: Page, locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}
