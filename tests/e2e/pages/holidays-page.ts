import { expect, type Page } from '@playwright/test';

/** The public holidays page (/konsol/cuti) as an admin drives it. */
export class HolidaysPage {
  constructor(private readonly page: Page) {}

  async open(year?: number) {
    await this.page.goto(year ? `/konsol/cuti?tahun=${year}` : '/konsol/cuti');
    await expect(this.page.getByRole('heading', { name: 'Cuti Umum dan Hari Bekerja', level: 1 })).toBeVisible();
  }

  addForm() {
    return this.page.getByRole('form', { name: 'Tambah cuti umum' });
  }

  async add(day: string, name: string) {
    const form = this.addForm();
    await form.getByLabel('Tarikh').fill(day);
    await form.getByLabel('Nama cuti').fill(name);
    await form.getByRole('button', { name: 'Tambah' }).click();
  }

  row(name: string) {
    return this.page.getByTestId('holiday-row').filter({ has: this.page.getByTestId('holiday-name').getByText(name, { exact: true }) });
  }

  async preview(fileName: string, csv: string) {
    const form = this.page.getByRole('form', { name: 'Import daripada fail CSV' });
    await form.getByLabel('Fail CSV').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await form.getByRole('button', { name: 'Pratonton' }).click();
    await expect(this.page.getByRole('heading', { name: `Pratonton: ${fileName}` })).toBeVisible();
  }

  importForm() {
    return this.page.getByRole('form', { name: 'Sahkan import' });
  }
}
