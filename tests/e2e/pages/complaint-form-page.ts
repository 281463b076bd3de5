import { expect, type Page } from '@playwright/test';

export type Complainant = {
  name: string;
  ic: string;
  ptj: string;
  phone: string;
  email: string;
  category: string;
  title: string;
  description: string;
};

/** The public complaint form, driven the way a person uses it: labels, typing, clicking. */
export class ComplaintFormPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Borang Aduan' })).toBeVisible();
  }

  async fill(c: Complainant) {
    const p = this.page;
    await p.getByLabel('Nama Penuh').fill(c.name);
    await p.getByLabel('No Kad Pengenalan').fill(c.ic);
    await p.getByLabel('PTJ (Pusat Tanggungjawab)').fill(c.ptj);
    await p.getByLabel('No Telefon Bimbit').fill(c.phone);
    await p.getByLabel(/^Email/).fill(c.email);
    await p.getByLabel('Kategori (Modul iSPEKS)').selectOption({ label: c.category });
    await p.getByLabel('Tajuk Aduan').fill(c.title);
    await p.getByLabel('Keterangan Terperinci').fill(c.description);
  }

  async attach(files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await this.page.getByLabel('Lampiran').setInputFiles(files);
  }

  async declare() {
    await this.page.getByLabel('Saya mengesahkan bahawa semua maklumat yang diberikan adalah benar.').check();
  }

  async passCaptcha() {
    const widget = this.page.locator('altcha-widget');
    await widget.locator('input[type="checkbox"]').click({ force: true });
    await expect(widget.locator('input[name="altcha"]')).toHaveValue(/.+/, { timeout: 30_000 });
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Hantar' }).click();
  }

  fieldError(id: string) {
    return this.page.locator(`#${id}-error`);
  }

  complaintNumber() {
    return this.page.getByTestId('complaint-number');
  }
}
