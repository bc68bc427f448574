/**
 * The words of the printable reports (the funder's report, the donor's certificate), in
 * Finnish and English. Both dictionaries have the type {@link ReportMessages}, so a key
 * missing in either fails the type check.
 */
import type { Category } from '../../domain/categories.ts';
import type { RefusalReason } from './reports.repo.ts';

export type ReportLocale = 'fi' | 'en';

export interface ReportMessages {
  lang: string;
  period: string;
  network: string;
  noOrganisation: string;
  printedOn: string;
  funderTitle: string;
  funderIntro: string;
  kgIn: string;
  kgOut: string;
  kgDiscarded: string;
  bagsPacked: string;
  bagsDelivered: string;
  bagsHandedOut: string;
  households: string;
  persons: string;
  children: string;
  seniors: string;
  distributions: string;
  organisationsActive: string;
  pointsActive: string;
  volunteersActive: string;
  volunteerHours: string;
  newVolunteers: string;
  figure: string;
  value: string;
  organisation: string;
  byOrganisation: string;
  chartTitle: string;
  certificateTitle: string;
  certificateIntro: (donor: string) => string;
  donor: string;
  month: string;
  category: string;
  total: string;
  kgReceived: string;
  kgRefused: string;
  refusalReasons: Record<RefusalReason, string>;
  nothingReceived: string;
  co2eAvoided: string;
  co2eBasis: (factor: string) => string;
  co2eSource: string;
  co2eDerivation: string;
  categories: Record<Category, string>;
}

export const fi: ReportMessages = {
  lang: 'fi',
  period: 'Ajanjakso',
  network: 'Koko verkosto',
  noOrganisation: 'Ei organisaatiota',
  printedOn: 'Tulostettu',
  funderTitle: 'Rahoittajaraportti',
  funderIntro: 'Luvut on laskettu Kassin varastokirjanpidosta, kassien kirjauksista ja jakopisteiden jakokirjauksista.',
  kgIn: 'Vastaanotettu ruoka (kg)',
  kgOut: 'Jakopisteisiin toimitettu (kg)',
  kgDiscarded: 'Hävitetty (kg)',
  bagsPacked: 'Pakatut kassit',
  bagsDelivered: 'Jakopisteisiin toimitetut kassit',
  bagsHandedOut: 'Jaetut kassit',
  households: 'Kotitaloudet',
  persons: 'Henkilöt',
  children: 'Lapset',
  seniors: 'Ikäihmiset',
  distributions: 'Jakokerrat',
  organisationsActive: 'Toimivat organisaatiot',
  pointsActive: 'Toimivat jakopisteet',
  volunteersActive: 'Vapaaehtoiset',
  volunteerHours: 'Vapaaehtoistunnit',
  newVolunteers: 'Uudet vapaaehtoiset',
  figure: 'Tunnusluku',
  value: 'Arvo',
  organisation: 'Organisaatio',
  byOrganisation: 'Organisaatioittain',
  chartTitle: 'Kotitaloudet ja toimitetut kassit organisaatioittain',
  certificateTitle: 'Todistus lahjoitetusta ruoasta',
  certificateIntro: (donor) => `${donor} on lahjoittanut alla luetellun ruoan ruoka-apuun. Ruoka otettiin vastaan ruoka-apuna jaettavaksi.`,
  donor: 'Lahjoittaja',
  month: 'Kuukausi',
  category: 'Tuoteryhmä',
  total: 'Yhteensä',
  kgReceived: 'Vastaanotettu (kg)',
  kgRefused: 'Vastaanotosta kieltäydytty (kg)',
  refusalReasons: { use_by_past: 'Viimeinen käyttöpäivä ohi', too_warm: 'Liian lämmin', damaged: 'Vaurioitunut pakkaus', spoiled: 'Pilaantunut', other: 'Muu syy' },
  nothingReceived: 'Ajanjaksolla ei vastaanotettu ruokaa.',
  co2eAvoided: 'Vältetyt kasvihuonekaasupäästöt (kg CO₂e)',
  co2eBasis: (factor) => `Laskettu vastaanotetuista kiloista kertoimella ${factor} kg CO₂e / kg ruokaa.`,
  co2eSource: 'Lähde',
  co2eDerivation: 'Ruoka, joka tuotetaan mutta jätetään syömättä, aiheuttaa maailmassa 3,3 Gt CO₂e päästöt vuodessa (ilman maankäytön muutoksia); ruokaa hävitetään noin 1,3 Gt vuodessa: 3,3 / 1,3 ≈ 2,5 kg CO₂e / kg (pyöristetty alaspäin).',
  categories: {
    bread: 'Leipä', dairy: 'Maitotuotteet', meat: 'Liha', minced_meat: 'Jauheliha ja raakalihavalmisteet', eggs: 'Kananmunat', fish: 'Kala', smoked_fish: 'Kylmäsavustettu tai graavattu kala',
    ready_meals: 'Valmisruoat', fruit_veg: 'Hedelmät ja vihannekset', dry_goods: 'Kuivatuotteet', non_food: 'Muut kuin elintarvikkeet',
    frozen: 'Pakasteet',
  },
};

