import { describe, it, expect } from 'vitest';
import {
  formatMalaysianMobile,
  normaliseMalaysianMobile,
  toE164,
} from '../../lib/identity/phone';

describe('normaliseMalaysianMobile', () => {
  it.each([
    ['012-345 6789', '0123456789'],
    ['0123456789', '0123456789'],
    ['+60123456789', '0123456789'],
    ['60123456789', '0123456789'],
    ['+60 12-345 6789', '0123456789'],
    ['(012) 345-6789', '0123456789'],
    ['011-2345 6789', '01123456789'],
    ['01123456789', '01123456789'],
    ['+6011-23456789', '01123456789'],
    ['6011 2345 6789', '01123456789'],
    ['010-123 4567', '0101234567'],
    ['019-876 5432', '0198765432'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseMalaysianMobile(input)).toBe(expected);
  });

  it.each([
    ['015 prefix', '015-123 4567'],
    ['015 prefix, international', '+60151234567'],
    ['landline', '03-1234 5678'],
    ['landline, Kota Bharu', '09-748 1234'],
    ['011 with only 7 digits', '011-234 5678'],
    ['too short', '012-345 678'],
    ['too long', '012-345 67890'],
    ['non-011 with 8 digits', '012-3456 7890'],
    ['letters', '012-345 678O'],
    ['letters only', 'abc'],
    ['empty', ''],
    ['other country code', '+65 9123 4567'],
    ['plus in the middle', '012+3456789'],
  ])('refuses %s (%j)', (_label, input) => {
    expect(normaliseMalaysianMobile(input)).toBeNull();
  });
});

describe('formatMalaysianMobile', () => {
  it('formats 7-digit subscriber numbers as 012-345 6789', () => {
    expect(formatMalaysianMobile('0123456789')).toBe('012-345 6789');
  });
  it('formats 011 numbers as 011-2345 6789', () => {
    expect(formatMalaysianMobile('01123456789')).toBe('011-2345 6789');
  });
});

describe('toE164', () => {
  it('converts canonical numbers', () => {
    expect(toE164('0123456789')).toBe('+60123456789');
    expect(toE164('01123456789')).toBe('+601123456789');
  });
  it('throws on non-canonical input', () => {
    expect(() => toE164('012-345 6789')).toThrow();
    expect(() => toE164('0312345678')).toThrow();
  });
});
