import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionText } from '@/lib/console/audit-text';

// Every action the code writes to the audit log reads in words in both languages: a new action
// without its words in the `audit.actions` messages shows its bare code on the audit page.

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

// `action: 'x.y'`, `auditStaffAction(tx, actor, 'x.y', …)`, `auditCategory(tx, actor, 'x.y', …)`
// and the conditional `action: cond ? 'x.y' : 'x.z'`.
const ACTION = /(?:action:\s*(?:[^'\n]*\?\s*)?|audit\w*\(\s*\w+,\s*\w+,\s*)'([a-z_]+\.[a-z_]+)'(?:\s*:\s*'([a-z_]+\.[a-z_]+)')?/g;

const written = [...new Set(['lib', 'app'].flatMap(sources).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(ACTION)].flatMap((m) => [m[1], m[2]]).filter(Boolean)))].sort();

describe('audit log words', () => {
  it('finds the actions the code writes', () => {
    expect(written).toEqual(expect.arrayContaining(['complaint.submitted', 'complaint.closed_automatically', 'holiday.added', 'staff.away_set', 'staff.away_cleared', 'category.targets_updated', 'settings.working_calendar_updated']));
    expect(written.length).toBeGreaterThan(40);
  });

  it.each(['ms', 'en'] as const)('every written action has words in %s', (locale) => {
    expect(written.filter((a) => auditActionText(a, locale) === a)).toEqual([]);
  });
});
