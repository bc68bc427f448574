import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * One term for one thing: the words every screen, printable page, CSV and message takes from the
 * catalogues (the server's and the app's) and the few pages that print their own words. A variant
 * that was replaced must not come back.
 */
const FORBIDDEN: [RegExp, string][] = [
  [/varikko/i, "the depot is 'varasto'"],
  [/lämpöpoikkeama/i, "an excursion is 'Lämpötilapoikkeama'"],
  [/massatase/i, "the kilo reconciliation is 'Kilojen täsmäytys'"],
  [/lämpötila_c\b/, "the CSV column is 'lämpötila (°C)'"],
  [/kylmäsäilytystila/i, "a storage unit (also a dry store) is 'säilytystila'"],
  [/hylätt?y\w* (erä|rivi|lähetys|toimitus)/i, "a refused delivery is one the intake 'kieltäytyi vastaanotosta'"],
  [/\(kylmä\)\s*\(kylmäauto\)/i, 'a refrigerated vehicle is said to be so once'],
];

const dir = (d: string) => readdirSync(new URL(d, import.meta.url)).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts')).map((f) => `${d}${f}`);
const SOURCES = [...dir('./'), ...dir('../../web/src/i18n/'), '../modules/drivers/drivers.sheet.ts', '../modules/storage/storage.service.ts', '../modules/packing/packing.labels.ts', '../modules/reports/printable.ts'];

describe('the glossary', () => {
  it.each(FORBIDDEN)('no catalogue nor printed page uses %s (%s)', (pattern) => {
    const found = SOURCES.flatMap((path) => readFileSync(new URL(path, import.meta.url), 'utf8').split('\n')
      .map((l, i) => (pattern.test(l) ? `${path}:${i + 1}: ${l.trim().slice(0, 120)}` : null)).filter((x): x is string => x !== null));
    expect(found).toEqual([]);
  });
});
