import { describe, it, expect } from 'vitest';
import { maskEmail, maskMyKad, maskPhone } from '../../lib/identity/mask';

describe('maskMyKad', () => {
  it('shows only the last 4 digits', () => {
    expect(maskMyKad('880101035123')).toBe('******-**-5123');
    expect(maskMyKad('880101-03-5123')).toBe('******-**-5123');
  });
  it('reveals nothing for malformed input', () => {
    expect(maskMyKad('12')).toBe('******-**-****');
  });
});

describe('maskPhone', () => {
  it('masks 10-digit numbers as 012-***-**67', () => {
    expect(maskPhone('0123456767')).toBe('012-***-**67');
  });
  it('masks 011 numbers with one more hidden digit', () => {
    expect(maskPhone('01123456767')).toBe('011-****-**67');
  });
  it('hides exactly the digits it does not show', () => {
    for (const phone of ['0123456789', '01123456789']) {
      const stars = maskPhone(phone).split('').filter((c) => c === '*').length;
      expect(stars).toBe(phone.length - 5);
    }
  });
  it('reveals nothing for invalid input', () => {
    expect(maskPhone('hello')).toBe('***');
  });
});

describe('maskEmail', () => {
  it('keeps the first 2 chars of the local part and the domain', () => {
    expect(maskEmail('norazlina@gmail.com')).toBe('no***@gmail.com');
  });
  it('keeps only 1 char when the local part is 2 chars or fewer', () => {
    expect(maskEmail('ab@kelantan.gov.my')).toBe('a***@kelantan.gov.my');
    expect(maskEmail('a@kelantan.gov.my')).toBe('a***@kelantan.gov.my');
  });
  it('keeps 2 chars for a 3-char local part', () => {
    expect(maskEmail('abc@x.my')).toBe('ab***@x.my');
  });
  it('reveals nothing without a local part', () => {
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('@gmail.com')).toBe('***');
  });
});
