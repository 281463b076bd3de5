import { describe, it, expect } from 'vitest';
import {
  formatMyKad,
  myKadErrorMessage,
  normaliseMyKad,
  validateMyKad,
  type MyKadError,
} from '../../lib/identity/mykad';
import * as mykad from '../../lib/identity/mykad';

// Builds a number with a valid date (880101) and the given place code.
const withPlace = (pb: string) => `880101${pb}5123`;

describe('normaliseMyKad', () => {
  it('strips dashes and whitespace', () => {
    expect(normaliseMyKad(' 880101-03-5123 ')).toBe('880101035123');
    expect(normaliseMyKad('880101 03\t5123')).toBe('880101035123');
  });
});

describe('validateMyKad', () => {
  it.each(['880101-03-5123', '880101035123', '880101 03 5123', ' 880101 - 03 - 5123 '])(
    'accepts %j',
    (input) => {
      expect(validateMyKad(input)).toEqual({ ok: true, value: '880101035123' });
    },
  );

  it('requires a value', () => {
    expect(validateMyKad('')).toEqual({ ok: false, error: 'required' });
    expect(validateMyKad('  - ')).toEqual({ ok: false, error: 'required' });
  });

  it.each(['88010103512', '8801010351234', '88010103512A', 'abcdefghijkl', '880101/03/5123'])(
    'refuses bad format %j',
    (input) => {
      expect(validateMyKad(input)).toEqual({ ok: false, error: 'format' });
    },
  );

  it('accepts 29 Feb 2000 (000229) and 31 Dec (991231)', () => {
    expect(validateMyKad('000229035123').ok).toBe(true);
    expect(validateMyKad('991231035123').ok).toBe(true);
  });

  it('accepts 29 Feb in a leap year of either century', () => {
    expect(validateMyKad('880229035123').ok).toBe(true);
    expect(validateMyKad('040229035123').ok).toBe(true);
  });

  it.each(['010229', '001301', '880132', '880001', '880100', '880431', '990229'])(
    'refuses invalid date %s',
    (date) => {
      expect(validateMyKad(`${date}035123`)).toEqual({ ok: false, error: 'date' });
    },
  );

  it.each(['00', '17', '20', '69', '70', '73', '80', '81', '94', '97'])(
    'refuses place code %s',
    (pb) => {
      expect(validateMyKad(withPlace(pb))).toEqual({ ok: false, error: 'place' });
    },
  );

  it.each(['01', '16', '21', '59', '60', '68', '71', '72', '74', '79', '82', '93', '98', '99'])(
    'accepts place code %s',
    (pb) => {
      expect(validateMyKad(withPlace(pb))).toEqual({ ok: true, value: withPlace(pb) });
    },
  );

  it('checks the date before the place code', () => {
    expect(validateMyKad('880132005123')).toEqual({ ok: false, error: 'date' });
  });
});

describe('formatMyKad', () => {
  it('formats as YYMMDD-PB-###G', () => {
    expect(formatMyKad('880101035123')).toBe('880101-03-5123');
    expect(formatMyKad('880101 03 5123')).toBe('880101-03-5123');
  });
});

describe('myKadErrorMessage', () => {
  it.each<[MyKadError, string]>([
    ['required', 'Perlu diisi'],
    ['format', 'No Kad Pengenalan mesti 12 digit (contoh: 880101-03-5123).'],
    ['date', 'Tarikh lahir dalam No Kad Pengenalan tidak sah.'],
    ['place', 'Kod tempat lahir dalam No Kad Pengenalan tidak sah.'],
  ])('%s → Malay message', (error, message) => {
    expect(myKadErrorMessage(error)).toBe(message);
  });
});

describe('data minimisation', () => {
  it('exposes no sex or birth-date helpers', () => {
    expect(Object.keys(mykad).sort()).toEqual(
      ['formatMyKad', 'myKadErrorMessage', 'normaliseMyKad', 'validateMyKad'].sort(),
    );
  });
});
