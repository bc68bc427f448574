/** Every text the app shows, in Finnish (the default). `en.ts` must have every key: the type checker says so. */
export const fi = {
  appName: 'Kassi',
  signIn: { email: 'Sähköposti', password: 'Salasana', submit: 'Kirjaudu sisään', title: 'Kirjaudu Kassiin', offline: 'Ei yhteyttä: kirjautuminen vaatii verkon' },
  signOut: 'Kirjaudu ulos',
  language: { switchTo: 'In English', code: 'fi' as 'fi' | 'en' },
  start: { title: 'Mitä teet tänään?', back: 'Alkuun' },
  menu: {
    intake: 'Vastaanotto', temperatures: 'Lämpötilat', stock: 'Varasto', packing: 'Pakkaus', alerts: 'Hälytykset',
    reserve: 'Varaa kasseja', reservations: 'Varaukset', confirm: 'Kuittaa vastaanotetuksi', households: 'Kotitaloudet',
  },
  roles: { coordinator: 'Koordinaattori', warehouse: 'Varasto', point_lead: 'Jakopiste', driver: 'Kuljettaja' },
  outbox: {
    waiting: (n: number) => (n === 1 ? '1 tallennus odottaa yhteyttä' : `${n} tallennusta odottaa yhteyttä`),
    attention: 'Tarvitsee huomiota',
    fix: 'Korjaa',
    drop: 'Hylkää',
    signInAgain: 'Kirjaudu uudelleen: tallennukset odottavat ja lähtevät kirjautumisen jälkeen',
    saved: 'Tallennettu',
    queued: 'Tallennettu: lähtee, kun yhteys palaa',
  },
  intake: {
    title: 'Vastaanotto', donor: 'Lahjoittaja', chooseDonor: 'Valitse lahjoittaja', line: (n: number) => `Rivi ${n}`,
    category: 'Tuoteryhmä', weight: 'Paino (kg)', temperatureClass: 'Lämpötilaluokka', dateKind: 'Päiväys', date: 'Päivämäärä',
    unit: 'Säilytystila', receiptCelsius: 'Lämpötila vastaanotossa (°C)', frozenOn: 'Pakastuspäivä',
    addLine: 'Lisää rivi', removeLine: 'Poista rivi', save: 'Tallenna vastaanotto', saving: 'Tallennetaan…',
    queued: 'Vastaanotto tallennettu: lähtee, kun yhteys palaa', done: 'Vastaanotto tallennettu', keypad: 'Numeronäppäimistö', erase: 'Pyyhi',
    needsFix: 'Vastaanottoa ei tallennettu: korjaa merkityt kohdat',
  },
  warehouse: {
    saveReading: 'Tallenna lukema', onHold: 'Pidätetty', free: 'Tilaa', expiringSoon: 'Päiväys lähellä', noAlerts: 'Ei hälytyksiä',
    needsCheck: 'Parasta ennen -tarkastus odottaa', reason: 'Syy', note: 'Huomautus', correctiveAction: 'Korjaava toimenpide',
    checkResult: 'Tarkastuksen tulos', passed: 'Hyväksytty', failed: 'Hylätty', pack: 'Pakkaa', pickingList: 'Keräilylista', lot: 'Erä',
    actions: { discards: 'Hävitä', adjustments: 'Korjaa saldoa', moves: 'Siirrä', freeze: 'Pakasta', checks: 'Tarkasta', release: 'Vapauta' },
    reasons: { spoiled: 'Pilaantunut', expired: 'Vanhentunut', temperature: 'Lämpötila', recall: 'Takaisinveto', other: 'Muu' } as Record<string, string>,
  },
  point: {
    reserveTitle: 'Varaa kasseja', bagType: 'Kassityyppi', day: 'Jakopäivä', bags: 'Kasseja', available: (n: number) => `Vapaana ${n}`,
    byClass: 'Luokittain', cutoff: (at: string) => `Varaukset sulkeutuvat ${at}`, reserve: 'Varaa', reserved: 'Varaus tallennettu',
    reservationsTitle: 'Varaukset', none: 'Ei varauksia', cancel: 'Peru varaus', confirm: 'Kuittaa vastaanotetuksi', received: 'Vastaanotettu (kassia)',
    status: { held: 'varattu', cancelled: 'peruttu', dispatched: 'matkalla', delivered: 'toimitettu', confirmed: 'kuitattu' } as Record<string, string>,
  },
  distribution: {
    title: 'Kotitaloudet', intro: 'Kirjaa vain lukumäärät: ei nimiä, henkilötunnuksia eikä puhelinnumeroita.', date: 'Jakopäivä',
    households: 'Kotitaloudet', persons: 'Henkilöt', children: 'Lapset', seniors: 'Ikäihmiset', bagsHandedOut: 'Jaetut kassit',
    note: 'Huomautus', save: 'Tallenna jako', saved: 'Jako tallennettu', recent: 'Viimeisimmät jaot', correct: 'Korjaa luvut',
    correcting: (date: string) => `Korjaat jakoa ${date}`, summary: (households: number, bags: number) => `${households} kotitaloutta · ${bags} kassia`,
  },
  terms: {
    category: {
      bread: 'Leipä', dairy: 'Maitotuotteet', meat: 'Liha', minced_meat: 'Jauheliha', eggs: 'Kananmunat', fish: 'Kala',
      smoked_fish: 'Kylmäsavu- tai graavikala', ready_meals: 'Valmisruoka', fruit_veg: 'Hedelmät ja vihannekset', dry_goods: 'Kuivatuotteet',
      non_food: 'Muut kuin elintarvikkeet', frozen: 'Pakasteet',
    } as Record<string, string>,
    temperatureClass: { ambient: 'Huoneenlämpö', chilled: 'Kylmä', frozen: 'Pakaste' } as Record<string, string>,
    dateKind: { use_by: 'Viimeinen käyttöpäivä', best_before: 'Parasta ennen', none: 'Ei päiväystä' } as Record<string, string>,
    bagType: { food: 'Ruokakassi', bread: 'Leipäkassi', family: 'Perhekassi', hygiene: 'Hygieniakassi' } as Record<string, string>,
  },
  errors: { network: 'Ei yhteyttä palvelimeen', unknown: 'Jokin meni vikaan' },
  soon: 'Tämä näkymä tulee pian.',
};

export type Dict = typeof fi;
