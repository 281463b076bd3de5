import type { ComplaintStatus } from '@/lib/db/schema';

const tone: Record<ComplaintStatus, string> = {
  baru: 'bg-sky-100 text-sky-900 ring-sky-300',
  dalam_tindakan: 'bg-amber-100 text-amber-900 ring-amber-300',
  menunggu_pengadu: 'bg-violet-100 text-violet-900 ring-violet-300',
  selesai: 'bg-green-100 text-green-900 ring-green-300',
  ditutup: 'bg-slate-200 text-slate-800 ring-slate-300',
};

/** A status in its colour, with the label the caller translated (server or client component). */
export function StatusPill({ status, label }: { status: ComplaintStatus; label: string }) {
  return <span className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ring-1 ${tone[status]}`}>{label}</span>;
}
