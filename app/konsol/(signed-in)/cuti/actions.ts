'use server';

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { decodeHolidayCsv } from '@/lib/calendar/holiday-csv';
import {
  addHoliday, confirmHoliday, confirmYear, deleteHoliday, editHoliday, HolidayInputError, importHolidays, previewHolidayImport, type ImportPreview,
} from '@/lib/calendar/holidays';
import { saveWorkingCalendarSettings } from '@/lib/calendar/settings';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { answering, holidayRefusal, holidayText } from './messages';

// Public holidays and the working calendar (admins). Thin: the rules are lib/calendar/holidays.ts
// and settings.ts; refusals are answered beside their fields in the `holidays` words.

const revalidate = { path: '/konsol/cuti' };
const text = z.string().default('');
const id = z.coerce.number().int().positive();
const actor = async (userId: string) => ({ userId, ip: await currentIp() });

export const addHolidayAction = staffAction(
  'settings.manage',
  z.object({ day: text, name: text }),
  async (input, { session, locale }) =>
    answering(locale, async () => {
      await addHoliday(getConsoleDb(), await actor(session.userId), input);
      return { ok: true as const, message: holidayText('added', locale) };
    }),
  { revalidate },
);

export const editHolidayAction = staffAction(
  'settings.manage',
  z.object({ id, day: text, name: text }),
  async ({ id, ...input }, { session, locale }) =>
    answering(locale, async () => {
      await editHoliday(getConsoleDb(), await actor(session.userId), id, input);
      return { ok: true as const, message: holidayText('saved', locale) };
    }),
  { revalidate },
);

export const deleteHolidayAction = staffAction(
  'settings.manage',
  z.object({ id }),
  async ({ id }, { session, locale }) =>
    answering(locale, async () => {
      await deleteHoliday(getConsoleDb(), await actor(session.userId), id);
      return { ok: true as const, message: holidayText('deleted', locale) };
    }),
  { revalidate },
);

export const confirmHolidayAction = staffAction(
  'settings.manage',
  z.object({ id }),
  async ({ id }, { session, locale }) =>
    answering(locale, async () => {
      await confirmHoliday(getConsoleDb(), await actor(session.userId), id);
      return { ok: true as const, message: holidayText('confirmedOne', locale) };
    }),
  { revalidate },
);

export const confirmYearAction = staffAction(
  'settings.manage',
  z.object({ year: z.coerce.number().int().min(1900).max(2999) }),
  async ({ year }, { session, locale }) => {
    const count = await confirmYear(getConsoleDb(), await actor(session.userId), year);
    return { ok: true as const, message: holidayText('confirmedYear', locale, { count }) };
  },
  { revalidate },
);

export type PreviewResult = { ok: true; message?: string; previewId: string; preview: ImportPreview; csv: string; fileName: string };

/** Step 1: reads the uploaded file and answers what importing it would do. Writes nothing. */
export const previewImportAction = staffAction(
  'settings.manage',
  z.object({}),
  async (_input, { form, locale }) =>
    answering(locale, async (): Promise<PreviewResult> => {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) throw new HolidayInputError({ file: 'import_file' });
      const decoded = decodeHolidayCsv(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) throw new HolidayInputError({ file: `csv_${decoded.error}` });
      const preview = await previewHolidayImport(getConsoleDb(), decoded.text);
      return { ok: true, previewId: randomUUID(), preview, csv: decoded.text, fileName: file.name.slice(0, 120) };
    }),
);

export type ImportDone = { ok: true; message: string; previewId: string };

/** Step 2: the file's text comes back from the preview and is parsed and checked again, then imported. */
export const importHolidaysAction = staffAction(
  'settings.manage',
  z.object({ csv: z.string().max(200_000), fileName: z.string().max(200).default(''), previewId: z.string().max(64), skipErrors: z.string().optional() }),
  async (input, { session, locale }) =>
    answering(locale, async (): Promise<ImportDone> => {
      const r = await importHolidays(getConsoleDb(), await actor(session.userId), input.csv, { fileName: input.fileName || 'import.csv', skipErrors: input.skipErrors === 'on' });
      return { ok: true, message: holidayText('imported', locale, r), previewId: input.previewId };
    }),
  { revalidate },
);

export const saveCalendarAction = staffAction(
  'settings.manage',
  z.object({ start: text, end: text }),
  async (input, { session, form, locale }) => {
    // One checkbox per day of the week (weekend0 = Sunday … weekend6 = Saturday).
    const weekend = [0, 1, 2, 3, 4, 5, 6].filter((d) => form.get(`weekend${d}`) === 'on');
    if (weekend.length === 7) return holidayRefusal({ weekend: 'weekend_all' }, locale);
    return answering(locale, async () => {
      await saveWorkingCalendarSettings(getConsoleDb(), await actor(session.userId), { weekend, start: input.start.trim(), end: input.end.trim() });
      return { ok: true as const, message: holidayText('calendarSaved', locale) };
    });
  },
  { revalidate },
);
