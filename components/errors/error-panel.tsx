import Link from 'next/link';

/**
 * The body of the helpdesk's own 404, 403 and error pages: a title, what happened, and ways back.
 * Text comes from the caller (translated there), so this works in server and client pages alike.
 * Drawn inside the page's <main> (the site's frame, or ErrorMain where there is none).
 */
export function ErrorPanel(props: {
  title: string;
  message: string;
  reference?: string;
  links: { href: string; label: string }[];
  retry?: { label: string; onClick: () => void };
}) {
  return (
    <div className="mx-auto max-w-xl py-6">
      <h1 className="text-2xl font-bold text-brand-800">{props.title}</h1>
      <p className="mt-2 text-slate-700">{props.message}</p>
      {props.reference && <p className="mt-2 text-sm text-slate-600">{props.reference}</p>}
      <ul className="mt-6 flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        {props.retry && (
          <li>
            <button type="button" onClick={props.retry.onClick}
              className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
              {props.retry.label}
            </button>
          </li>
        )}
        {props.links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="inline-block py-2 text-brand-700 underline underline-offset-4 hover:text-brand-800">
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The <main> of an error page drawn outside any frame (an unknown address, a refused console page). */
export function ErrorMain({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
      {children}
    </main>
  );
}
