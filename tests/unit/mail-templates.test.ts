import { describe, it, expect } from 'vitest';
import {
  renderComplaintClosed,
  renderFeedbackForOfficer,
  renderLookupLink,
  renderOfficerReply,
  renderStatusChanged,
} from '../../lib/mail/templates/complaint-update';
import { createElement } from 'react';
import { render } from '@react-email/render';
import { EmailLayout, renderParts } from '../../lib/mail/templates/layout';

const XSS = '<script>alert(1)</script>';
const CLOSE_REQUEST = 'Sekiranya aduan anda berjaya diselesaikan, anda dipohon untuk menutup log aduan ini.';

const agency = {
  name: 'Perbendaharaan Negeri Kelantan',
  address: 'Blok 4, Kompleks Kota Darulnaim\n15503 Kota Bharu, Kelantan',
  phone: '09 748 1957',
  email: 'treasury@kelantan.gov.my',
  website: 'https://pkn.kelantan.gov.my',
};
const complaintNo = 'PKN260105143000123';
const complaintUrl = 'https://helpdesk.example.test/aduan/PKN260105143000123?t=abc';

/** User text must arrive as text: escaped in HTML, never as a live tag. */
function expectEscaped(html: string) {
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toMatch(/<script/i);
}

function expectFooter(out: { html: string; text: string }) {
  for (const part of [out.html, out.text]) {
    expect(part).toContain(agency.name);
    expect(part).toContain(agency.phone);
    expect(part).toContain(agency.email);
  }
}

describe('renderParts', () => {
  it('gives the text part react-email would give from a render of its own', async () => {
    const h = createElement;
    const element = h(EmailLayout, {
      title: 'Ujian',
      preview: 'Pratonton',
      agency,
      children: [
        h('p', { key: 'p' }, `Perenggan ${XSS} dengan `, h('a', { href: 'https://contoh.test/a' }, 'pautan'), '.'),
        h('table', { key: 't', 'data-text-format': 'dataTable' }, h('tbody', null, h('tr', null, h('td', null, 'No. aduan'), h('td', null, complaintNo)))),
      ],
    });
    const parts = await renderParts(element);
    expect(parts.html).toBe(await render(element));
    expect(parts.text).toBe(await render(element, { plainText: true }));
    expect(parts.text).toMatch(new RegExp(`No\\. aduan\\s+${complaintNo}`));
    expect(parts.text).toContain('pautan https://contoh.test/a');
  });
});

describe('renderOfficerReply', () => {
  const data = {
    agency,
    complaintNo,
    title: `Tajuk ${XSS}`,
    officerName: 'Pegawai <i>Ali</i>',
    repliedAt: '06-01-2026 09:15',
    body: `Baris satu\nBaris dua ${XSS}`,
    status: 'menunggu_pengadu' as const,
    attachments: ['jawapan.pdf'],
    complaintUrl,
  };

  it('has the subject, key values and the reply button', async () => {
    const out = await renderOfficerReply(data);
    expect(out.subject).toBe(`Maklumbalas aduan ${complaintNo} / Reply to complaint — Helpdesk iSPEKS`);
    for (const v of [complaintNo, '06-01-2026 09:15', 'Menunggu Pengadu', 'jawapan.pdf', 'Lihat dan balas aduan']) {
      expect(out.html).toContain(v);
      expect(out.text).toContain(v);
    }
    expect(out.html).toContain('Pegawai &lt;i&gt;Ali&lt;/i&gt;');
    expect(out.html).toContain(`href="${complaintUrl}"`);
    expect(out.text).toContain(complaintUrl);
    expect(out.text).toContain('Baris satu');
    expect(out.html).toMatch(/menutup aduan/);
    expect(out.html.indexOf('Maklumbalas')).toBeLessThan(out.html.indexOf('English.'));
    expectFooter(out);
  });

  it('escapes user text and keeps line breaks', async () => {
    const out = await renderOfficerReply(data);
    expectEscaped(out.html);
    expect(out.html).toMatch(/Baris satu<br/);
    expect(out.text).toMatch(/Baris satu\s*\n\s*Baris dua/);
  });

  it('drops non-http links', async () => {
    const out = await renderOfficerReply({ ...data, complaintUrl: 'javascript:alert(1)', attachments: [] });
    expect(out.html).not.toContain('javascript:');
    expect(out.html).not.toContain('Lampiran');
  });
});

describe('renderStatusChanged', () => {
  const data = {
    agency,
    complaintNo,
    title: XSS,
    from: 'dalam_tindakan' as const,
    to: 'menunggu_pengadu' as const,
    changedAt: '07-01-2026 10:00',
    reason: `Sila sahkan\nbaki akaun ${XSS}`,
    complaintUrl,
  };

  it('has the subject and key values', async () => {
    const out = await renderStatusChanged(data);
    expect(out.subject).toBe(
      `Status aduan ${complaintNo}: Menunggu Pengadu / Complaint status changed — Helpdesk iSPEKS`,
    );
    for (const v of [complaintNo, 'Dalam Tindakan', 'Menunggu Pengadu', '07-01-2026 10:00', 'Sila sahkan']) {
      expect(out.html).toContain(v);
      expect(out.text).toContain(v);
    }
    expect(out.html).toContain(`href="${complaintUrl}"`);
    expectEscaped(out.html);
    expect(out.html).toMatch(/Sila sahkan<br/);
    // The English paragraph names the statuses in English, from the same message files.
    expect(out.text).toContain('from “In progress” to “Waiting for complainant”');
    expectFooter(out);
  });

  it('asks to close the complaint only when the new status is Selesai', async () => {
    const other = await renderStatusChanged(data);
    expect(other.html).not.toContain(CLOSE_REQUEST);
    expect(other.text).not.toContain(CLOSE_REQUEST);
    expect(other.html).not.toContain('Saya ingin menutup aduan ini');

    const done = await renderStatusChanged({ ...data, to: 'selesai', reason: undefined });
    expect(done.subject).toBe(`Status aduan ${complaintNo}: Selesai / Complaint status changed — Helpdesk iSPEKS`);
    for (const part of [done.html, done.text]) {
      expect(part).toContain(CLOSE_REQUEST);
      expect(part).toContain('Saya ingin menutup aduan ini');
      expect(part).toContain('Hantar');
      expect(part).toMatch(/tanpa tanda/);
      expect(part).toMatch(/nama penuh/);
    }
    expect(done.html).not.toContain('Catatan');
  });
});

