import type { StaffRole } from '@/lib/staff/users';

// One table from roles to permissions. Every console page, route handler and server action asks
// for a permission (lib/auth/guard.ts); the proxy only redirects anonymous visitors to sign in.

const PERMISSIONS = [
  'queue.view', // the queue and a complaint's page, including internal notes
  'complaint.pii.view', // the complainant's full IC, phone and email (each view audited)
  'complaint.reply', // public replies, internal notes, status changes, taking a complaint
  'complaint.assign', // assigning / reassigning to someone else, bulk actions
  'complaint.link', // linking to a parent, merging duplicates, tags
  'canned.use',
  'canned.manage',
  'staff.manage', // officers and roles
  'settings.manage', // categories, agency settings
  'audit.view',
  'mailbox.view', // the local mailbox (only when no RESEND_API_KEY)
  'export.pii',
  'privacy.manage', // PDPA access requests (everything held about one IC number) and corrections
  'kb.draft', // knowledge-base articles: draft from a resolved complaint, save versions
  'kb.publish', // knowledge-base articles: publish a version, retire
  'reports.view', // reports, their exports and print view (lib/reports)
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const officer: Permission[] = ['queue.view', 'complaint.pii.view', 'complaint.reply', 'canned.use', 'kb.draft'];
const supervisor: Permission[] = [...officer, 'complaint.assign', 'complaint.link', 'canned.manage', 'kb.publish', 'reports.view'];
const admin: Permission[] = [...PERMISSIONS];

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  pegawai: officer,
  penyelia: supervisor,
  pentadbir: admin,
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
