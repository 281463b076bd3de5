import { expect, type Page } from '@playwright/test';

/** One complaint in the console: the reply box, the status panel and the merge form. */
export class ConsoleComplaintPage {
  constructor(private readonly page: Page) {}

  async open(number: string) {
    await this.page.goto(`/konsol/aduan/${number}`);
    await expect(this.page.getByRole('heading', { name: `Aduan ${number}`, level: 1 })).toBeVisible();
  }

  composer() {
    return this.page.getByRole('form', { name: 'Tindakan' });
  }

  replyText() {
    return this.composer().getByLabel('Teks');
  }

  preview() {
    return this.composer().getByTestId('reply-preview');
  }

  fileField() {
    return this.composer().getByLabel('Lampiran');
  }

  statusPanel() {
    return this.page.getByRole('form', { name: 'Tukar status' });
  }

  mergeForm() {
    return this.page.getByRole('form', { name: 'Gabungkan ke aduan (No Aduan)' });
  }

  async askToMerge(into: string) {
    await this.mergeForm().getByLabel('Gabungkan ke aduan (No Aduan)').fill(into);
    await this.mergeForm().getByRole('button', { name: 'Gabung' }).click();
  }

  mergeConfirmation() {
    return this.page.getByRole('region', { name: 'Sahkan penggabungan' });
  }
}
