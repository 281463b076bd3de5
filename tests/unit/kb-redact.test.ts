import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, redact, redactFields } from '@/lib/kb/redact';

// Acceptance (issue #12): a resolved complaint whose text holds a name, an IC number, a phone
// number, an email and another complaint's number becomes an article containing none of them.
// Each case is a complaint as filed (title, description) and the officer's reply, with the names
// the service knows (the complainant's, the officer's) and the values that must go; `keep` lists
// what must stay (amounts, years, dates, voucher and account codes).

type Case = {
  complainant: string;
  officer: string;
  title: string;
  description: string;
  reply: string;
  secrets: string[];
  keep: string[];
};

const corpus: Case[] = [
  {
    complainant: 'Ahmad Faizal bin Ismail',
    officer: 'Nurul Huda binti Razak',
    title: 'Baucar PV 2026/000123 tidak dapat dilulus',
    description: 'Saya Ahmad Faizal bin Ismail (850101-03-5123) tidak dapat meluluskan baucar PV 2026/000123 bernilai RM 1,250.00. Sila hubungi 012-3456789 atau ahmad.faizal@kelantan.gov.my. Rujuk juga aduan PKN260105093012045.',
    reply: 'Tuan Ahmad, kod akaun B0103 telah dibuka semula pada 15-03-2026. Sila cuba lagi. — Nurul Huda',
    secrets: ['Ahmad', 'Faizal', 'Ismail', '850101-03-5123', '012-3456789', 'ahmad.faizal@kelantan.gov.my', 'PKN260105093012045', 'Nurul Huda', 'Razak'],
    keep: ['PV 2026/000123', 'RM 1,250.00', 'B0103', '15-03-2026'],
  },
  {
    complainant: 'Siti Aminah binti Omar',
    officer: 'Mohd Rizal bin Hassan',
    title: 'Ralat semasa cetak penyata gaji',
    description: 'Assalamualaikum. Nama saya SITI AMINAH BINTI OMAR, no. KP 900215 03 5566, tel +6019-876 5432, emel sitiaminah90@gmail.com. Aduan lama saya pkn251230101112001 belum selesai.',
    reply: 'Puan Siti Aminah, penyata bagi bulan Februari 2026 boleh dicetak semula melalui menu Laporan > Gaji. Terima kasih. Mohd Rizal',
    secrets: ['Siti', 'Aminah', 'Omar', '900215 03 5566', '+6019-876 5432', 'sitiaminah90@gmail.com', 'pkn251230101112001', 'Rizal', 'Hassan'],
    keep: ['Februari 2026', 'Laporan > Gaji'],
  },
  {
    complainant: 'Lim Wei Jie',
    officer: 'Faridah Hanim',
    title: 'Cannot login to iSPEKS after password reset',
    description: 'Hi, I am Lim Wei Jie (IC 880808-14-5011). After the reset on 02-02-2026 I get error E401. Call me at 03-8888 1234 or email wj.lim@treasury.gov.my. Same as complaint PKN 260201080000123.',
    reply: 'Mr. Lim, your account was unlocked. Please clear the browser cache and sign in again. Regards, Faridah Hanim',
    secrets: ['Lim Wei Jie', 'Wei Jie', '880808-14-5011', '03-8888 1234', 'wj.lim@treasury.gov.my', 'PKN 260201080000123', 'Faridah', 'Hanim'],
    keep: ['02-02-2026', 'E401'],
  },
  {
    complainant: 'Muthusamy a/l Raman',
    officer: 'Azlan Shah',
    title: 'Kod vot 21000 tiada dalam senarai',
    description: 'Saya Muthusamy a/l Raman, KP 7503120-8-5123? maaf, 750312-08-5123. Telefon 0197654321. Emel: muthu.raman@yahoo.com. Berkaitan PKN260110120000777.',
    reply: 'Encik Muthusamy, kod vot 21000 telah ditambah untuk PTJ 1001 bagi tahun 2026. Sila semak semula.',
    secrets: ['Muthusamy', 'Raman', '750312-08-5123', '0197654321', 'muthu.raman@yahoo.com', 'PKN260110120000777'],
    keep: ['kod vot 21000', 'PTJ 1001', 'tahun 2026'],
  },
  {
    complainant: 'Nor Azizah binti Che Mat',
    officer: 'Khairul Anuar',
    title: 'Bayaran balik tuntutan perjalanan lewat',
    description: 'Tuntutan saya bernilai RM 345.60 (no. tuntutan TP-2026-00451) belum dibayar. Hubungi saya di 09-748 1234 atau 013 234 5678. azizah.chemat@moe.gov.my. No KP 820505035432. Rujukan lama: PKN250915083000456.',
    reply: 'Puan Nor Azizah, tuntutan TP-2026-00451 telah diproses pada 20-01-2026. — Khairul Anuar, Unit Akaun',
    secrets: ['Azizah', 'Che Mat', '09-748 1234', '013 234 5678', 'azizah.chemat@moe.gov.my', '820505035432', 'PKN250915083000456', 'Khairul', 'Anuar'],
    keep: ['RM 345.60', 'TP-2026-00451', '20-01-2026', 'Unit Akaun'],
  },
  {
    complainant: 'Wong Mei Ling',
    officer: 'Roslan bin Yusof',
    title: 'Skrin putih selepas klik Hantar',
    description: 'Dear team, Wong Mei Ling here (NRIC 920101 14 6788). The page goes blank after Hantar for invoice INV-88812. Mobile +60 12-555 0199, mail meiling.wong@outlook.com. Also reported as PKN-260220143015009.',
    reply: 'Cik Wong, sila gunakan pelayar Chrome versi terkini. Isu telah dibaiki dalam versi 4.2.1. Roslan',
    secrets: ['Wong', 'Mei Ling', '920101 14 6788', '+60 12-555 0199', 'meiling.wong@outlook.com', 'PKN-260220143015009', 'Roslan', 'Yusof'],
    keep: ['INV-88812', '4.2.1', 'Chrome'],
  },
  {
    complainant: 'Haji Abdul Rahman bin Haji Daud',
    officer: 'Zulkifli Abdullah',
    title: 'Pengesahan penerimaan tidak dijana',
    description: 'Saya Haji Abdul Rahman bin Haji Daud, IC: 650707-03-5001, tel. (03) 2691 0000, email rahman.daud@jkr.gov.my. Aduan sebelum ini PKN260301090909090 juga tidak dijawab. Nilai: RM12,000.',
    reply: 'Tuan Haji Abdul Rahman, dokumen pengesahan telah dijana semula. Zulkifli Abdullah',
    secrets: ['Abdul Rahman', 'Daud', '650707-03-5001', '(03) 2691 0000', 'rahman.daud@jkr.gov.my', 'PKN260301090909090', 'Zulkifli', 'Abdullah'],
    keep: ['RM12,000'],
  },
  {
    complainant: 'Kavitha a/p Subramaniam',
    officer: 'Aida Suraya',
    title: 'Invois pembekal ditolak sistem',
    description: 'Invois 2026-INV-3345 bernilai RM 8,450.75 ditolak. Saya Kavitha a/p Subramaniam, 870303-10-5678, 016-2233445, kavitha.s@mof.gov.my. Aduan rakan saya PKN260115101010101.',
    reply: 'Puan Kavitha, nombor pendaftaran pembekal perlu dikemas kini dahulu. Sekian, Aida Suraya.',
    secrets: ['Kavitha', 'Subramaniam', '870303-10-5678', '016-2233445', 'kavitha.s@mof.gov.my', 'PKN260115101010101', 'Aida', 'Suraya'],
    keep: ['2026-INV-3345', 'RM 8,450.75'],
  },
  {
    complainant: 'Mohd Hafiz bin Abdullah',
    officer: 'Salmah Ismail',
    title: 'Tidak boleh tambah penerima baharu',
    description: 'mohd hafiz bin abdullah di sini. IC 9104 1203 5577? sebenarnya 910412-03-5577. WhatsApp 011-1234 5678. hafiz_abdullah@kelantan.gov.my. PKN260102070707070.',
    reply: 'En. Hafiz, sila pastikan kod bank 12 aksara. Salmah Ismail',
    secrets: ['hafiz', 'abdullah', '910412-03-5577', '011-1234 5678', 'hafiz_abdullah@kelantan.gov.my', 'PKN260102070707070', 'Salmah'],
    keep: ['kod bank 12 aksara'],
  },
  {
    complainant: 'Tan Ah Kow',
    officer: 'Norhayati binti Ali',
    title: 'Report aging shows wrong totals',
    description: 'The aging report for Q1 2026 shows RM 0.00 for PTJ 2201. I am Tan Ah Kow, IC 780405-07-5121, phone 04-226 5566, email ahkow.tan@penang.gov.my. Ref: PKN260330111111111.',
    reply: 'Dear Mr Tan, the report was regenerated. Please refresh. Norhayati',
    secrets: ['Tan Ah Kow', 'Ah Kow', '780405-07-5121', '04-226 5566', 'ahkow.tan@penang.gov.my', 'PKN260330111111111', 'Norhayati'],
    keep: ['Q1 2026', 'RM 0.00', 'PTJ 2201'],
  },
  {
    complainant: 'Nurul Izzah binti Mohd Noor',
    officer: 'Ismail Sabri',
    title: 'Kelulusan bertindih',
    description: 'Assalamualaikum, saya Nurul Izzah. No KP: 950620035566. No tel: 6012 777 8899. Emel: izzah.noor@gmail.com. Rujukan aduan pkn 260401101500300. Baucar B-2026-0042.',
    reply: 'Waalaikumussalam Cik Nurul Izzah, kelulusan telah diselaraskan. Ismail Sabri',
    secrets: ['Izzah', 'Noor', '950620035566', '6012 777 8899', 'izzah.noor@gmail.com', 'pkn 260401101500300', 'Sabri'],
    keep: ['B-2026-0042'],
  },
  {
    complainant: 'Dato\' Dr. Kamarul Zaman',
    officer: 'Hasnah binti Yaakob',
    title: 'Akses modul perolehan',
    description: 'Pegawai saya tidak boleh akses modul. Hubungi PA saya, Puan Rohana Kassim di 03-8000 8000 atau rohana.k@kkm.gov.my. IC saya 600101-01-5009. Sila rujuk PKN260410081500200.',
    reply: 'Dato\' Dr. Kamarul, akses telah diberi kepada pegawai berkenaan. Hasnah',
    secrets: ['Kamarul', 'Zaman', 'Rohana', 'Kassim', '03-8000 8000', 'rohana.k@kkm.gov.my', '600101-01-5009', 'PKN260410081500200', 'Hasnah', 'Yaakob'],
    keep: ['modul perolehan'],
  },
  {
    complainant: 'Rajesh Kumar',
    officer: 'Fatimah Zahra',
    title: 'Duplicate payment voucher',
    description: 'Voucher PV2026000881 was paid twice (RM 2,300.00). Contact Rajesh Kumar, 800909-14-6123, +6017 321 4567, rajesh.kumar@mida.gov.my. Earlier complaint: PKN260115000000001.',
    reply: 'Mr. Rajesh, the second payment has been reversed on 10-04-2026. Fatimah Zahra',
    secrets: ['Rajesh', 'Kumar', '800909-14-6123', '+6017 321 4567', 'rajesh.kumar@mida.gov.my', 'PKN260115000000001', 'Fatimah', 'Zahra'],
    keep: ['PV2026000881', 'RM 2,300.00', '10-04-2026'],
  },
  {
    complainant: 'Zainab binti Hussin',
    officer: 'Amir Hamzah',
    title: 'Cetakan EFT gagal',
    description: 'EFT bagi kelompok 2026-03 gagal. Saya Zainab Hussin (KP 830318 03 5432), tel 09-7441234 dan emel zainab.hussin@kelantan.gov.my. Lihat juga PKN260318090000050.',
    reply: 'Puan Zainab, sila jana semula fail EFT selepas jam 5 petang. Amir Hamzah, Bahagian Teknologi Maklumat',
    secrets: ['Zainab', 'Hussin', '830318 03 5432', '09-7441234', 'zainab.hussin@kelantan.gov.my', 'PKN260318090000050', 'Amir', 'Hamzah'],
    keep: ['2026-03', 'jam 5 petang', 'Bahagian Teknologi Maklumat'],
  },
  {
    complainant: 'Chong Kar Mun',
    officer: 'Rosnah Abu Bakar',
    title: 'Penyata bank tidak sepadan',
    description: 'Penyata bank bulan Mac tidak sepadan dengan lejar, beza RM 15.20. Chong Kar Mun, 910101-12-5234, 019-9988776, karmun.chong@sabah.gov.my, PKN260402103030303.',
    reply: 'Cik Chong, pelarasan telah dibuat pada lejar 2026. Rosnah Abu Bakar',
    secrets: ['Chong', 'Kar Mun', '910101-12-5234', '019-9988776', 'karmun.chong@sabah.gov.my', 'PKN260402103030303', 'Rosnah', 'Abu Bakar'],
    keep: ['RM 15.20', 'lejar 2026'],
  },
  {
    complainant: 'Mohamad Syafiq bin Zulkifli',
    officer: 'Liyana Ahmad',
    title: 'Sesi tamat terlalu cepat',
    description: 'Sesi tamat selepas 5 minit. Mohamad Syafiq (kp 970808-03-5791), telefon: +60 11 2345 6789, syafiq.z@gmail.com. Rujuk PKN 260405080101010.',
    reply: 'Sdr. Syafiq, tempoh sesi telah dilaraskan kepada 30 minit. Liyana Ahmad',
    secrets: ['Syafiq', 'Zulkifli', '970808-03-5791', '+60 11 2345 6789', 'syafiq.z@gmail.com', 'PKN 260405080101010', 'Liyana'],
    keep: ['5 minit', '30 minit'],
  },
  {
    complainant: 'Aishah binti Mokhtar',
    officer: 'Ramli Sulaiman',
    title: 'Borang tuntutan hilang lampiran',
    description: 'Lampiran borang TK-01 hilang selepas disimpan. Aishah Mokhtar, IC 880212-03-5100, 014-567 8901, aishah.mokhtar@yahoo.com.my. Sama seperti PKN260120091500123.',
    reply: 'Puan Aishah, saiz maksimum lampiran ialah 5 MB. Ramli Sulaiman',
    secrets: ['Aishah', 'Mokhtar', '880212-03-5100', '014-567 8901', 'aishah.mokhtar@yahoo.com.my', 'PKN260120091500123', 'Ramli', 'Sulaiman'],
    keep: ['TK-01', '5 MB'],
  },
  {
    complainant: 'Ganesan a/l Muniandy',
    officer: 'Norazlina Hamid',
    title: 'Kod PTJ salah dalam laporan',
    description: 'Laporan menunjukkan PTJ 1201 bukannya 1210. Ganesan a/l Muniandy, 790101-08-6001, 05-254 1234, ganesan.m@perak.gov.my, PKN260203101010999.',
    reply: 'Encik Ganesan, pemetaan PTJ 1210 telah dibetulkan. Norazlina Hamid',
    secrets: ['Ganesan', 'Muniandy', '790101-08-6001', '05-254 1234', 'ganesan.m@perak.gov.my', 'PKN260203101010999', 'Norazlina', 'Hamid'],
    keep: ['PTJ 1201', '1210'],
  },
  {
    complainant: 'Farah Nadia binti Rosli',
    officer: 'Badrul Hisham',
    title: 'Emel pemberitahuan tidak diterima',
    description: 'Saya tidak terima emel. Farah Nadia Rosli, 930909 03 5888, 012 345 6789, farahnadia.rosli@kelantan.gov.my. Aduan PKN260222151515151 sama.',
    reply: 'Cik Farah Nadia, alamat emel anda telah dikemas kini. Badrul Hisham',
    secrets: ['Farah', 'Nadia', 'Rosli', '930909 03 5888', '012 345 6789', 'farahnadia.rosli@kelantan.gov.my', 'PKN260222151515151', 'Badrul', 'Hisham'],
    keep: [],
  },
  {
    complainant: 'Yusof bin Ibrahim',
    officer: 'Suhaimi Osman',
    title: 'Anggaran belanja tidak boleh disimpan',
    description: 'Anggaran RM 1,000,000.00 untuk 2027 tidak boleh disimpan. Hubungi Yusof Ibrahim di 017-3334445 / 03-2222 3333, e-mel yusof.ibrahim@mof.gov.my. No KP 661231-03-5123. PKN260301000000321.',
    reply: 'Tuan Yusof, had anggaran telah dinaikkan. Suhaimi Osman',
    secrets: ['Yusof', 'Ibrahim', '017-3334445', '03-2222 3333', 'yusof.ibrahim@mof.gov.my', '661231-03-5123', 'PKN260301000000321', 'Suhaimi', 'Osman'],
    keep: ['RM 1,000,000.00', '2027'],
  },
  {
    complainant: 'Nik Nur Amalina binti Nik Hassan',
    officer: 'Wan Azmi',
    title: 'Bayaran gaji tertunggak',
    description: 'Gaji Januari 2026 tertunggak RM 3,210.45. Nik Nur Amalina binti Nik Hassan, KP 990505-03-6222, H/P 0139876543, amalina.nik@gmail.com, aduan terdahulu PKN260131235959999.',
    reply: 'Cik Nik Nur Amalina, bayaran telah dikreditkan pada 05-02-2026. Wan Azmi',
    secrets: ['Amalina', 'Nik Hassan', '990505-03-6222', '0139876543', 'amalina.nik@gmail.com', 'PKN260131235959999', 'Azmi'],
    keep: ['Januari 2026', 'RM 3,210.45', '05-02-2026'],
  },
  {
    complainant: 'Sarah Lee',
    officer: 'Hamidah Jusoh',
    title: 'Two-factor code rejected',
    description: 'My TOTP code is always rejected. Sarah Lee, IC 010203-14-0456, +6016-778 9900, sarah.lee@jpa.gov.my. Colleague raised PKN260412090000456.',
    reply: 'Ms. Sarah Lee, please sync the phone clock. Hamidah Jusoh',
    secrets: ['Sarah', 'Lee', '010203-14-0456', '+6016-778 9900', 'sarah.lee@jpa.gov.my', 'PKN260412090000456', 'Hamidah', 'Jusoh'],
    keep: ['TOTP'],
  },
];

