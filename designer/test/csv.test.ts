import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/charts/csv';

describe('toCsv', () => {
  it('quotes fields with commas, quotes and line breaks and leaves the rest plain', () => {
    expect(toCsv({ columns: ['reason', 'count'], rows: [['price, too high', 3], ['said "no"', 1], ['a\nb', null], ['plain', 0]] }))
      .toBe('reason,count\r\n"price, too high",3\r\n"said ""no""",1\r\n"a\nb",\r\nplain,0\r\n');
  });
});
