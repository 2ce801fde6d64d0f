import { describe, expect, it } from 'vitest';
import { findDates, isDateLine, parseDate } from '../../ingest/dates.js';

describe('parseDate', () => {
  it.each([
    ['05 février 2018', '2018-02-05'],
    ['10 déc. 2022', '2022-12-10'],
    ['23 mai 2016 - Lors d’un événement parallèle', '2016-05-23'],
    ['1er mars 2020', '2020-03-01'],
    ['le 3 août 2021 à 10h30', '2021-08-03'],
    ['Publié le lundi 5 février 2018', '2018-02-05'],
    ['5 fevrier 2018', '2018-02-05'],
    ['31 DÉCEMBRE 1999', '1999-12-31'],
    ['29 février 2020', '2020-02-29'],
    ['05/02/2018', '2018-02-05'],
    ['5.2.2018', '2018-02-05'],
    ['02/25/2018', '2018-02-25'], // impossible day-first: month-first
    ['2018-02-05', '2018-02-05'],
    ['2019-03-14T09:30:00+01:00', '2019-03-14'],
    ['2018/02/05', '2018-02-05'],
    ['February 5, 2018', '2018-02-05'],
    ['Feb. 5 2018', '2018-02-05'],
    ['5th February 2018', '2018-02-05'],
    ['Updated on 3 January 2019', '2019-01-03'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    'en 2018',
    'En décembre 2018, INTERPOL est devenu membre',
    '31 février 2018',
    '32 mars 2020',
    'Marseille, 12 2018',
    '4,5 milliards en 2017',
    'la 25ème session',
    '10h30',
    '',
  ])('no date in %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('year-less dates need a reference year', () => {
    expect(parseDate('le 3 janvier')).toBeNull();
    expect(parseDate('le 3 janvier', { referenceYear: 2021 })).toBe('2021-01-03');
    expect(findDates('les 8 et 9 décembre')[0]).toMatchObject({ day: 9, month: 12, year: null, iso: null });
  });

  it('numeric dates can be read month first when configured', () => {
    expect(parseDate('05/02/2018', { numericOrder: 'mdy' })).toBe('2018-05-02');
  });

  it('finds dates in order with their offsets', () => {
    const text = 'Réunion du 8 mars 2019, compte rendu publié le 2019-03-10.';
    expect(findDates(text).map((d) => [d.iso, text.slice(d.index, d.index + d.length)])).toEqual([
      ['2019-03-08', '8 mars 2019'],
      ['2019-03-10', '2019-03-10'],
    ]);
  });

  it('recognises lines that are only a date', () => {
    expect(isDateLine('05 février 2018')).toBe(true);
    expect(isDateLine('Publié le 5 février 2018 à 10h30')).toBe(true);
    expect(isDateLine('23 mai 2016 - Lors d’un événement')).toBe(false);
    expect(isDateLine('Antiterrorisme')).toBe(false);
  });
});