describe('renderComplaintClosed', () => {
  const data = {
    agency,
    complaintNo,
    title: XSS,
    closedAt: '08-01-2026 16:45',
    closedBy: null,
    reason: `Masalah selesai\nterima kasih ${XSS}`,
    agingDays: 3,
    complaintUrl,
  };

  it('has the subject, aging and key values', async () => {
    const out = await renderComplaintClosed(data);
    expect(out.subject).toBe(`Aduan ${complaintNo} ditutup / Complaint closed — Helpdesk iSPEKS`);
    for (const v of [complaintNo, '08-01-2026 16:45', 'Pengadu', 'Bil Aging Aduan 3 Hari', 'Masalah selesai']) {
      expect(out.html).toContain(v);
      expect(out.text).toContain(v);
    }
    expectEscaped(out.html);
    expect(out.html).toMatch(/Masalah selesai<br/);
    expect(out.html).toContain(`href="${complaintUrl}"`);
    expectFooter(out);
  });

  it('says the aging once, not twice', async () => {
    const out = await renderComplaintClosed(data);
    for (const part of [out.html, out.text]) expect(part.split('Bil Aging Aduan 3 Hari')).toHaveLength(2);
  });
});

describe('renderFeedbackForOfficer', () => {
  const data = {
    agency,
    complaintNo,
    title: XSS,
    complainantName: 'Siti <b>Aminah</b>',
    receivedAt: '09-01-2026 08:30',
    body: `Terima kasih\nmasalah masih ada ${XSS}`,
    closed: false,
    reopened: false,
    attachments: ['skrin.png'],
    consoleUrl: 'https://helpdesk.example.test/konsol/aduan/123',
  };

  it('has the subject and key values, and only the name of the complainant', async () => {
    const out = await renderFeedbackForOfficer(data);
    expect(out.subject).toBe(`Maklumbalas pengadu: ${complaintNo}`);
    for (const v of [complaintNo, '09-01-2026 08:30', 'Terima kasih', 'skrin.png']) {
      expect(out.html).toContain(v);
      expect(out.text).toContain(v);
    }
    expect(out.html).toContain('Siti &lt;b&gt;Aminah&lt;/b&gt;');
    expect(out.text).toContain('Siti <b>Aminah</b>');
    expect(out.html).toContain(`href="${data.consoleUrl}"`);
    expectEscaped(out.html);
    expect(out.html).toMatch(/Terima kasih<br/);
    expect(out.html).not.toContain('ditutup oleh pengadu');
    expect(out.html).not.toContain('dibuka semula');
    for (const part of [out.html, out.text]) {
      expect(part).not.toMatch(/Kad Pengenalan|No\. Telefon|\*\*\*/);
    }
    expectFooter(out);
  });

  it('flags closing and reopening', async () => {
    const closed = await renderFeedbackForOfficer({ ...data, closed: true });
    expect(closed.subject).toBe(`Maklumbalas pengadu: ${complaintNo} (ditutup oleh pengadu)`);
    expect(closed.html).toContain('Pengadu telah menutup aduan ini.');

    const reopened = await renderFeedbackForOfficer({ ...data, reopened: true });
    expect(reopened.subject).toBe(`Maklumbalas pengadu: ${complaintNo}`);
    expect(reopened.html).toContain('dibuka semula');
  });
});

describe('renderLookupLink', () => {
  const data = {
    agency,
    linkUrl: 'https://helpdesk.example.test/semak/pautan?token=abc123',
    expiresInMinutes: 15,
    count: 2,
  };

  it('has the subject, the link, expiry and count, and nothing personal', async () => {
    const out = await renderLookupLink(data);
    expect(out.subject).toBe('Pautan semakan aduan / Complaint lookup link — Helpdesk iSPEKS');
    expect(out.html).toContain('href="https://helpdesk.example.test/semak/pautan?token=abc123"');
    expect(out.text).toContain(data.linkUrl);
    for (const part of [out.html, out.text]) {
      expect(part).toContain('15 minit');
      expect(part).toMatch(/sekali/);
      expect(part).toMatch(/abaikan e-mel ini/);
      expect(part).toMatch(/did not request this, ignore this email/);
      expect(part).toMatch(/2 complaints/);
      expect(part).not.toMatch(/PKN\d/);
    }
    expectFooter(out);
  });

  it('drops a non-http link', async () => {
    const out = await renderLookupLink({ ...data, linkUrl: 'javascript:alert(1)' });
    expect(out.html).not.toContain('javascript:');
  });
});
