import { describe, expect, it } from 'vitest';
import { asciiName, contentDisposition, dayRange, downloadName } from './download.ts';

describe('download names', () => {
  it('names a download by its parts, with the window\'s days', () => {
    expect(downloadName(['omavalvonta', 'Kylmiö 2', dayRange('2026-11-07', '2026-12-07')], 'csv')).toBe('omavalvonta-Kylmiö-2-2026-11-07–2026-12-07.csv');
    expect(downloadName(['tapahtumaloki', dayRange(undefined, undefined)], 'csv')).toBe('tapahtumaloki.csv');
    expect(dayRange('2026-11-07', '2026-11-07')).toBe('2026-11-07');
  });

  it('drops what a file system refuses: slashes, quotes, colons, control characters', () => {
    expect(downloadName(['takaisinveto', 'K-Market "Keskusta" / Mikkeli: 1\n'], 'csv')).toBe('takaisinveto-K-Market-Keskusta-Mikkeli-1.csv');
    expect(downloadName([' ', ''], 'csv')).toBe('kassi.csv');
  });

  it('gives a non-ASCII name as RFC 5987 UTF-8 with an ASCII stand-in, an ASCII one as it is', () => {
    expect(asciiName('omavalvonta-Kylmiö-2-2026-11-07–2026-12-07.csv')).toBe('omavalvonta-Kylmio-2-2026-11-07-2026-12-07.csv');
    expect(contentDisposition('omavalvonta-Kylmiö-2.csv'))
      .toBe("attachment; filename=\"omavalvonta-Kylmio-2.csv\"; filename*=UTF-8''omavalvonta-Kylmi%C3%B6-2.csv");
    expect(contentDisposition('luvut-2026.csv', 'inline')).toBe('inline; filename="luvut-2026.csv"');
  });
});
