import { expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';

/** The account page's two-step verification as an officer uses it: the QR code, the first code, the recovery codes. */
export class AccountSecurityPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/konsol/akaun');
    await expect(this.qr()).toBeVisible();
  }

  qr() {
    return this.page.getByTestId('totp-qr');
  }

  /** Decodes the QR code the page shows (its PNG data URL → RGBA pixels → jsQR), as a phone camera would. */
  async scanQr(): Promise<string> {
    const src = (await this.qr().getAttribute('src')) ?? '';
    expect(src).toMatch(/^data:image\/png;base64,/);
    const { data, info } = await sharp(Buffer.from(src.split(',')[1], 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    if (!found) throw new Error('no QR code could be read from the page');
    return found.data;
  }

  async activate(code: string) {
    await this.page.getByLabel('Kod pengesahan').fill(code);
    await this.page.getByRole('button', { name: 'Aktifkan' }).click();
    await expect(this.page.getByTestId('recovery-codes')).toBeVisible();
  }

  async recoveryCodes(): Promise<string[]> {
    return this.page.getByTestId('recovery-codes').locator('li').allInnerTexts();
  }
}
