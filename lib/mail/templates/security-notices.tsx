import { Heading, Hr, Text } from '@react-email/components';
import { ActionButton, Details, EmailLayout, PRODUCT, renderParts, s, type Agency, type RenderedEmail } from './layout';

// Emails to an officer about their own account's security.

export type TotpResetEmail = {
  agency: Agency;
  officerName: string;
  /** The admin who reset it. */
  resetBy: string;
  /** dd-MM-yyyy HH:mm */
  resetAt: string;
  accountUrl: string;
};

export async function renderTotpReset(d: TotpResetEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<TotpReset {...d} />);
  return { subject: `Pengesahan dua langkah anda telah ditetapkan semula / Your two-step verification was reset — ${PRODUCT}`, html, text };
}

function TotpReset(d: TotpResetEmail) {
  return (
    <EmailLayout
      title="Pengesahan dua langkah ditetapkan semula"
      preview="Pentadbir telah menetapkan semula pengesahan dua langkah akaun anda. An administrator reset your two-step verification."
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Pengesahan dua langkah ditetapkan semula
      </Heading>
      <Text style={s.p}>
        Salam {d.officerName}. Pentadbir telah menetapkan semula pengesahan dua langkah (aplikasi authenticator) akaun konsol anda. Aplikasi
        authenticator dan kod pemulihan yang lama tidak lagi diterima, dan semua sesi anda telah ditamatkan. Log masuk dengan kata laluan anda
        dan daftarkan aplikasi authenticator semula di halaman Akaun Saya.
      </Text>
      <Details rows={[
          ['Oleh', d.resetBy],
          ['Tarikh', d.resetAt],
        ]}
      />
      <Text style={s.p}>Jika anda tidak meminta perkara ini, hubungi pentadbir dengan segera.</Text>
      <ActionButton href={d.accountUrl} label="Log masuk dan daftar semula / Sign in and enrol again" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> {d.resetBy} reset the two-step verification (authenticator app) of your console account on {d.resetAt}. Your
        old authenticator and recovery codes no longer work and all your sessions were ended. Sign in with your password and enrol your
        authenticator again on the My Account page. If you did not ask for this, contact an administrator at once.
      </Text>
    </EmailLayout>
  );
}
