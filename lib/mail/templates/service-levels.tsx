import { Heading, Hr, Text } from '@react-email/components';
import type { ComplaintStatus } from '@/lib/db/schema';
import type { DailySummaryCounts, SlaNoticeKind } from '@/lib/jobs/boss';
import { ActionButton, ComplaintSummary, Details, EmailLayout, PRODUCT, renderParts, s, statusMs, type Agency, type RenderedEmail } from './layout';

// Emails of the service-level automation (lib/sla/automation.ts): the reminder to a complainant
// whose answer we wait for, and the notices and daily summary to staff. Malay first, a short
// English paragraph second, like every other email; staff emails carry nothing personal about the
// complainant. Dates arrive formatted (Malaysia time).

// ---------------------------------------------------------------------------------------------
// 1. Reminder → complainant

export type ReminderEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  /** Working days it has waited for the complainant. */
  days: number;
  /** dd-MM-yyyy HH:mm, when it began to wait. */
  waitingSince: string;
  /** Working days after this reminder before it is closed automatically; null when it is not. */
  closesAfterDays: number | null;
  complaintUrl: string;
};

export async function renderReminder(d: ReminderEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<Reminder {...d} />);
  return { subject: `Peringatan: aduan ${d.complaintNo} menunggu maklumbalas anda / Reminder: we are waiting for your reply — ${PRODUCT}`, html, text };
}