function survives(text: string, secret: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(secret.toLowerCase())) return true;
  // A number must not survive in another spacing either.
  const digits = secret.replace(/\D/g, '');
  if (digits.length >= 7 && text.replace(/[\s-]/g, '').includes(digits.replace(/^60/, '0').slice(1))) return true;
  return false;
}

describe('kb redaction corpus', () => {
  it('holds at least 20 complaints', () => expect(corpus.length).toBeGreaterThanOrEqual(20));

  it.each(corpus.map((c, i) => [i, c] as const))('case %i: no personal data survives, ordinary words do', (_i, c) => {
    const r = redactFields({ title: c.title, problem: c.description, solution: c.reply }, { names: [c.complainant, c.officer] });
    const all = Object.values(r.fields).join('\n');
    for (const s of c.secrets) expect(survives(all, s), `${s} survived in:\n${all}`).toBe(false);
    for (const k of c.keep) expect(all, `${k} was removed from:\n${all}`).toContain(k);
    const kinds = r.removed.map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['name', 'ic', 'phone', 'email', 'complaint_number']));
    // Redacting again removes nothing more.
    expect(redactFields(r.fields, { names: [c.complainant, c.officer] }).removed).toEqual([]);
  });
});

describe('redact', () => {
  it('replaces with readable placeholders and counts each kind', () => {
    const r = redact('Encik Ahmad bin Ali (850101-03-5123) di 012-3456789, ahmad@x.my, PKN260105093012045.');
    expect(r.text).toBe(`Encik ${PLACEHOLDER.name} (${PLACEHOLDER.ic}) di ${PLACEHOLDER.phone}, ${PLACEHOLDER.email}, ${PLACEHOLDER.complaint_number}.`);
    expect(r.removed).toEqual([
      { kind: 'name', count: 1 },
      { kind: 'ic', count: 1 },
      { kind: 'phone', count: 1 },
      { kind: 'email', count: 1 },
      { kind: 'complaint_number', count: 1 },
    ]);
    expect(r.found.map((f) => f.value)).toEqual(['ahmad@x.my', 'PKN260105093012045', '850101-03-5123', '012-3456789', 'Ahmad bin Ali']);
  });

  it('finds a known name in any case and spacing, and its parts where capitalised', () => {
    const r = redact('AHMAD   BIN ALI menelefon. Ahmad kata sistem lambat; Ali setuju. Kali ini ok.', { names: ['Ahmad bin Ali'] });
    expect(r.text).toBe('[NAMA] menelefon. [NAMA] kata sistem lambat; [NAMA] setuju. Kali ini ok.');
  });

  it('leaves amounts, years, dates, times and codes alone', () => {
    const text = 'Bayaran RM 1,250.00 pada 15-03-2026 jam 08.30 untuk baucar PV 2026/000123, kod akaun 21010101, B0103-21, invois 123456789012 tahun 2026.';
    expect(redact(text).text).toBe(text);
  });

  it('keeps honorifics that are written in a known name', () => {
    expect(redact("Dato' Dr. Kamarul telah dimaklumkan. Dr. Aminah juga. Tuan Haji Daud setuju.", { names: ["Dato' Dr. Kamarul Zaman", 'Haji Daud bin Haji Ali'] }).text).toBe(
      "Dato' Dr. [NAMA] telah dimaklumkan. Dr. [NAMA] juga. Tuan Haji [NAMA] setuju.",
    );
  });

  it('keeps a sentence-starting word and the honorific', () => {
    expect(redact('Saya Nor Aisyah binti Kamal.').text).toBe('Saya [NAMA].');
    expect(redact('Terima kasih Puan Rohana.').text).toBe('Terima kasih Puan [NAMA].');
  });
});
