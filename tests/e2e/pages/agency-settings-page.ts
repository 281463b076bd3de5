import { expect, type Page } from '@playwright/test';

/** The agency settings page (/konsol/tetapan) as an admin drives it, section by section. */
export class AgencySettingsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/konsol/tetapan');
    await expect(this.page.getByRole('heading', { name: 'Tetapan Agensi', level: 1 })).toBeVisible();
  }

  details() {
    return this.page.getByRole('form', { name: 'Tetapan Agensi', exact: true });
  }

  logoForm() {
    return this.page.getByRole('form', { name: 'Logo agensi', exact: true });
  }

  whatsApp() {
    return this.page.getByRole('form', { name: 'Tetapan WhatsApp' });
  }

  retention() {
    return this.page.getByRole('form', { name: 'Tempoh simpanan data' });
  }

  async uploadLogo(name: string, mimeType: string, buffer: Buffer) {
    const form = this.logoForm();
    await form.getByLabel('Fail logo (PNG atau JPEG)').setInputFiles({ name, mimeType, buffer });
    await form.getByRole('button', { name: 'Muat naik logo' }).click();
  }

  async removeLogo() {
    await this.page.getByRole('form', { name: 'Buang logo agensi' }).getByRole('button', { name: 'Buang logo' }).click();
  }
}
