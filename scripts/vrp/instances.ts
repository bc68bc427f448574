/**
 * Parsers for the two benchmark formats: Solomon VRPTW `.txt` and CVRPLIB (TSPLIB)
 * `.vrp`. They return plain data in file terms (customer numbers as in the file); the
 * conversion to the solver's model lives in to-problem.ts.
 */

export interface Site {
  /** Number as written in the file. */
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

export interface Instance {
  name: string;
  format: 'solomon' | 'cvrplib';
  /** C1, C2, R1, R2, RC1, RC2 or A (the prefix of a CVRPLIB name). */
  family: string;
  capacity: number;
  /** Fleet size bound from the file (Solomon); undefined when unbounded. */
  maxVehicles: number | undefined;
  /** EUC_2D with TSPLIB nint rounding, or plain double-precision Euclidean. */
  rounding: 'none' | 'nint';
  depot: Site;
  customers: Site[];
}

/** A malformed instance file; the message starts with `file:line:` like a compiler's. */
export class ParseError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ParseError';
  }
}

function numbers(file: string, lineNo: number, text: string, count: number): number[] {
  const parts = text.trim().split(/\s+/);
  if (parts.length < count) throw new ParseError(file, lineNo, `expected ${count} numbers, found "${text.trim()}"`);
  return parts.slice(0, count).map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v)) throw new ParseError(file, lineNo, `"${p}" is not a number`);
    return v;
  });
}

/** Family of a Solomon instance from its name: `RC204` → `RC2`. */
export function solomonFamily(name: string): string {
  const m = /^(RC|R|C)([12])/i.exec(name);
  return m ? `${m[1].toUpperCase()}${m[2]}` : 'other';
}

/** Parses a Solomon VRPTW file: name, VEHICLE block (number, capacity), CUSTOMER table. */
export function parseSolomon(file: string, text: string): Instance {
  const lines = text.split(/\r?\n/);
  let i = 0;
  const skipBlank = () => {
    while (i < lines.length && lines[i].trim() === '') i++;
  };
  skipBlank();
  if (i >= lines.length) throw new ParseError(file, 1, 'empty file');
  const name = lines[i].trim();
  i++;
  skipBlank();
  if (!/^VEHICLE/i.test(lines[i] ?? '')) throw new ParseError(file, i + 1, 'expected "VEHICLE"');
  i++;
  skipBlank();
  if (!/NUMBER/i.test(lines[i] ?? '')) throw new ParseError(file, i + 1, 'expected "NUMBER CAPACITY" header');
  i++;
  skipBlank();
  const [maxVehicles, capacity] = numbers(file, i + 1, lines[i] ?? '', 2);
  i++;
  skipBlank();
  if (!/^CUSTOMER/i.test(lines[i] ?? '')) throw new ParseError(file, i + 1, 'expected "CUSTOMER"');
  i++;
  skipBlank();
  if (!/CUST/i.test(lines[i] ?? '')) throw new ParseError(file, i + 1, 'expected the customer table header');
  i++;
  const sites: Site[] = [];
  for (; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const [id, x, y, demand, ready, due, service] = numbers(file, i + 1, lines[i], 7);
    if (ready > due) throw new ParseError(file, i + 1, `ready time ${ready} after due date ${due}`);
    sites.push({ id, x, y, demand, ready, due, service });
  }
  if (sites.length < 2) throw new ParseError(file, lines.length, 'no customers');
  const ids = new Set(sites.map((s) => s.id));
  if (ids.size !== sites.length) throw new ParseError(file, lines.length, 'duplicate customer numbers');
  return {
    name, format: 'solomon', family: solomonFamily(name), capacity, maxVehicles, rounding: 'none',
    depot: sites[0], customers: sites.slice(1),
  };
}

/** Parses a CVRPLIB/TSPLIB CVRP file with EUC_2D coordinates. */
export function parseCvrplib(file: string, text: string): Instance {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, { value: string; line: number }>();
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const depots: number[] = [];
  let section: 'none' | 'coord' | 'demand' | 'depot' = 'none';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const lineNo = i + 1;
    if (raw === 'EOF') break;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(raw);
    if (kv) {
      header.set(kv[1], { value: kv[2].trim(), line: lineNo });
      section = 'none';
      continue;
    }
    if (/^NODE_COORD_SECTION/.test(raw)) { section = 'coord'; continue; }
    if (/^DEMAND_SECTION/.test(raw)) { section = 'demand'; continue; }
    if (/^DEPOT_SECTION/.test(raw)) { section = 'depot'; continue; }
    if (section === 'coord') {
      const [id, x, y] = numbers(file, lineNo, raw, 3);
      coords.set(id, [x, y]);
    } else if (section === 'demand') {
      const [id, d] = numbers(file, lineNo, raw, 2);
      demands.set(id, d);
    } else if (section === 'depot') {
      const [id] = numbers(file, lineNo, raw, 1);
      if (id !== -1) depots.push(id);
    } else {
      throw new ParseError(file, lineNo, `unexpected line "${raw}"`);
    }
  }
  const get = (key: string) => {
    const h = header.get(key);
    if (!h) throw new ParseError(file, lines.length, `missing ${key}`);
    return h;
  };
  const type = get('EDGE_WEIGHT_TYPE');
  if (type.value !== 'EUC_2D') throw new ParseError(file, type.line, `EDGE_WEIGHT_TYPE ${type.value} not supported (EUC_2D only)`);
  const capH = get('CAPACITY');
  const capacity = Number(capH.value);
  if (!(capacity > 0)) throw new ParseError(file, capH.line, `bad CAPACITY "${capH.value}"`);
  const dimH = get('DIMENSION');
  const dimension = Number(dimH.value);
  if (coords.size !== dimension) throw new ParseError(file, dimH.line, `DIMENSION ${dimension} but ${coords.size} coordinates`);
  if (demands.size !== dimension) throw new ParseError(file, dimH.line, `DIMENSION ${dimension} but ${demands.size} demands`);
  if (depots.length !== 1) throw new ParseError(file, lines.length, `expected one depot, found ${depots.length}`);
  const site = (id: number): Site => {
    const [x, y] = coords.get(id)!;
    return { id, x, y, demand: demands.get(id) ?? 0, ready: 0, due: Infinity, service: 0 };
  };
  const depotId = depots[0];
  if (!coords.has(depotId)) throw new ParseError(file, lines.length, `depot ${depotId} has no coordinates`);
  const name = header.get('NAME')?.value ?? file;
  const ids = [...coords.keys()].filter((id) => id !== depotId).sort((a, b) => a - b);
  return {
    name, format: 'cvrplib', family: name.split('-')[0] || 'other', capacity, maxVehicles: undefined, rounding: 'nint',
    depot: site(depotId), customers: ids.map(site),
  };
}

/** Parses by extension: `.txt` Solomon, `.vrp` CVRPLIB. */
export function parseInstance(file: string, text: string): Instance {
  if (/\.vrp$/i.test(file)) return parseCvrplib(file, text);
  if (/\.txt$/i.test(file)) return parseSolomon(file, text);
  throw new ParseError(file, 1, 'unknown format (expected .txt Solomon or .vrp CVRPLIB)');
}
