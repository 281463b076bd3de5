import { expect, type Page } from '@playwright/test';

async function passCaptcha(page: Page, scope = page.locator('body')) {
  const widget = scope.locator('altcha-widget');
  await widget.locator('input[type="checkbox"]').click({ force: true });
  await expect(widget.locator('input[name="altcha"]')).toHaveValue(/.+/, { timeout: 30_000 });
}

/** Semakan Aduan: one field (IC or complaint number), the CAPTCHA, Cari. */
export class LookupPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/semakan');
    await expect(this.page.getByRole('heading', { name: 'Semakan Aduan', level: 1 })).toBeVisible();
  }

  async search(query: string) {
    await this.page.getByLabel('No Kad Pengenalan atau No Aduan').fill(query);
    await passCaptcha(this.page);
    await this.page.getByRole('button', { name: 'Cari' }).click();
  }

  result(number: string) {
    return this.page.getByRole('link', { name: `Lihat aduan ${number}` });
  }
}

/** Sejarah Aduan and its Maklumbalas Anda form. */
export class ComplaintHistoryPage {
  constructor(private readonly page: Page) {}

  heading(number: string) {
    return this.page.getByRole('heading', { name: `Sejarah Aduan ${number}` });
  }

  feedbackForm() {
    return this.page.locator('section[aria-labelledby="feedback-title"]');
  }

  async sendFeedback(input: { ic: string; name: string; message?: string; close?: boolean; files?: { name: string; mimeType: string; buffer: Buffer }[] }) {
    const form = this.feedbackForm();
    await form.getByLabel('ID Pengguna').fill(input.ic);
    await form.getByLabel(/^Nama/).fill(input.name);
    if (input.message) await form.getByLabel('Maklumbalas').fill(input.message);
    if (input.files) await form.getByLabel('Lampiran', { exact: true }).setInputFiles(input.files);
    if (input.close) await form.getByLabel('Tutup Aduan: Saya ingin menutup aduan ini.').check();
    await passCaptcha(this.page, form);
    await form.getByRole('button', { name: 'Hantar' }).click();
  }
}
