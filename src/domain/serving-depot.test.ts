import { describe, expect, it } from 'vitest';
import { servingDepot } from './serving-depot.ts';

const mikkeli = { id: 'b-mikkeli', lat: 61.701, lon: 27.233 };
const juva = { id: 'a-juva', lat: 61.898, lon: 27.856 };
const donor = (over: Partial<{ kind: string; depotId: string | null; lat: number; lon: number }> = {}) =>
  ({ kind: 'donor', depotId: null, lat: 61.69, lon: 27.27, ...over });

describe('servingDepot', () => {
  it('keeps the depot a coordinator set, even when another is nearer', () => {
    expect(servingDepot(donor({ depotId: juva.id }), [mikkeli, juva])).toEqual({ depotId: juva.id, rule: 'set' });
  });

  it('uses the only depot of the network for a site without one, however far', () => {
    expect(servingDepot(donor({ lat: 60.17, lon: 24.94 }), [juva])).toEqual({ depotId: juva.id, rule: 'only_depot' });
  });

  it('uses the nearest of several depots', () => {
    expect(servingDepot(donor(), [juva, mikkeli])).toEqual({ depotId: mikkeli.id, rule: 'nearest_depot' });
    expect(servingDepot(donor({ kind: 'point', lat: 61.88, lon: 27.8 }), [mikkeli, juva])).toEqual({ depotId: juva.id, rule: 'nearest_depot' });
  });

  it('breaks an exact tie by the smaller depot id, whatever the order', () => {
    const east = { id: 'z-east', lat: 61.5, lon: 28 };
    const west = { id: 'a-west', lat: 61.5, lon: 27 };
    const between = donor({ lat: 61.5, lon: 27.5 });
    expect(servingDepot(between, [east, west])?.depotId).toBe('a-west');
    expect(servingDepot(between, [west, east])?.depotId).toBe('a-west');
  });

  it('has no answer for a depot itself or a network without depots', () => {
    expect(servingDepot(donor({ kind: 'depot' }), [mikkeli])).toBeNull();
    expect(servingDepot(donor(), [])).toBeNull();
  });
});