export const en: ReportMessages = {
  lang: 'en',
  period: 'Period',
  network: 'Whole network',
  noOrganisation: 'No organisation',
  printedOn: 'Printed',
  funderTitle: "Funder's report",
  funderIntro: "Figures are computed from Kassi's inventory ledger, the bag records and the points' distribution records.",
  kgIn: 'Food received (kg)',
  kgOut: 'Delivered to points (kg)',
  kgDiscarded: 'Discarded (kg)',
  bagsPacked: 'Bags packed',
  bagsDelivered: 'Bags delivered to points',
  bagsHandedOut: 'Bags handed out',
  households: 'Households',
  persons: 'Persons',
  children: 'Children',
  seniors: 'Seniors',
  distributions: 'Distributions',
  organisationsActive: 'Organisations active',
  pointsActive: 'Points active',
  volunteersActive: 'Volunteers active',
  volunteerHours: 'Volunteer hours',
  newVolunteers: 'New volunteers',
  figure: 'Figure',
  value: 'Value',
  organisation: 'Organisation',
  byOrganisation: 'By organisation',
  chartTitle: 'Households and bags delivered by organisation',
  certificateTitle: 'Certificate of donated food',
  certificateIntro: (donor) => `${donor} donated the food listed below to food aid. It was received to be handed out as food aid.`,
  donor: 'Donor',
  month: 'Month',
  category: 'Category',
  total: 'Total',
  kgReceived: 'Received (kg)',
  kgRefused: 'Refused at receipt (kg)',
  refusalReasons: { use_by_past: 'Use-by date past', too_warm: 'Too warm', damaged: 'Damaged packaging', spoiled: 'Spoiled', other: 'Other reason' },
  nothingReceived: 'Nothing was received in this period.',
  co2eAvoided: 'Greenhouse-gas emissions avoided (kg CO₂e)',
  co2eBasis: (factor) => `Computed from the kilos received with a factor of ${factor} kg CO₂e per kg of food.`,
  co2eSource: 'Source',
  co2eDerivation: 'Food produced and not eaten causes 3.3 Gt CO₂e a year worldwide (without land-use change), for about 1.3 Gt of food wasted a year: 3.3 / 1.3 ≈ 2.5 kg CO₂e per kg (rounded down).',
  categories: {
    bread: 'Bread', dairy: 'Dairy', meat: 'Meat', minced_meat: 'Minced meat and raw meat preparations', eggs: 'Eggs', fish: 'Fish', smoked_fish: 'Cold-smoked or gravad fish',
    ready_meals: 'Ready meals', fruit_veg: 'Fruit and vegetables', dry_goods: 'Dry goods', non_food: 'Non-food',
    frozen: 'Frozen food',
  },
};

export const reportMessages: Record<ReportLocale, ReportMessages> = { fi, en };
