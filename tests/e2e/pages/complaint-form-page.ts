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
    await this.page.getByLabel('Lampiran', { exact: true }).setInputFiles(files);
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

  /** The lines of the error summary at the top of the form. */
  errorSummaryLines() {
    return this.page.getByRole('alert').filter({ hasText: 'Sila betulkan ralat berikut' }).getByRole('listitem');
  }

  /** The attachments' list under the picker: one row per file (name, size, "Buang"). */
  attachedFiles() {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: /^Buang / }) });
  }

  /** "Satu salinan aduan akan dihantar ke …" on the receipt. */
  receiptEmailLine() {
    return this.page.getByTestId('email-sent');
  }

  async fileAnother() {
    await this.page.getByRole('button', { name: 'Hantar aduan lain' }).click();
    await expect(this.page.getByRole('heading', { name: 'Borang Aduan' })).toBeVisible();
  }

  /** What Section A holds now, as the person sees it. */
  async sectionA() {
    const p = this.page;
    return {
      name: await p.getByLabel('Nama Penuh').inputValue(),
      ic: await p.getByLabel('No Kad Pengenalan').inputValue(),
      ptj: await p.getByLabel('PTJ (Pusat Tanggungjawab)').inputValue(),
      phone: await p.getByLabel('No Telefon Bimbit').inputValue(),
      email: await p.getByLabel(/^Email/).inputValue(),
    };
  }

  /** What Section B and the declaration hold now. */
  async sectionB() {
    const p = this.page;
    return {
      category: await p.getByLabel('Kategori (Modul iSPEKS)').inputValue(),
      title: await p.getByLabel('Tajuk Aduan').inputValue(),
      description: await p.getByLabel('Keterangan Terperinci').inputValue(),
      declared: await p.getByLabel('Saya mengesahkan bahawa semua maklumat yang diberikan adalah benar.').isChecked(),
    };
  }
}
