import { describe, expect, it } from 'vitest';
import { en, fi, langOf, statusTitle } from './messages.ts';

describe('langOf', () => {
  it('picks Finnish when Finnish is preferred over English', () => {
    expect(langOf('fi')).toBe('fi');
    expect(langOf('fi-FI,fi;q=0.9,en;q=0.8')).toBe('fi');
    expect(langOf('sv-FI, fi;q=0.7')).toBe('fi');
  });
  it('answers English when the header is missing, English comes first, or neither language is asked', () => {
    expect(langOf(undefined)).toBe('en');
    expect(langOf('en-GB,fi;q=0.5')).toBe('en');
    expect(langOf('sv, de')).toBe('en');
    expect(langOf('fi;q=0')).toBe('en');
  });
});

describe('the Finnish texts', () => {
  it('write dates and decimals the Finnish way', () => {
    expect(fi.useByPast('2026-12-01')).toBe('viimeinen käyttöpäivä 1.12.2026 on mennyt');
    expect(fi.receiptTooWarm('chilled', 'dairy', 7.5, 6)).toBe('maitotuotteet (kylmä): lämpötila vastaanotossa 7,5 °C; raja on 6 °C');
    expect(en.receiptTooWarm('chilled', 'dairy', 7.5, 6)).toBe('chilled dairy measured 7.5 °C at receipt; the limit is 6 °C');
  });
  it('count intake lines from 1 for people', () => {
    expect(fi.onLine(0, 'x')).toBe('rivi 1: x');
  });
});

describe('counts in the Finnish texts', () => {
  it('say 1 kassi and 2 kassia, with the bag type by its Finnish name', () => {
    expect(fi.bags(1, 'bread')).toBe('1 leipäkassi');
    expect(fi.bags(2, 'food')).toBe('2 ruokakassia');
    expect(fi.bags(0)).toBe('0 kassia');
    expect(fi.alreadyDelivered(1)).toBe('Toimitus on jo kirjattu (1 kassi)');
    expect(fi.insufficientBags(1, 'food', 'chilled', '2026-12-01', 3)).toBe('Vain 1 ruokakassi (kylmä) on saatavilla päivälle 1.12.2026; pyydettiin 3');
    expect(en.alreadyDelivered(1)).toBe('The delivery was already recorded with 1 bag');
  });
  it('say 1 kotitalous and 1 henkilö where households and persons are counted', () => {
    expect(fi.householdsExceedPersons(2, 1)).toBe('2 kotitaloutta mutta 1 henkilö: jokaisessa kotitaloudessa on vähintään yksi henkilö');
    expect(fi.groupsExceedPersons(1, 1, 1)).toBe('1 lapsi ja 1 ikääntynyt on enemmän kuin 1 henkilö');
  });
});

describe('the stop a driver reads', () => {
  const lines = [{ bagType: 'bread', temperatureClass: 'ambient' as const, bags: 1 }, { bagType: 'food', temperatureClass: 'frozen' as const, bags: 3 }];
  it('names bag types in Finnish and counts them right, with the cold class', () => {
    expect(fi.stopTask.deliver(lines, 'Anttolan jakopiste')).toBe('Toimita 1 leipäkassi, 3 ruokakassia (pakaste): Anttolan jakopiste');
    expect(en.stopTask.deliver(lines, 'Anttola')).toBe('Deliver 1 bread bag, 3 food bags (frozen) to Anttola');
    expect(fi.stopTask.pickUp(12.5, 'Prisma')).toBe('Nouda noin 12,5 kg: Prisma');
  });
});

describe('codes in the Finnish texts', () => {
  /** A stored code (`eggs_past_best_before`) or an English status word the catalogue should have put into Finnish. */
  const raw = /[a-z]+_[a-z_]+|\b(held|dispatched|delivered|cancelled|queued|running|failed|sent|pending|packing|warehouse|driving|depot|donor|point|driver|coordinator)\b/;
  it.each([
    ['illegalTransition', fi.illegalTransition('dispatched', 'cancelled'), 'Varausta, jonka tila on matkalla, ei voi perua'],
    ['notDispatched', fi.notDispatched('held'), 'Varaus (varattu) ei ole lähtenyt varastosta; kuitattavaa ei ole'],
    ['planNotReady', fi.planNotReady('running'), 'Suunnitelmaa, jonka tila on käynnissä, ei voi julkaista; odota, että se valmistuu'],
    ['notFailed', fi.notFailed('sent'), 'Vain epäonnistunut viesti lähetetään uudelleen; tämän viestin tila: lähetetty'],
    ['wrongSiteKind', fi.wrongSiteKind('packing', 'depot', 'point'), 'Pakkausvuoro pidetään kohteessa, joka on varasto, ei jakopiste'],
    ['roleNotEligible', fi.roleNotEligible('driving', ['driver', 'coordinator'], 'point_lead'), 'Ajovuoro on rooleille kuljettaja, koordinaattori; käyttäjän rooli on jakopisteen vastaava'],
    ['stockForBags', fi.stockForBags(0, 3, 'chilled', 'food', 0, [{ rule: 'eggs_past_best_before', kg: 5 }]),
      'saldo riittää 0/3 ruokakassiin (kylmä; 0 kg käytettävissä; ei käytettävissä: 5 kg kananmunat, parasta ennen mennyt)'],
  ])('%s puts its codes into Finnish', (_name, text, expected) => {
    expect(text).toBe(expected);
    expect(text).not.toMatch(raw);
  });
  it('has a Finnish word for every food-safety rule', () => {
    for (const [rule, word] of Object.entries(fi.terms.safetyRule)) expect(word, rule).not.toMatch(/_/);
  });
});

describe('statusTitle', () => {
  it('names a problem\'s status in the catalogue\'s language', () => {
    expect(statusTitle(fi, 415)).toBe('Sisältötyyppiä ei tueta');
    expect(statusTitle(en, 415)).toBe('Unsupported Media Type');
  });
  it('gives a status it does not name the title of its class', () => {
    expect(statusTitle(fi, 410)).toBe('Virheellinen pyyntö');
    expect(statusTitle(en, 502)).toBe('Internal Server Error');
  });
});
