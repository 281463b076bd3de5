import type { CalendarDay } from './days';

// The public holidays observed in Kelantan in 2026 and 2027, seeded unconfirmed for an admin to
// check against the official lists (lib/calendar/holidays.ts `seedHolidays`, from lib/db/seed.ts):
// the federal holidays Kelantan keeps and the state's own. Federal holidays Kelantan does not
// keep are left out: New Year's Day, Thaipusam, Federal Territory Day, Awal Ramadan (Johor, Kedah,
// Melaka only). Islamic dates follow the expected calendar and move with the sighting of the
// moon; the source says so ("tertakluk kepada pengisytiharan"), which is why admins confirm.
// Replacement days (cuti ganti) and occasional holidays are announced separately: admins add them.

export type SeedHoliday = { day: CalendarDay; name: string; source: string };

const federal = (year: number) => `Jabatan Perdana Menteri, Senarai Hari Kelepasan Am Persekutuan ${year} (Akta Hari Kelepasan 1951)`;
const federalIslamic = (year: number) => `${federal(year)}; tarikh anggaran, tertakluk kepada pengisytiharan Penyimpan Mohor Besar Raja-Raja`;
const kelantan = (year: number) => `Pejabat Setiausaha Kerajaan Negeri Kelantan, Cuti Umum Negeri Kelantan ${year}`;
const kelantanIslamic = (year: number) => `${kelantan(year)}; tarikh anggaran, tertakluk kepada pengisytiharan Penyimpan Mohor Besar Raja-Raja`;

function year(y: number, rows: [day: string, name: string, source: (y: number) => string][]): SeedHoliday[] {
  return rows.map(([day, name, source]) => ({ day: `${y}-${day}`, name, source: source(y) }));
}

export const holidaySeed: readonly SeedHoliday[] = [
  ...year(2026, [
    ['02-17', 'Tahun Baru Cina', federal],
    ['02-18', 'Tahun Baru Cina (Hari Kedua)', federal],
    ['03-07', 'Nuzul Al-Quran', kelantanIslamic],
    ['03-21', 'Hari Raya Aidilfitri', federalIslamic],
    ['03-22', 'Hari Raya Aidilfitri (Hari Kedua)', federalIslamic],
    ['03-23', 'Hari Raya Aidilfitri (Hari Ketiga)', kelantanIslamic],
    ['05-01', 'Hari Pekerja', federal],
    ['05-26', 'Hari Arafah', kelantanIslamic],
    ['05-27', 'Hari Raya Haji', federalIslamic],
    ['05-28', 'Hari Raya Haji (Hari Kedua)', kelantanIslamic],
    ['05-31', 'Hari Wesak', federal],
    ['06-01', 'Hari Keputeraan Seri Paduka Baginda Yang di-Pertuan Agong', federal],
    ['06-17', 'Awal Muharram', federalIslamic],
    ['08-26', 'Maulidur Rasul', federalIslamic],
    ['08-31', 'Hari Kebangsaan', federal],
    ['09-16', 'Hari Malaysia', federal],
    ['09-29', 'Hari Keputeraan Sultan Kelantan', kelantan],
    ['09-30', 'Hari Keputeraan Sultan Kelantan (Hari Kedua)', kelantan],
    ['11-08', 'Hari Deepavali', federal],
    ['12-25', 'Hari Krismas', federal],
  ]),
  ...year(2027, [
    ['02-06', 'Tahun Baru Cina', federal],
    ['02-07', 'Tahun Baru Cina (Hari Kedua)', federal],
    ['02-24', 'Nuzul Al-Quran', kelantanIslamic],
    ['03-10', 'Hari Raya Aidilfitri', federalIslamic],
    ['03-11', 'Hari Raya Aidilfitri (Hari Kedua)', federalIslamic],
    ['03-12', 'Hari Raya Aidilfitri (Hari Ketiga)', kelantanIslamic],
    ['05-01', 'Hari Pekerja', federal],
    ['05-15', 'Hari Arafah', kelantanIslamic],
    ['05-16', 'Hari Raya Haji', federalIslamic],
    ['05-17', 'Hari Raya Haji (Hari Kedua)', kelantanIslamic],
    ['05-20', 'Hari Wesak', federal],
    ['06-06', 'Awal Muharram', federalIslamic],
    ['06-07', 'Hari Keputeraan Seri Paduka Baginda Yang di-Pertuan Agong', federal],
    ['08-15', 'Maulidur Rasul', federalIslamic],
    ['08-31', 'Hari Kebangsaan', federal],
    ['09-16', 'Hari Malaysia', federal],
    ['09-29', 'Hari Keputeraan Sultan Kelantan', kelantan],
    ['09-30', 'Hari Keputeraan Sultan Kelantan (Hari Kedua)', kelantan],
    ['10-28', 'Hari Deepavali', federal],
    ['12-25', 'Hari Krismas', federal],
  ]),
];
