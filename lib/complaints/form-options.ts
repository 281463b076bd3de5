import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { categories, ptj } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/config';

/**
 * What the public form offers: active categories in the admins' order (in the visitor's language)
 * and active PTJ names. Read when the prerendered form is drawn; /konsol/kategori and /konsol/ptj
 * have it drawn again on their changes (PRERENDERED_FORM in lib/http/prerendered.ts).
 */
export async function getFormOptions(db: Db, locale: Locale) {
  const cats = await db
    .select({ slug: categories.slug, nameMs: categories.nameMs, nameEn: categories.nameEn })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sortOrder), asc(categories.id));
  const ptjs = await db.select({ name: ptj.name }).from(ptj).where(eq(ptj.active, true)).orderBy(asc(ptj.name));
  return {
    categories: cats.map((c) => ({ value: c.slug, label: locale === 'en' ? c.nameEn : c.nameMs })),
    ptjNames: ptjs.map((p) => p.name),
  };
}
