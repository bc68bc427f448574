import { describe, expect, it } from 'vitest';
import { firstNominatimPlace, geocodeQuery, parseLocation } from './location.ts';

describe('parseLocation', () => {
  it.each([
    ['61,69, 27,27', 61.69, 27.27],
    ['61,69 27,27', 61.69, 27.27],
    ['61,69,27,27', 61.69, 27.27],
    ['61.69 27.27', 61.69, 27.27],
    ['61.69, 27.27', 61.69, 27.27],
    ['  61.6886;27.2723 ', 61.6886, 27.2723],
    ['61.69° 27.27°', 61.69, 27.27],
    ['61, 27', 61, 27],
    ['-33.86, 151.21', -33.86, 151.21],
  ])('reads the pair %s, latitude first', (text, lat, lon) => {
    expect(parseLocation(text)).toEqual({ lat, lon });
  });

  it.each([
    ['https://www.google.com/maps/place/Mikkeli/@61.6885,27.2721,15z/data=!3m1!4b1!4m6!3m5!1s0x0:0x0!8m2!3d61.6886!4d27.2723', 61.6886, 27.2723],
    ['https://www.google.com/maps/@61.6885,27.2721,15z', 61.6885, 27.2721],
    ['https://maps.google.com/?q=61.6886,27.2723', 61.6886, 27.2723],
    ['https://www.google.com/maps/search/?api=1&query=61.6886%2C27.2723', 61.6886, 27.2723],
    ['https://www.openstreetmap.org/#map=17/61.68861/27.27222', 61.68861, 27.27222],
    ['https://www.openstreetmap.org/?mlat=61.68861&mlon=27.27222#map=17/61.68861/27.27222', 61.68861, 27.27222],
    ['geo:61.6886,27.2723?z=17', 61.6886, 27.2723],
  ])('reads a map link %s', (link, lat, lon) => {
    expect(parseLocation(link)).toEqual({ lat, lon });
  });

  it.each([
    '', 'Porrassalmenkatu 20, Mikkeli', '61,69', '95, 27', '61, 200', '61 27 12', 'https://example.fi/kartta', 'https://www.google.com/maps/place/Mikkeli',
  ])('finds no coordinates in %j', (text) => {
    expect(parseLocation(text)).toBeNull();
  });
});

describe('geocodeQuery', () => {
  it('asks for the address in its municipality', () => {
    expect(geocodeQuery('Porrassalmenkatu 20', 'Mikkeli')).toBe('Porrassalmenkatu 20, Mikkeli');
  });

  it('names the municipality once when the address already does', () => {
    expect(geocodeQuery('Porrassalmenkatu 20, 50100 Mikkeli', 'Mikkeli')).toBe('Porrassalmenkatu 20, 50100 Mikkeli');
    expect(geocodeQuery('Kauppatie 5, 52700 mäntyharju', 'Mäntyharju')).toBe('Kauppatie 5, 52700 mäntyharju');
  });

  it('does not take a street named after the town for the town', () => {
    expect(geocodeQuery('Mikkelintie 3', 'Mikkeli')).toBe('Mikkelintie 3, Mikkeli');
  });
});

describe('firstNominatimPlace', () => {
  it('takes the first place, its decimal strings as numbers', () => {
    expect(firstNominatimPlace([{ lat: '61.6886', lon: '27.2723', display_name: 'Porrassalmenkatu 20, Mikkeli' }, { lat: '60', lon: '25' }]))
      .toEqual({ lat: 61.6886, lon: 27.2723, displayName: 'Porrassalmenkatu 20, Mikkeli' });
  });

  it('finds nothing in an empty answer, an error object or places without coordinates', () => {
    expect(firstNominatimPlace([])).toBeNull();
    expect(firstNominatimPlace({ error: 'Unable to geocode' })).toBeNull();
    expect(firstNominatimPlace([{ display_name: 'x' }, { lat: 'x', lon: '27' }, { lat: '95', lon: '27' }])).toBeNull();
  });
});