function Reminder(d: ReminderEmail) {
  return (
    <EmailLayout
      title={`Peringatan aduan ${d.complaintNo}`}
      preview={`Aduan ${d.complaintNo} menunggu maklumbalas anda. Complaint ${d.complaintNo} is waiting for your reply.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Aduan anda menunggu maklumbalas anda
      </Heading>
      <Text style={s.p}>
        Pegawai kami memerlukan maklumbalas anda untuk meneruskan tindakan ke atas aduan di bawah. Aduan ini telah
        menunggu maklumbalas anda selama {d.days} hari bekerja.
      </Text>
      <ComplaintSummary of={d} rows={[
          ['Status', statusMs('menunggu_pengadu')],
          ['Menunggu sejak', d.waitingSince],
        ]}
      />
      {d.closesAfterDays !== null && (
        <Text style={s.p}>
          Jika tiada maklumbalas dalam tempoh {d.closesAfterDays} hari bekerja lagi, aduan ini akan ditutup secara
          automatik.
        </Text>
      )}
      <ActionButton href={d.complaintUrl} label="Balas aduan anda / Reply to your complaint" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> Your complaint <strong>{d.complaintNo}</strong> has been waiting for your reply for{' '}
        {d.days} working {d.days === 1 ? 'day' : 'days'} (since {d.waitingSince}). Please reply on the complaint page
        (button above) so that our officers can continue.
        {d.closesAfterDays !== null &&
          ` Without a reply within ${d.closesAfterDays} more working ${d.closesAfterDays === 1 ? 'day' : 'days'}, it will be closed automatically.`}
      </Text>
    </EmailLayout>
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Nearly late, breached, first response late → staff

export type ServiceLevelNoticeEmail = {
  agency: Agency;
  notice: SlaNoticeKind;
  complaintNo: string;
  title: string;
  /** Malay category name. */
  category: string;
  status: ComplaintStatus;
  /** The officer it is assigned to, or null. */
  assignee: string | null;
  /** dd-MM-yyyy HH:mm: the due time the notice is about. */
  dueAt: string;
  consoleUrl: string;
};

const NOTICE_WORDS: Record<SlaNoticeKind, { subjectMs: string; subjectEn: string; lead: string; dueLabel: string; en: string }> = {
  nearly_late: {
    subjectMs: 'hampir lewat',
    subjectEn: 'nearly late',
    lead: 'Aduan di bawah hampir melepasi tempoh penyelesaiannya. Sila ambil tindakan sebelum tarikh akhir.',
    dueLabel: 'Perlu diselesaikan sebelum',
    en: 'is nearly late: it must be resolved by',
  },
  breached: {
    subjectMs: 'telah lewat',
    subjectEn: 'overdue',
    lead: 'Aduan di bawah telah melepasi tempoh penyelesaiannya dan belum diselesaikan.',
    dueLabel: 'Tarikh akhir penyelesaian',
    en: 'is overdue: it was due to be resolved by',
  },
  first_response_late: {
    subjectMs: 'belum dibalas',
    subjectEn: 'first reply late',
    lead: 'Aduan di bawah belum menerima balasan pertama dalam tempoh yang ditetapkan.',
    dueLabel: 'Balasan pertama sebelum',
    en: 'has had no first reply: one was due by',
  },
};

export async function renderServiceLevelNotice(d: ServiceLevelNoticeEmail): Promise<RenderedEmail> {
  const w = NOTICE_WORDS[d.notice];
  const { html, text } = await renderParts(<ServiceLevelNotice {...d} />);
  return { subject: `Aduan ${d.complaintNo} ${w.subjectMs} / Complaint ${w.subjectEn} — ${PRODUCT}`, html, text };
}

function ServiceLevelNotice(d: ServiceLevelNoticeEmail) {
  const w = NOTICE_WORDS[d.notice];
  return (
    <EmailLayout title={`Aduan ${d.complaintNo} ${w.subjectMs}`} preview={`Aduan ${d.complaintNo} ${w.subjectMs}. Complaint ${d.complaintNo} ${w.subjectEn}.`} agency={d.agency}>
      <Heading as="h1" style={s.h1}>
        Aduan {w.subjectMs}
      </Heading>
      <Text style={s.p}>{w.lead}</Text>
      <ComplaintSummary of={d} rows={[
          ['Kategori', d.category],
          ['Status', statusMs(d.status)],
          ['Pegawai', d.assignee ?? 'Belum diagihkan'],
          [w.dueLabel, d.dueAt],
        ]}
      />
      <ActionButton href={d.consoleUrl} label="Buka aduan di konsol / Open in console" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> Complaint <strong>{d.complaintNo}</strong> (&ldquo;{d.title}&rdquo;, {d.category}) {w.en} {d.dueAt}.
        Open it in the console to act on it.
      </Text>
    </EmailLayout>
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Daily summary → each supervisor

export type DailySummaryEmail = {
  agency: Agency;
  /** dd-MM-yyyy */
  day: string;
  counts: DailySummaryCounts;
  consoleUrl: string;
};

export async function renderDailySummary(d: DailySummaryEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<DailySummary {...d} />);
  return { subject: `Ringkasan harian aduan ${d.day} / Daily complaint summary — ${PRODUCT}`, html, text };
}

function DailySummary(d: DailySummaryEmail) {
  const c = d.counts;
  return (
    <EmailLayout title={`Ringkasan harian ${d.day}`} preview={`${c.overdue} aduan lewat, ${c.dueToday} perlu diselesaikan hari ini. ${c.overdue} overdue, ${c.dueToday} due today.`} agency={d.agency}>
      <Heading as="h1" style={s.h1}>
        Ringkasan harian {d.day}
      </Heading>
      <Details rows={[
          ['Aduan baharu semalam / New yesterday', String(c.newYesterday)],
          ['Aduan terbuka / Open', String(c.open)],
          ['Perlu diselesaikan hari ini / Due today', String(c.dueToday)],
          ['Lewat / Overdue', String(c.overdue)],
          ['Ditutup semalam / Closed yesterday', String(c.closedYesterday)],
        ]}
      />
      <ActionButton href={d.consoleUrl} label="Buka konsol / Open the console" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> The helpdesk on {d.day}: {c.newYesterday} new complaints yesterday, {c.open} open, {c.dueToday} due
        today, {c.overdue} overdue and {c.closedYesterday} closed yesterday.
      </Text>
    </EmailLayout>
  );
}
