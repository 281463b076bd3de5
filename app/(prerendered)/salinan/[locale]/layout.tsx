import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { Document, documentMetadata, documentViewport } from '@/components/layout/document';
import { PublicChrome } from '@/components/layout/public-chrome';
import { prerenderedLocale } from '@/lib/http/prerendered';

// The complaint form and the lookup page, prerendered: drawn once per language and then served as
// they are to every visitor until refreshed (an admin changed a list, the agency's details or
// WhatsApp: see PRERENDERED_FORM in lib/http/prerendered.ts; or a minute passed). proxy.ts sends
// `/` and `/semakan` here by the visitor's language, and the front listener gives each copy a
// Content-Security-Policy with the hashes of its inline scripts (a copy shared by every visitor
// can carry no per-request nonce). Nothing here may read a request: `dynamic = 'error'` makes the
// build fail if anything tries.
export const dynamic = 'error';
export const revalidate = 60; // a literal, as Next.js reads it from the source
// Drawn on a language's first visit, not at build time (the build has no database).
export const generateStaticParams = () => [];

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props) {
  const locale = prerenderedLocale((await params).locale);
  return locale ? documentMetadata(locale) : {};
}
export const viewport = documentViewport;

export default async function PrerenderedLayout({ children, params }: Props & { children: React.ReactNode }) {
  const locale = prerenderedLocale((await params).locale);
  if (!locale) notFound();
  setRequestLocale(locale);
  return (
    <Document locale={locale}>
      <PublicChrome locale={locale}>{children}</PublicChrome>
    </Document>
  );
}
