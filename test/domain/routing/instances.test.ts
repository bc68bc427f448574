import { describe, expect, it } from 'vitest';
import { parseBks } from '../../../scripts/vrp/bks.ts';
import { checkSolution } from '../../../scripts/vrp/check-solution.ts';
import { parseCvrplib, parseInstance, parseSolomon } from '../../../scripts/vrp/instances.ts';
import { toProblem } from '../../../scripts/vrp/to-problem.ts';
import { solve } from '../../../src/domain/routing/index.ts';

const SOLOMON = [
  'TINY1',
  '',
  'VEHICLE',
  'NUMBER     CAPACITY',
  '  2         10',
  '',
  'CUSTOMER',
  'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
  ' ',
  '    0      0          0          0          0        100          0',
  '    1      3          4          5          0         10          1',
  '    2      6          8          5          5         20          1',
  '    3     -3         -4          6          0         50          1',
  '',
].join('\r\n');

const CVRP = [
  'NAME : A-n4-k2',
  'COMMENT : (tiny, Optimal value: 30)',
  'TYPE : CVRP',
  'DIMENSION : 4',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10',
  'NODE_COORD_SECTION',
  ' 1 0 0',
  ' 2 3 4',
  ' 3 6 8',
  ' 4 -3 -4',
  'DEMAND_SECTION',
  '1 0',
  '2 5',
  '3 5',
  '4 6',
  'DEPOT_SECTION',
  ' 1',
  ' -1',
  'EOF',
  '',
].join('\n');

describe('parseSolomon', () => {
  it('reads fleet, capacity, depot and customers (CRLF lines)', () => {
    const inst = parseSolomon('tiny.txt', SOLOMON);
    expect(inst).toMatchObject({ name: 'TINY1', maxVehicles: 2, capacity: 10, family: 'other', rounding: 'none' });
    expect(inst.depot).toMatchObject({ id: 0, due: 100 });
    expect(inst.customers.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(inst.customers[1]).toEqual({ id: 2, x: 6, y: 8, demand: 5, ready: 5, due: 20, service: 1 });
  });

  it('names the file and line of a malformed row', () => {
    const bad = SOLOMON.replace('    2      6          8', '    2      six        8');
    expect(() => parseSolomon('bad.txt', bad)).toThrow(/bad\.txt:12: "six" is not a number/);
  });

  it('derives the family from the name', () => {
    expect(parseSolomon('x.txt', SOLOMON.replace('TINY1', 'RC204')).family).toBe('RC2');
  });
});

describe('parseCvrplib', () => {
  it('reads EUC_2D coordinates, demands and the depot', () => {
    const inst = parseCvrplib('a.vrp', CVRP);
    expect(inst).toMatchObject({ name: 'A-n4-k2', capacity: 10, family: 'A', rounding: 'nint', maxVehicles: undefined });
    expect(inst.depot.id).toBe(1);
    expect(inst.customers.map((c) => [c.id, c.demand])).toEqual([[2, 5], [3, 5], [4, 6]]);
  });

  it('rejects an unsupported edge weight type with its line', () => {
    expect(() => parseCvrplib('b.vrp', CVRP.replace('EUC_2D', 'GEO'))).toThrow(/b\.vrp:5: EDGE_WEIGHT_TYPE GEO/);
  });

  it('rejects a file whose sections disagree with DIMENSION', () => {
    expect(() => parseCvrplib('c.vrp', CVRP.replace(' 4 -3 -4\n', ''))).toThrow(/c\.vrp:4: DIMENSION 4 but 3 coordinates/);
  });

  it('picks the parser by extension', () => {
    expect(() => parseInstance('x.csv', '')).toThrow(/unknown format/);
  });
});

describe('checkSolution', () => {
  const inst = parseSolomon('tiny.txt', SOLOMON);

  it('accepts a feasible plan and recomputes its distance', () => {
    const res = checkSolution(inst, [[1, 2], [3]]);
    expect(res.errors).toEqual([]);
    expect(res.distance).toBeCloseTo(5 + 5 + 10 + 10, 9);
    expect(res.vehicles).toBe(2);
  });

  it('reports capacity, missing and repeated customers, and late arrivals', () => {
    expect(checkSolution(inst, [[1, 2, 3]]).errors).toContain('route 0: load 16 over capacity 10');
    expect(checkSolution(inst, [[1, 2]]).errors).toContain('customer 3 visited 0 times');
    expect(checkSolution(inst, [[1, 2], [3, 1]]).errors).toContain('customer 1 visited 2 times');
    expect(checkSolution(inst, [[2, 1], [3]]).errors.some((e) => /customer 1 reached at .* after due 10/.test(e))).toBe(true);
  });

  it('checks the depot closing time', () => {
    const late = { ...inst, depot: { ...inst.depot, due: 15 } };
    expect(checkSolution(late, [[1, 2], [3]]).errors.some((e) => /back at depot/.test(e))).toBe(true);
  });

  it('uses TSPLIB nint distances for CVRPLIB', () => {
    const a = parseCvrplib('a.vrp', CVRP.replace(' 2 3 4', ' 2 3 4.6'));
    // |(3, 4.6)| = 5.46 rounds to 5.
    expect(checkSolution(a, [[2], [3], [4]]).distance).toBe(2 * 5 + 2 * 10 + 2 * 5);
  });
});

describe('benchmark round trip', () => {
  it('solves a parsed instance in the ordinary model and the checker agrees', () => {
    const inst = parseCvrplib('a.vrp', CVRP);
    const sol = solve(toProblem(inst), { maxIterations: 200, seed: 1 });
    const routes = sol.routes.map((r) => r.jobs.map((j) => inst.customers[j].id));
    const res = checkSolution(inst, routes);
    expect(res.errors).toEqual([]);
    expect(res.distance).toBe(sol.totals.distance);
    expect(res.distance).toBe(30);
  });
});

describe('parseBks', () => {
  it('reads quoted CSV fields', () => {
    const map = parseBks('instance,objective,vehicles,source,distance_bks\nC101,828.94,10,"a, b",828.94\nA-n32-k5,784,5,"x",784\n');
    expect(map.get('C101')).toEqual({ objective: 828.94, vehicles: 10, distanceBks: 828.94 });
    expect(map.get('A-N32-K5')?.objective).toBe(784);
  });
});
