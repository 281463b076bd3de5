import { Heading, Hr, Text } from '@react-email/components';
import { ActionButton, EmailLayout, PRODUCT, renderParts, s, type Agency, type RenderedEmail } from './layout';

// Set-password links for staff (lib/staff/accounts.ts): the invitation to a new officer and the
// "forgot password" link. Malay first, an English paragraph after, like every helpdesk email.

export type StaffPasswordLinkEmail = {
  agency: Agency;
  purpose: 'invite' | 'reset';
  name: string;
  email: string;
  linkUrl: string;
  /** Whole hours for an invitation, minutes for a reset. */
  expiresIn: { hours: number } | { minutes: number };
};

export async function renderStaffPasswordLink(d: StaffPasswordLinkEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<StaffPasswordLink {...d} />);
  const subject =
    d.purpose === 'invite'
      ? `Jemputan ke konsol pegawai / Invitation to the officers' console — ${PRODUCT}`
      : `Tetapkan semula kata laluan / Reset your password — ${PRODUCT}`;
  return { subject, html, text };
}

function StaffPasswordLink(d: StaffPasswordLinkEmail) {
  const invite = d.purpose === 'invite';
  const ms = 'hours' in d.expiresIn ? `${d.expiresIn.hours} jam` : `${d.expiresIn.minutes} minit`;
  const en = 'hours' in d.expiresIn ? `${d.expiresIn.hours} hours` : `${d.expiresIn.minutes} minutes`;
  return (
    <EmailLayout
      title={invite ? 'Jemputan ke konsol pegawai' : 'Tetapkan semula kata laluan'}
      preview={invite ? 'Tetapkan kata laluan anda untuk konsol pegawai. Set your password for the officers’ console.' : 'Pautan untuk menetapkan kata laluan baharu. A link to set a new password.'}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        {invite ? 'Jemputan ke konsol pegawai' : 'Tetapkan semula kata laluan'}
      </Heading>
      <Text style={s.p}>Salam sejahtera {d.name},</Text>
      {invite ? (
        <Text style={s.p}>
          Akaun pegawai telah dibuka untuk anda di {PRODUCT} ({d.email}). Tetapkan kata laluan anda melalui pautan di bawah; selepas
          itu anda boleh log masuk ke konsol.
        </Text>
      ) : (
        <Text style={s.p}>
          Satu permintaan untuk menetapkan semula kata laluan akaun {d.email} telah dibuat. Tetapkan kata laluan baharu melalui pautan
          di bawah.
        </Text>
      )}
      <Text style={s.p}>
        Pautan ini hanya boleh digunakan <strong>sekali</strong> dan akan tamat tempoh dalam <strong>{ms}</strong>. Jangan kongsi
        pautan ini dengan sesiapa; pentadbir tidak akan meminta kata laluan anda.
      </Text>
      <ActionButton href={d.linkUrl} label={invite ? 'Tetapkan kata laluan / Set my password' : 'Tetapkan kata laluan baharu / Set a new password'} />
      {!invite && <Text style={s.p}>Jika anda tidak membuat permintaan ini, abaikan e-mel ini; kata laluan anda tidak berubah.</Text>}
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong>{' '}
        {invite
          ? `An officer account was opened for you at ${PRODUCT} (${d.email}). Set your password with the link above, then sign in to the console.`
          : `Someone asked to reset the password of ${d.email}. Set a new password with the link above; if it was not you, ignore this email and your password stays as it is.`}{' '}
        {`The link works once and expires in ${en}. Do not share it; an administrator will never ask for your password.`}
      </Text>
    </EmailLayout>
  );
}
