import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../src/lib/download.ts';

describe('the name a download is saved as', () => {
  it('takes the UTF-8 name before the ASCII stand-in', () => {
    expect(fileNameOf("attachment; filename=\"omavalvonta-Kylmio-2-2026-11-07-2026-12-07.csv\"; filename*=UTF-8''omavalvonta-Kylmi%C3%B6-2-2026-11-07%E2%80%932026-12-07.csv"))
      .toBe('omavalvonta-Kylmiö-2-2026-11-07–2026-12-07.csv');
  });

  it('takes the plain name when there is no other, and nothing from an answer without one', () => {
    expect(fileNameOf('attachment; filename="luvut-2026-11.csv"')).toBe('luvut-2026-11.csv');
    expect(fileNameOf('attachment; filename=luvut.csv')).toBe('luvut.csv');
    expect(fileNameOf("attachment; filename=\"a.csv\"; filename*=UTF-8''%E0%A4%A")).toBe('a.csv');
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameOf('attachment')).toBeNull();
  });
});
