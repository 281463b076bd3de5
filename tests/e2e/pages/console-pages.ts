import { expect, type Page } from '@playwright/test';

/** The console as an officer drives it. */
export class ConsolePages {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.goto('/konsol/log-masuk');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Kata laluan').fill(password);
    await this.page.getByRole('button', { name: 'Log Masuk' }).click();
    await expect(this.page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Log Keluar' }).first().click();
    await expect(this.page).toHaveURL(/\/konsol\/log-masuk|\/$/);
  }

  async openView(name: 'Aduan saya' | 'Belum diagih' | 'Semua terbuka') {
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }

  async openComplaint(number: string) {
    await this.page.getByRole('link', { name: number }).click();
    await expect(this.page.getByRole('heading', { name: `Aduan ${number}` })).toBeVisible();
  }

  composer() {
    return this.page.getByRole('form', { name: 'Tindakan' });
  }
}
