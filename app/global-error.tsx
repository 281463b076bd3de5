'use client';

import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import './globals.css';

// The last resort: the root layout itself failed, so there is no translation provider and no
// way to know the visitor's language. It carries its own text, Malay first then English, from
// the message files, and a plain link home (a full page load, not the router that just failed).
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="ms">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <main id="main" className="mx-auto max-w-xl space-y-8 px-4 py-12">
          {[ms, en].map((m, i) => (
            <section key={i} lang={i === 0 ? 'ms' : 'en'}>
              <h1 className={i === 0 ? 'text-2xl font-bold' : 'text-xl font-bold'}>{m.errorPage.title}</h1>
              <p className="mt-2 text-slate-700">{m.errorPage.message}</p>
              <p className="mt-4">
                {/* A plain link: a full reload on purpose. */}
                <a href="/" className="underline underline-offset-4">{m.errorPage.home}</a>
              </p>
            </section>
          ))}
          {error.digest && <p className="text-sm text-slate-600">{error.digest}</p>}
        </main>
      </body>
    </html>
  );
}
