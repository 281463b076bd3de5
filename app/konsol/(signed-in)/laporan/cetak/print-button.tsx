'use client';

/** Opens the browser's print dialog (the page's print stylesheet makes the A4 report). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white">
      {label}
    </button>
  );
}
