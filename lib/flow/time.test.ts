import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, httpDate, isoTime, parseTime } from './time';

describe('time units', () => {
  it('are milliseconds', () => {
    expect([MINUTE, HOUR, DAY]).toEqual([60_000, 3_600_000, 86_400_000]);
  });
});

// GitHub sends ISO 8601 in UTC (https://docs.github.com/en/rest/using-the-rest-api/timezones-and-the-rest-api).
// Jira sends `2021-08-29T18:04:39.112+0000` and other offsets (`+0800`, `-0700`), and epoch
// numbers in its bulk changelog fetch, in seconds in Atlassian's own example (`created: 1492070429`)
// and in milliseconds elsewhere. Jira's reader and the flow core's disagreed on the same input:
// epoch seconds (the flow core took them for milliseconds, in January 1970) and times without a
// zone (Jira's read them in the machine's zone). One reader now serves both.
describe('parseTime, the one reader of GitHub and Jira times', () => {
  it.each([
    ['GitHub, with Z', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00.000Z'],
    ['Jira, +0000', '2021-08-29T18:04:39.112+0000', '2021-08-29T18:04:39.112Z'],
    ['Jira, +0800', '2021-08-29T18:04:39.112+0800', '2021-08-29T10:04:39.112Z'],
    ['Jira, -0700', '2021-08-29T18:04:39-0700', '2021-08-30T01:04:39.000Z'],
    ['an offset with a colon', '2021-08-29T18:04:39.112+05:30', '2021-08-29T12:34:39.112Z'],
    ['a plain date, UTC by ISO 8601 and ECMAScript', '2021-08-29', '2021-08-29T00:00:00.000Z'],
    ['epoch milliseconds', 1492070429000, '2017-04-13T08:00:29.000Z'],
    ['epoch seconds (Jira’s bulk changelog example)', 1492070429, '2017-04-13T08:00:29.000Z'],
  ])('reads %s', (_, value, expected) => {
    expect(new Date(parseTime(value)).toISOString()).toBe(expected);
  });

  it.each([
    ['a time without a zone', '2021-08-29T18:04:39.112'],
    ['a space for the T', '2021-08-29 18:04:39Z'],
    ['an HTTP date', 'Sun, 29 Aug 2021 18:04:39 GMT'],
    ['an offset of hours only', '2021-08-29T18:04:39.112+00'],
    ['an epoch number as text', '1492070429'],
    ['nothing', ''],
  ])('refuses %s rather than guess', (_, value) => {
    expect(parseTime(value)).toBeNaN();
  });
});

describe('isoTime', () => {
  it('is the ISO string of what parseTime reads, and nothing for what it refuses', () => {
    expect(isoTime('2021-08-29T18:04:39.112+0800')).toBe('2021-08-29T10:04:39.112Z');
    expect(isoTime(1492070429)).toBe('2017-04-13T08:00:29.000Z');
    expect(isoTime('2021-08-29T18:04:39.112')).toBeUndefined();
    expect(isoTime(null)).toBeUndefined();
  });
});

// Retry-After as an HTTP date (RFC 9110, section 10.2.3): the three forms of section 5.6.7, all
// GMT. Date.parse alone read the zone-less asctime form in the machine's zone, and "tomorrow 2026"
// as a date.
describe('httpDate', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['asctime', 'Sun Nov  6 08:49:37 1994'],
  ])('reads %s, in GMT', (_, value) => {
    expect(new Date(httpDate(value)).toISOString()).toBe('1994-11-06T08:49:37.000Z');
  });

  it.each([['an ISO time', '1994-11-06T08:49:37Z'], ['words with a year', 'tomorrow 2026'], ['another zone', 'Sun, 06 Nov 1994 08:49:37 PST'], ['nothing', '']])('refuses %s', (_, value) => {
    expect(httpDate(value)).toBeNaN();
  });
});
