import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redactPaths } from '../../lib/log';

// The app's logger censors personal data by path (lib/log.ts). Build a logger with the same
// paths writing into memory and check that no raw value survives, at the top level or one
// level down (e.g. `{ complaint: { ic } }`).

function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: redactPaths, censor: '[redacted]' } }, stream);
  return { logger, lines, text: () => lines.join('') };
}

const person = {
  ic: '880101035123',
  icNumber: '880101-03-5123',
  phone: '0123456789',
  email: 'siti@example.gov.my',
  name: 'Siti Nurhaliza Binti Tarudin',
  to: 'penerima@example.gov.my',
  password: 'rahsia-sangat-1',
};
const rawValues = Object.values(person);

describe('log redaction', () => {
  it('censors personal fields at the top level', () => {
    const { logger, lines, text } = memoryLogger();
    logger.info({ ...person, number: 'PKN210117075918055' }, 'complaint submitted');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    for (const key of Object.keys(person)) expect(entry[key]).toBe('[redacted]');
    // What is not personal stays readable.
    expect(entry.number).toBe('PKN210117075918055');
    expect(entry.msg).toBe('complaint submitted');
    for (const raw of rawValues) expect(text()).not.toContain(raw);
  });

  it('censors personal fields nested one level down', () => {
    const { logger, lines, text } = memoryLogger();
    logger.info({ complaint: { ...person, number: 'PKN210117075918055' }, mail: { to: person.to, subject: 'Aduan' } });
    const entry = JSON.parse(lines[0]);
    for (const key of Object.keys(person)) expect(entry.complaint[key]).toBe('[redacted]');
    expect(entry.complaint.number).toBe('PKN210117075918055');
    expect(entry.mail.to).toBe('[redacted]');
    expect(entry.mail.subject).toBe('Aduan');
    expect(text()).toContain('[redacted]');
    for (const raw of rawValues) expect(text()).not.toContain(raw);
  });

  it('censors arrays of recipients and request credentials', () => {
    const { logger, lines, text } = memoryLogger();
    logger.warn({
      to: ['a@example.gov.my', 'b@example.gov.my'],
      job: { to: ['c@example.gov.my'] },
      req: { headers: { cookie: 'session=abc123secret', authorization: 'Bearer tok-xyz-789', host: 'localhost' } },
    });
    const entry = JSON.parse(lines[0]);
    expect(entry.to).toBe('[redacted]');
    expect(entry.job.to).toBe('[redacted]');
    expect(entry.req.headers.cookie).toBe('[redacted]');
    expect(entry.req.headers.authorization).toBe('[redacted]');
    expect(entry.req.headers.host).toBe('localhost');
    for (const raw of ['a@example.gov.my', 'b@example.gov.my', 'c@example.gov.my', 'abc123secret', 'tok-xyz-789']) {
      expect(text()).not.toContain(raw);
    }
  });

  it('lists every personal field at the top level and one level down', () => {
    for (const key of ['ic', 'icNumber', 'phone', 'email', 'name', 'to', 'password']) {
      expect(redactPaths).toContain(key);
      expect(redactPaths).toContain(`*.${key}`);
    }
  });
});
