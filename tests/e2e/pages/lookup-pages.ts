import { expect, type Locator, type Page } from '@playwright/test';

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

  /** Closing asks for the verdict: Puas hati, 5, unless `satisfaction` says otherwise. */
  async sendFeedback(input: {
    ic: string;
    name: string;
    message?: string;
    close?: boolean;
    satisfaction?: { satisfied: boolean; rating: number; comment?: string };
    files?: { name: string; mimeType: string; buffer: Buffer }[];
  }) {
    const form = this.feedbackForm();
    await form.getByLabel('ID Pengguna').fill(input.ic);
    await form.getByLabel(/^Nama/).fill(input.name);
    if (input.message) await form.getByLabel('Maklumbalas').fill(input.message);
    if (input.files) await form.getByLabel('Lampiran', { exact: true }).setInputFiles(input.files);
    if (input.close) {
      await form.getByLabel('Tutup Aduan: Saya ingin menutup aduan ini.').check();
      await fillVerdict(form, input.satisfaction ?? { satisfied: true, rating: 5 });
    }
    await passCaptcha(this.page, form);
    await form.getByRole('button', { name: 'Hantar' }).click();
  }
}

/** The satisfaction fields (closing form and the emailed link's page). */
export async function fillVerdict(scope: Locator, v: { satisfied?: boolean; rating?: number; comment?: string }) {
  if (v.satisfied !== undefined) await scope.getByLabel(v.satisfied ? 'Puas hati' : 'Tidak puas hati', { exact: true }).check();
  if (v.rating !== undefined) await scope.getByLabel(`${v.rating} daripada 5`, { exact: true }).check();
  if (v.comment) await scope.getByLabel('Ulasan (pilihan)').fill(v.comment);
}
