/**
 * The API's message catalogue: every human text of a problem+json answer (`detail`, and the
 * `message` of each entry of `errors` and `violations`), in English and in Finnish. A request
 * with `Accept-Language: fi` gets Finnish, any other English; the stable `code` and `rule`
 * never change with the language. `fi` is typed as `Messages`, so a key missing in either
 * language (or one only Finnish has) fails the type check.
 *
 * No I/O and no framework: the domain builds its violations' texts from here too.
 */
import type { BagType, Category, DateKind, DiscardReason, RefusalReason, TemperatureClass } from '../domain/categories.ts';
import { FROZEN_WARM_SPAN_MS, type AlertDetail } from '../domain/cold-chain.ts';
import type { AlertAction } from '../domain/excursions.ts';
import { CHILLED_RIDE_MAX_MIN } from '../domain/cold-ride.ts';
import type { Weekday } from '../domain/dates.ts';
import { FISH_MAX_C, FROZEN_TARGET_C, MINCED_MEAT_MAX_C, type SafetyRule } from '../domain/food-safety.ts';
import type { ReservationStatus } from '../domain/reservations.ts';
import type { RecallNoteRule } from '../domain/recalls.ts';
import type { ShiftKind } from '../domain/shifts.ts';
import { celsius, count, fiClock, fiDate, fiDecimal as fiNum, fiNumber, plural } from './format.ts';

/** Hours a frozen unit may stay warmer than its target before it is an excursion (`FROZEN_WARM_SPAN_MS`). */
const FROZEN_WARM_HOURS = FROZEN_WARM_SPAN_MS / 3_600_000;
import type { InsertionRefusal, UnassignedReason } from '../domain/routing/index.ts';
import { refusalText } from './donors.ts';

export type Lang = 'fi' | 'en';

/** Why the planner left a task off the routes. */
export type PlanReason = UnassignedReason | 'no_distribution_day' | 'window_passed';

/** A text not yet put into a language: the problem handler picks the catalogue. */
export type Text = (m: Messages) => string;

type PlanStatus = 'queued' | 'running' | 'done' | 'failed' | 'published';
type NotificationStatus = 'pending' | 'sent' | 'failed' | 'inbox';
type SiteKind = 'depot' | 'donor' | 'point';
type Role = 'coordinator' | 'warehouse' | 'point_lead' | 'driver';
/** One line of what a delivery stop hands over: bags of a type (and class). */
export type BagLine = { bagType: string; temperatureClass?: TemperatureClass; bags: number };

/** The catalogue's word for a stored code, or the code itself for one the catalogue does not know yet. */
const term = (words: Readonly<Record<string, string>>, code: string) => words[code] ?? code;
const enBags = (n: number, bagType?: string) => `${n} ${bagType ? `${term(en.terms.bagType, bagType)} ` : ''}${plural('en', n, 'bag', 'bags')}`;

const en = {
  terms: {
    category: {
      bread: 'bread', dairy: 'dairy', meat: 'meat', minced_meat: 'minced meat', eggs: 'eggs', fish: 'fish', smoked_fish: 'cold-smoked or gravad fish', ready_meals: 'ready meals',
      fruit_veg: 'fruit and vegetables', dry_goods: 'dry goods', non_food: 'non-food', frozen: 'frozen food',
    } satisfies Record<Category, string>,
    temperatureClass: { ambient: 'ambient', chilled: 'chilled', frozen: 'frozen' } satisfies Record<TemperatureClass, string>,
    dateKind: { use_by: 'use-by', best_before: 'best-before', none: 'no date' } satisfies Record<DateKind, string>,
    bagType: { food: 'food', bread: 'bread', family: 'family', hygiene: 'hygiene' } satisfies Record<BagType, string>,
    weekday: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } satisfies Record<Weekday, string>,
    discardReason: { spoiled: 'spoiled', expired: 'expired', temperature: 'temperature', recall: 'recall', other: 'other' } satisfies Record<DiscardReason, string>,
    alertKind: { excursion: 'temperature excursion', reading_missed: 'missed reading', bags_unsettled: 'bags unsettled', ride_too_long: 'cold ride too long' },
    reservationStatus: { held: 'held', dispatched: 'dispatched', delivered: 'delivered', cancelled: 'cancelled' } satisfies Record<ReservationStatus, string>,
    planStatus: { queued: 'queued', running: 'running', done: 'done', failed: 'failed', published: 'published' } satisfies Record<PlanStatus, string>,
    notificationStatus: { pending: 'waiting to be sent', sent: 'sent', failed: 'failed', inbox: 'in the app only' } satisfies Record<NotificationStatus, string>,
    shiftKind: { warehouse: 'warehouse', packing: 'packing', driving: 'driving', point: 'food-bank point' } satisfies Record<ShiftKind, string>,
    siteKind: { depot: 'depot', donor: 'donor', point: 'food-bank point' } satisfies Record<SiteKind, string>,
    role: { coordinator: 'coordinator', warehouse: 'warehouse volunteer', point_lead: 'point lead', driver: 'driver' } satisfies Record<Role, string>,
    /** What a food-safety rule keeps out, as a short phrase after its kilos ("5 kg past use-by"). */
    safetyRule: {
      invalid_weight: 'with an invalid weight', non_positive_kg: 'with no weight', line_too_heavy: 'too heavy for one line', date_missing: 'without its date',
      date_unexpected: 'dated without a date kind', date_invalid: 'with an invalid date', use_by_past: 'past use-by', smoked_fish_past_use_by: 'smoked fish past use-by',
      class_warmer_than_category: 'kept too warm for its category', receipt_too_warm: 'too warm at receipt', receipt_celsius_missing: 'without a receipt temperature',
      invalid_temperature: 'with an invalid temperature', frozen_on_not_frozen: 'with a freezing date but not frozen', frozen_on_in_future: 'with a freezing date in the future',
      frozen_after_use_by: 'frozen after use-by', unit_class_mismatch: 'in a unit of another class', freeze_not_chilled: 'not chilled', freeze_after_use_by: 'too late to freeze',
      on_hold: 'on hold', no_stock: 'with no stock', best_before_unchecked: 'past best-before, not checked', best_before_check_expired: 'with an expired best-before check',
      eggs_past_best_before: 'eggs past best-before', frozen_shelf_life_over: 'frozen too long',
      use_by_required: 'without the use-by its category needs', date_kind_required: 'undated but dated by law', frozen_on_required: 'frozen without its freezing date',
      best_before_too_old: 'too long past best-before',
    } satisfies Record<SafetyRule, string>,
    thing: {
      lot: 'Lot', reservation: 'Reservation', point: 'Point', donor: 'Donor', depot: 'Depot', site: 'Site', route: 'Route', stop: 'Stop',
      routePlan: 'Route plan', packingRun: 'Packing run', storageUnit: 'Storage unit', object: 'Object',
      user: 'User', shift: 'Shift', alert: 'Alert', recall: 'Recall', bag: 'Bag', organisation: 'Organisation', distribution: 'Distribution', intake: 'Intake', notification: 'Notification',
      donorLink: 'Donor link', offer: 'Offer', skip: 'Skip', schedule: 'Pickup schedule',
    },
  },
  num: (n: number) => String(n),
  date: (d: string) => d,
  /** A count of bags, of a type when given: "1 food bag", "2 bags". */
  bags: (n: number, bagType?: BagType) => enBags(n, bagType),

  /** The `title` of a problem+json answer per HTTP status: the same for every occurrence, in the caller's language (RFC 9457 §3.1.4). */
  title: {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout',
    409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 417: 'Expectation Failed',
    422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
    503: 'Service Unavailable',
  },

  // Generic answers
  notFound: (what: string) => `${what} not found`,
  noRoute: (method: string, url: string) => `No route ${method} ${url}`,
  unauthorized: () => 'A valid bearer token is required',
  wrongPassword: () => 'Wrong email or password',
  forbidden: () => 'Your role may not do this',
  noAccessPolicy: () => 'This route has no access policy',
  internal: () => 'Internal error',
  unavailable: () => 'A backing service is unavailable; retry shortly',
  queueUnavailable: () => 'The job queue is unavailable; retry shortly',
  tooManyRequests: () => 'Too many requests; try again later',
  tooManyAttempts: (seconds: number) => `Too many attempts; try again in ${seconds} s`,
  tooManySignIns: (minutes: number) => `Too many sign-in attempts for this account; try again in ${minutes} minutes`,
  signInsBusy: () => 'Many people are signing in right now; try again in a moment',
  badRequest: (message: string) => message,
  invalidCursor: () => 'cursor is not one this API gave out',
  bodyTooLarge: () => 'The request body is too large',
  unsupportedMediaType: () => 'Unsupported content type; send application/json',
  headersTooLarge: () => 'The request headers are larger than the server accepts',
  requestTimeout: () => 'The request took too long to arrive',
  notHttp: () => 'The request is not valid HTTP',
  emptyBody: () => 'The JSON body is empty',
  invalidJson: () => 'The body is not valid JSON',
  jsonTooDeep: (max: number) => `The body nests deeper than ${max} levels`,
  wrongCurrentPassword: () => 'The current password is not right',
  resetCodeInvalid: () => 'The reset code is wrong, used or expired; ask a coordinator for a new one',
  lastCoordinator: () => 'The network\'s last active coordinator cannot be deactivated or erased; make someone else a coordinator first',
  userErased: () => 'This person has been erased: their account can no longer be changed',
  invalidContentLength: () => 'Content-Length does not match the body',
  invalidUrl: () => 'The address is not valid (broken percent-encoding)',
  urlPartTooLong: () => 'A part of the address is too long',
  missingHost: () => 'An HTTP/1.1 request needs a Host header',
  expectationFailed: (expect: string) => `Expect: ${expect} is not supported; send the request without it`,
  shuttingDown: () => 'The server is shutting down; retry shortly',
  webAppNotBuilt: (command: string) => `The web app is not built: run ${command}`,

  // Database refusals
  alreadyExists: () => 'A record with these values already exists',
  unknownReference: () => 'The request refers to a record that does not exist',
  constraintViolation: () => 'The change would break a stock or consistency rule',
  invalidValue: () => 'A value has the wrong format',
  outOfRange: () => 'A number is out of range',
  concurrentUpdate: () => 'A concurrent change interfered; retry the request',

  // Idempotency
  invalidIdempotencyKey: () => 'Idempotency-Key must be 1 to 255 visible ASCII characters',
  idempotencyInProgress: () => 'A request with this Idempotency-Key is still being processed; retry shortly',
  idempotencyKeyReused: () => 'This Idempotency-Key was used with a different request',
  idempotencyAnswerPurged: () => 'This was already saved; its answer is no longer kept. Reload to see it.',

  // Request validation (zod)
  invalidPart: (where: string, list: string) => `Invalid ${where}: ${list}`,
  unknownField: () => 'is not a known field',
  /** Texts of the schemas' own checks (`check()` in src/http/schemas.ts). */
  check: {
    atMost3Decimals: () => 'must have at most 3 decimals',
    greaterThanZero: () => 'must be greater than 0',
    notZero: () => 'must not be 0',
    hhmm: () => 'must be HH:mm',
    mmdd: () => 'must be MM-DD',
    realDayOfYear: () => 'must be a real day of the year',
    atMostKg: (max: number) => `must be at most ${max.toLocaleString('en')} kg`,
    betweenKg: (min: number, max: number) => `must be between ${min} and ${max.toLocaleString('en')} kg`,
    adjustLimit: (max: number) => `must be at most ${max.toLocaleString('en')} kg either way`,
    oneFieldToChange: () => 'at least one field to change',
    weekdaysRepeat: () => 'weekdays must not repeat',
    endAfterStart: (end: string, start: string) => `${end} must be after ${start}`,
    bothOrNeither: (a: string, b: string) => `give both ${a} and ${b}, or neither`,
    oneOf: (a: string, b: string) => `give exactly one of ${a} and ${b}`,
    reasonForDiscard: () => 'a reason is required when returned bags are discarded',
    recallLotOrDonor: () => 'give either lotId, product and/or batch, or donorId with from and to',
    recallOneCriterion: () => 'give lotId, product, batch or donorId (product and batch may go together, from and to with any but lotId)',
    recallDonorRange: () => 'donorId needs from and to',
    recallLotNoRange: () => 'from and to go with donorId, not lotId',
    phoneNumber: () => 'must be a phone number, e.g. +358 40 123 4567',
    printableName: () => 'must be one line of text without control characters',
    afterStart: () => 'must be after start',
    shiftAtMostHours: (hours: number) => `a shift lasts at most ${hours} hours`,
    noShowNoMinutes: () => 'a no-show has no minutes',
    noteForOther: () => 'a note is required when the reason is other',
    betweenDates: (from: string, to: string) => `must be between ${from} and ${to}`,
    businessId: () => 'must be a valid Y-tunnus (1234567-8, with its check digit)',
    lineOrRefusal: () => 'give at least one line or one refusal',
    readyUntilAfterFrom: () => 'must be after readyFrom',
    windowEndAfterStart: () => 'must be after window.start',
    categoriesRepeat: () => 'categories must not repeat',
  },

  // Food-safety rules (intake, freezing, packing)
  onLine: (line: number, message: string) => `line ${line}: ${message}`,
  onLot: (lotId: string, message: string) => `lot ${lotId}: ${message}`,
  wholeGrams: () => 'weight must be a whole number of grams',
  nonPositiveKg: () => 'weight must be more than 0 kg',
  lineTooHeavy: (maxKg: number) => `one line may weigh at most ${maxKg} kg`,
  dateUnexpected: () => 'a line without a date kind must not have a date',
  dateMissing: (kind: DateKind) => `a ${en.terms.dateKind[kind]} line needs its date`,
  dateInvalid: (date: string) => `not a date YYYY-MM-DD: ${date}`,
  useByPastIntake: (date: string) => `use-by date ${date} is past: it may not enter food aid`,
  smokedFishPastUseByIntake: (date: string) => `cold-smoked or gravad fish past its use-by date ${date} may not enter food aid, even frozen`,
  frozenOnNotFrozen: () => 'only a frozen line has a freezing date',
  frozenOnInFuture: (date: string) => `freezing date ${date} is in the future`,
  frozenAfterUseBy: (frozenOn: string, useBy: string) => `frozen on ${frozenOn}, after its use-by date ${useBy}: frozen too late for food aid`,
  receiptCelsiusMissing: (cls: TemperatureClass) => `${cls} food needs its temperature measured at receipt`,
  frozenShelfLifeOver: (frozenOn: string, until: string) => `frozen on ${frozenOn}: may be handed out until ${until}`,
  useByRequired: (category: Category) =>
    `${en.terms.category[category]} is perishable and needs its use-by date: choose the date kind use-by and enter the date from the package`,
  dateKindRequired: (category: Category) => `${en.terms.category[category]} is always dated: choose the date kind and enter the date from the package`,
  frozenOnRequired: (category: Category) =>
    `${en.terms.category[category]} received frozen needs the donor's freezing date (from the package or ask the donor); without it, record it as refused`,
  pointNotRegistered: (name: string) =>
    `${name} takes no reservations: its organisation has no food-aid registration with the municipal food control. Ask a coordinator to record the registration`,
  rawWithReadyToEat: (rawKg: number, raw: readonly Category[], readyKg: number, ready: readonly Category[], fefo: { bags: number; targetKg: number } | null) =>
    `raw meat or fish (${raw.map((c) => en.terms.category[c]).join(', ')}, ${rawKg} kg) never goes into one bag with ready-to-eat food `
    + `(${ready.map((c) => en.terms.category[c]).join(', ')}, ${readyKg} kg)`
    + (fefo ? `, and these kilos do not split into ${fefo.bags} separate bags of ${fefo.targetKg} kg: pack fewer bags, or the raw and the ready-to-eat food in runs of their own`
      : ': pack them in separate runs'),
  packerNeedsHygienePassport: (lots: readonly string[]) =>
    `${lots.join(', ')}: unpackaged perishable food is packed only by someone with a valid hygiene passport. Ask a coordinator to add yours, or leave these lots to a packer who has one`,
  bestBeforeTooOld: (date: string, days: number) => (days === 0
    ? `best-before ${date} is past: this food is not handed out after it; discard it`
    : `best-before ${date} is more than ${days} days ago: too old for food aid; discard it`),
  eggsPastBestBefore: (date: string) => `eggs past best-before ${date} are never packed`,
  eggsPastBestBeforeIntake: (date: string) => `eggs past best-before ${date} are never packed, so they are not taken in: record them as refused`,
  bestBeforeCheckExpired: (checkedOn: string, days: number) => `the best-before check of ${checkedOn} is older than ${days} days: check again`,
  frozenPastUseByAfterExcursion: (date: string) => `frozen food past its use-by date ${date} cannot be released after a freezer excursion; discard it`,
  bagClassDoesNotTake: (bagClass: TemperatureClass, lotClass: TemperatureClass) => `a ${bagClass} bag does not take ${lotClass} food`,
  classWarmerThanCategory: (category: Category, usual: TemperatureClass, given: TemperatureClass) =>
    `${en.terms.category[category]} must be kept ${usual} or colder, not ${given}`,
  invalidTemperature: () => 'the temperature at receipt must be a number of °C',
  receiptTooWarm: (cls: TemperatureClass, category: Category, celsius: number, limit: number) =>
    `${cls} ${en.terms.category[category]} measured ${celsius} °C at receipt; the limit is ${limit} °C`,
  unitClassMismatch: (cls: TemperatureClass, unitClass: TemperatureClass) => `${cls} food cannot be stored in a ${unitClass} unit`,
  unitIsOtherClass: (unitClass: TemperatureClass, wanted: TemperatureClass) => `is ${unitClass}, the lot needs ${wanted}`,
  freezeNotChilled: (cls: TemperatureClass) => `only chilled lots are frozen; this one is ${cls}`,
  freezeAfterUseBy: (date: string) => `use-by date ${date} is past: too late to freeze`,
  frozenLotWrongUnit: (unitClass: TemperatureClass) => `a frozen lot cannot be stored in a ${unitClass} unit`,
  lotOnHold: () => 'the lot is on hold for review',
  lotNoStock: () => 'the lot has no stock left',
  /** Why a task was left off the routes, in words a coordinator can act on. */
  unassignedReason: {
    no_vehicles: 'The depot has no vehicles',
    too_heavy: 'The load does not fit in any vehicle (kg or bags)',
    no_refrigerated_vehicle: `Chilled or frozen food (a pickup, or a delivery of chilled or frozen bags) needs a refrigerated vehicle (or a ride of at most ${CHILLED_RIDE_MAX_MIN} minutes)`,
    no_vehicle_reaches_window: 'No vehicle can reach the stop inside its time window (it closes before or too soon after the shifts start)',
    shift_too_short: 'No vehicle shift is long enough to drive there, serve the stop and return',
    no_compatible_vehicle: 'No vehicle can serve this stop with its constraints combined',
    fleet_exhausted: 'All vehicles are full or busy; add a vehicle or move the task to another day',
    no_distribution_day: 'The point does not distribute on this weekday, so there is no delivery window',
    window_passed: 'Its time window closed before the plan starts (a plan of today starts from now); plan it for another day or agree a new time',
  } satisfies Record<PlanReason, string>,
  /** A temperature alert's `detail`, from the code and figures stored with the alert. */
  alertDetail: (d: AlertDetail): string => {
    switch (d.code) {
      case 'excursion_unit_limit': return `${d.unitName} measured ${d.celsius} °C; the limit for ${d.temperatureClass} is ${d.limitC} °C.`;
      case 'excursion_frozen_warm': return `${d.unitName} measured ${d.celsius} °C; warmer than ${celsius(FROZEN_TARGET_C)} for more than ${FROZEN_WARM_HOURS} hours.`;
      case 'excursion_lot_limit': return `${d.unitName} measured ${d.celsius} °C; above the limit of some of its lots (fish ${celsius(FISH_MAX_C)}, minced meat ${celsius(MINCED_MEAT_MAX_C)}).`;
      case 'reading_missed': return `${d.unitName}: ${d.readings} of ${d.readingsPerDay} own-check readings recorded on ${d.day}; ${d.missed} missed.`;
      case 'bags_unsettled': return `${d.vehicleName}: ${enBags(d.bags)} of the route of ${d.date} were neither delivered nor returned by the end of the day; return or discard them.`;
      case 'ride_too_long': return `${d.siteName}: ${d.temperatureClass} bags rode ${d.minutes} min in ${d.vehicleName} without refrigeration; the limit is ${d.limitMin} min.`;
    }
  },
  smokedFishPastUseBy: (date: string) => `cold-smoked or gravad fish past its use-by date ${date} never goes into a bag, even frozen`,
  useByPast: (date: string) => `use-by date ${date} is past`,
  bestBeforeUnchecked: (date: string) => `past best-before ${date}: needs a passed check recorded on or after that date`,
  mustNotBeFuture: () => 'must not be in the future',
  tooFarBack: (days: number) => `must be at most ${days} days back; a coordinator may backdate further`,
  beyondHorizon: (horizon: string, years: number) => `must be at most ${horizon} (${years} years ahead)`,
  notFailed: (status: string) => `Only a failed message is sent again; this one is ${term(en.terms.notificationStatus, status)}`,
  notADonor: () => 'donorId must name a donor',
  mixedDepots: () => 'all lines of an intake go to units of one depot',
  isNotADonor: () => 'is not a donor',

  // Lots
  exceedsLotStock: (stockKg: number, kg: number) => `The lot holds ${stockKg} kg, less than ${kg} kg`,
  noSuchUnit: () => 'No such storage unit',
  noSuchUnitField: () => 'no such storage unit',
  unitInOtherDepot: () => 'The storage unit belongs to another depot',
  unitInOtherDepotField: () => 'belongs to another depot',
  sameUnit: () => 'The lot is already in this unit',
  capacityExceeded: (unit: string, freeKg: number, kg: number) => `${unit} has room for ${freeKg} kg, not ${kg} kg`,
  noStockToMove: () => 'The lot has no stock left to move',
  noStockToFreeze: () => 'The lot has no stock left to freeze',
  noStockToCheck: () => 'The lot has no stock left to check',
  onHoldRelease: () => 'The lot is on hold for review; release it first',
  notBestBefore: () => 'Only a lot with a best-before date is checked',
  notOnHold: () => 'The lot is not on hold',

  /** Held bags, alerts closed with a corrective action, and recalls. */
  coldStore: {
    unitNeverRead: () => 'The unit has no temperature reading yet: record one in range first',
    unitStillOutOfRange: (celsius: number, limitC: number | null) => `The unit last read ${celsius} °C${limitC === null ? '' : `, above the ${limitC} °C this food needs`}: move it to a unit in range or record a reading in range first`,
    unitNotReadSinceHold: () => 'The unit has not been read since the hold: record a reading in range, or move the food to a unit in range, first',
    alertAlreadyClosed: () => 'The alert is already closed',
    alertNotResolvable: () => 'Only temperature excursions and missed readings are closed with a corrective action',
    alertStillHolds: (lots: number, bags: number) => `The alert still holds ${[lots ? `${lots} ${plural('en', lots, 'lot', 'lots')}` : '', bags ? enBags(bags) : ''].filter(Boolean).join(' and ')}: release or discard them first`,
    alertUnitStillWarm: () => 'The unit still reads out of range and holds food: move the food or record a reading in range first',
    alertHeld: (lots: number, bags: number) => (lots + bags === 0 ? 'Nothing was held.'
      : `${[lots ? `${lots} ${plural('en', lots, 'lot', 'lots')}` : '', bags ? enBags(bags) : ''].filter(Boolean).join(' and ')} held for review.`),
    alertAction: { moved: 'food moved to another unit', discarded: 'food discarded', repaired: 'unit repaired', checked_ok: 'checked, food fine', other: 'other' } satisfies Record<AlertAction, string>,
    bagNotHeld: () => 'The bag is not held',
    bagNotInStock: (status: string) => `Only bags in stock, reserved or held are moved; this one is ${status}`,
    bagInOtherDepot: () => 'is in another depot than the unit',
    bagUnitClass: (unitClass: TemperatureClass, bagClass: TemperatureClass) => `a ${bagClass} bag does not go to a ${unitClass} unit`,
    noUnitOfClass: (cls: TemperatureClass) => `The depot has no ${cls} storage unit for the bags`,
    bagNotFound: () => 'no such bag',
    recallMatchesNothing: () => 'The recall matches no lot: nothing was recalled',
    recallOtherPoint: () => 'This recall did not reach your point',
    recallNotified: () => 'Your point has nothing of this recall to acknowledge',
    recallAcknowledged: () => 'Your point has already acknowledged this recall',
    recallNote: { note_personal_identity_code: 'an identity code', note_phone_number: 'a phone number', note_email_address: 'an email address' } satisfies Record<RecallNoteRule, string>,
    recallNotePersonal: (what: string) => `The note contains ${what}: write what the point did (bags returned, households told), never who was served`,
    late: 'entered afterwards',
    lotRecalled: () => 'The lot was recalled: it never goes back into stock',
  },

  // A site's location
  locationMissing: () => 'Location missing: give the address and municipality, or the latitude and longitude, e.g. 61.69, 27.27.',
  addressNotFound: (query: string) => `No place was found for the address "${query}". Check the street and number, or give the latitude and longitude, e.g. 61.69, 27.27.`,
  addressNotFoundField: () => 'no place found for this address',
  geocoderUnavailable: (status?: number) => `The address could not be looked up just now (the geocoder ${status ? `answered ${status}` : 'did not answer'}). Try again shortly, or give the latitude and longitude, e.g. 61.69, 27.27.`,

  // Packing
  notADepot: () => 'depotId must name a depot',
  isNotADepot: () => 'is not a depot',
  packingKeptChanging: () => 'The stock kept changing while packing; retry the request',
  noSuchLot: (lotId: string) => `No such lot: ${lotId}`,
  noSuchLotField: () => 'no such lot',
  lotInOtherDepot: (lotId: string) => `Lot ${lotId} is stored in another depot`,
  lotInOtherDepotField: () => 'is in another depot',
  stockForBags: (available: number, asked: number, cls: TemperatureClass, bagType: BagType, usableKg: number, unusable: readonly { rule: SafetyRule; kg: number }[]) =>
    `stock for ${available} of ${asked} ${cls} ${bagType} bags (${usableKg} kg usable${unusable.length ? `; not usable: ${unusable.map((u) => `${u.kg} kg ${en.terms.safetyRule[u.rule]}`).join(', ')}` : ''})`,
  bagBelowMinimum: (bagType: BagType, minKg: number, kg: number) => `a ${bagType} bag weighs at least ${minKg} kg, not ${kg} kg`,
  lotNamedTwice: (lotId: string) => `lot ${lotId} is named twice`,
  pickWeightPositive: () => 'the weight must be more than 0 kg',
  bagDoesNotTake: (bagType: BagType, category: Category) => `a ${bagType} bag does not take ${en.terms.category[category]}`,
  lotHoldsLess: (lotId: string, stockKg: number, kg: number) => `lot ${lotId} holds ${stockKg} kg, not ${kg} kg`,
  tooFewGrams: (kg: number, bags: number, bagType: BagType, minKg: number) => `${kg} kg cannot fill ${enBags(bags, bagType)} of at least ${minKg} kg`,

  // Sites, users
  depotNotServed: () => 'A depot is not served by another depot',
  pointRequired: () => 'A point lead must be bound to a point (pointId)',
  notAPoint: () => 'pointId must name a food-bank point',
  pointNotAllowed: () => 'Only a point lead is bound to a point',
  duplicateDistributionDay: (weekday: Weekday, start: string, end: string) => `The point already distributes on ${weekday} ${start}–${end}`,
  emailTaken: (email: string) => `A user with email ${email} already exists`,

  // Reservations and deliveries
  dateInPast: (date: string, today: string) => `${date} is in the past (today is ${today} in Helsinki)`,
  afterPlanningCutoff: (date: string, cutoff: string) => `Reservations for ${date} closed at ${cutoff} Helsinki time the evening before; ask a coordinator`,
  notADistributionDay: (date: string, weekday: Weekday, days: readonly Weekday[]) =>
    `${date} is a ${en.terms.weekday[weekday]}; the point distributes on ${days.map((d) => en.terms.weekday[d]).join(', ') || 'no day yet'}`,
  illegalTransition: (status: ReservationStatus, action: ReservationStatus) => `A ${en.terms.reservationStatus[status]} reservation cannot be ${en.terms.reservationStatus[action]}`,
  pointWithoutDepot: () => 'The network has no depot to serve this point yet',
  donorWithoutDepot: () => 'The network has no depot to record this delivery at yet',
  capExceeded: (remaining: number, bagType: BagType, date: string, asked: number) => `The point's cap leaves ${enBags(remaining, bagType)} for ${date}; ${asked} asked`,
  insufficientBags: (held: number, bagType: BagType, cls: TemperatureClass | null, date: string, asked: number) =>
    `Only ${held} ${cls ? `${cls} ` : ''}${bagType} ${plural('en', held, 'bag is', 'bags are')} available for ${date}; ${asked} asked`,
  unknownReservation: () => 'A reservation of this delivery does not exist',
  tooManyDelivered: (delivered: number, total: number) => `${enBags(delivered)} reported delivered but only ${total} ${total === 1 ? 'was' : 'were'} dispatched`,
  notDispatched: (status: ReservationStatus) => `A ${en.terms.reservationStatus[status]} reservation has not left the depot; there is nothing to confirm`,
  tooManyReceived: (received: number, reserved: number) => `${enBags(received)} received but only ${reserved} ${reserved === 1 ? 'was' : 'were'} reserved`,
  alreadyConfirmed: (bags: number) => `Receipt was already confirmed with ${enBags(bags)}`,
  alreadyDelivered: (bags: number) => `The delivery was already recorded with ${enBags(bags)}`,

  // Routes and drivers
  notADelivery: () => 'bagsDelivered applies to a delivery stop; this is a pickup',
  notAPickup: () => 'kgCollected applies to a pickup stop; this is a delivery',
  stopAlreadyCompleted: () => 'This stop was already completed with another outcome',
  stopNotDone: () => 'Only a stop marked done can be corrected; mark it done first',
  correctionNeedsKg: () => 'This is a pickup: correct the kilos collected (kgCollected)',
  correctionNeedsBags: () => 'This is a delivery: correct the bags delivered (bagsDelivered)',
  correctionUnchanged: () => 'The stop already has this figure; nothing to correct',
  correctionAfterRouteDay: (date: string) => `Only a coordinator can correct a stop after its route's day (${date}); ask the coordinator`,
  bagsNotReturned: (more: number, available: number) => `${enBags(more)} more cannot be delivered: only ${available} of the bags that came back from this stop ${available === 1 ? 'is' : 'are'} still in stock or discarded`,
  alreadyPublished: () => 'This plan version is published and never changes; re-plan the day to make a new version',
  planNotReady: (status: string) => `A ${term(en.terms.planStatus, status)} plan cannot be published; wait until it is done`,
  newerVersionPublished: (version: number) => `Version ${version} of this day is already published`,
  duplicateRoute: () => 'A route appears twice in assignments',
  unknownRoute: () => 'A route of the assignments is not in this plan',
  routeWithoutDriver: () => 'Every route needs a driver before the plan is published',
  driverDoubleBooked: () => 'A driver can drive only one route of a plan',
  notADriver: () => 'Every assigned user must be an active driver',
  routingEngineError: (detail: string) => `The routing engine (OSRM) answered ${detail}`.trim(),
  routingEngineUnreachable: (url: string, reason: string) => `The routing engine (OSRM) at ${url} is unreachable: ${reason}`,
  routingEngineNoRoute: (i: number, j: number) => `The routing engine (OSRM) finds no road between locations ${i} and ${j}`,

  // Drivers' stop records
  planNotPublished: () => 'Stops of a plan can be recorded once the plan is published',
  completedInFuture: () => 'completedAt is in the future',
  beforeRouteDay: (date: string) => `This route is for ${date}; its stops can be marked done or skipped from that day on`,
  completedAfterRouteDay: (date: string) => `This stop belongs to the route of ${date}: it may be recorded later, but as done on that day (completedAt on ${date})`,
  loadingOnAnotherDay: (date: string, today: string) => `This route is for ${date}; it is loaded on that day, not on ${today}`,
  routeNotLoaded: () => 'The route has not been loaded: confirm the loading ("Loaded, leaving") before handing out its bags',
  bagPastHandOut: (asked: number, may: number, day: string, codes: readonly string[]) =>
    `${enBags(asked)} to hand out on ${day}, but only ${may} may still be handed out that day; past their hand-out date: ${codes.join(', ')}`,
  bagsUnsettled: (date: string) => `These bags were neither delivered nor returned on their route's day ${date}; they can now only be returned (with coldChainKept) or discarded`,
  stopDoneNotSkipped: () => 'This stop was already done; it cannot be skipped',
  stopSkippedOtherReason: () => 'This stop was already skipped for another reason',

  // Users, organisations
  phoneRequired: () => 'Text messages need a phone number',
  registrationInFuture: (date: string) => `A food-aid registration on ${date} has not happened yet`,
  organisationNameTaken: (name: string) => `An organisation named ${name} already exists`,
  nameTaken: () => 'another organisation has this name',
  nulCharacter: (where: string, path: string) => `Invalid ${where}: ${path} contains a NUL character`,
  noNulCharacter: () => 'must not contain a NUL character',

  // Shifts
  unknownSite: () => 'siteId names no site',
  noSuchSite: () => 'no such site',
  wrongSiteKind: (kind: string, wanted: string, given: string) =>
    `A ${term(en.terms.shiftKind, kind)} shift takes place at a ${term(en.terms.siteKind, wanted)}, not a ${term(en.terms.siteKind, given)}`,
  onlyCoordinatorSignsUpOthers: () => 'Only a coordinator signs up or cancels someone else',
  shiftCancelled: () => 'This shift was cancelled',
  notSignedUp: () => 'This user is not signed up for the shift',
  shiftStartedNoCancel: () => 'This shift has already started; its sign-ups can no longer be cancelled',
  shiftNotStarted: () => 'Attendance is recorded once the shift has started',
  attendanceNeedsSignup: () => 'Attendance is recorded only for someone signed up for the shift',
  userInactive: () => 'This volunteer is not active',
  roleNotEligible: (kind: string, roles: readonly string[], role: string) =>
    `A ${term(en.terms.shiftKind, kind)} shift is for ${roles.map((r) => term(en.terms.role, r)).join(', ')}; this user is ${term(en.terms.role, role)}`,
  noHygienePassport: () => 'Packing unpackaged perishable food needs a valid hygiene passport; there is no hygiene passport on record',
  hygienePassportExpired: (until: string, shiftDay: string) =>
    `Packing unpackaged perishable food needs a valid hygiene passport; the hygiene passport expired on ${until}, before the shift on ${shiftDay}`,
  shiftStartedNoSignup: () => 'This shift has already started; it takes no more sign-ups',
  shiftFull: (needed: number) => `This shift has the ${needed} people it needs`,

  // Distributions
  distributionInFuture: (date: string, today: string) => `A distribution on ${date} has not happened yet (today is ${today})`,
  personsOverBound: (n: number, max: number) => `${n} persons at one point in one day is over the bound of ${max}`,
  householdsOverBound: (n: number, max: number) => `${n} households at one point in one day is over the bound of ${max}`,
  householdsExceedPersons: (households: number, persons: number) => `${households} households but ${persons} persons: every household has at least one person`,
  groupsNeedPersons: () => 'Children and seniors are counted among the persons: give persons too',
  groupsExceedPersons: (children: number, seniors: number, persons: number) => `${children} children and ${seniors} seniors are more than the ${persons} persons`,
  bagsOverBound: (n: number, max: number) => `${n} bags at one point in one day is over the bound of ${max}`,
  noteIdentityCode: () => 'The note contains a personal identity code; record counts only, never who was served',
  notePhoneNumber: () => 'The note contains a phone number; record counts only, never who was served',
  noteEmailAddress: () => 'The note contains an email address; record counts only, never who was served',
  correctionOtherDay: (date: string, other: string) =>
    `A correction corrects the counts of the day it corrects (${date}), not ${other}; a record on the wrong day is corrected to zero households and bags on its own day, and the right day recorded anew`,
  alreadySuperseded: (id: string, by: string) => `Distribution ${id} was already corrected by ${by}; correct that one`,
  distributionExists: (date: string, id: string) => `Point already has a distribution on ${date} (${id}); correct it with supersedes`,

  // Date windows (`?from=&to=` on every route)
  invalidRange: (from: string, to: string) => `from (${from}) is after to (${to})`,
  mustNotBeBeforeFrom: () => 'must not be before from',
  rangeTooLong: (years: number, from: string, to: string) => `a report spans at most ${years} years; ${from}..${to} is longer`,
  mustBeWithinYearsOfFrom: (years: number) => `must be less than ${years} years after from`,

  // What a driver does at a stop (the app and the route sheet); kilos already rounded for reading
  stopTask: {
    pickUp: (kg: number, site: string) => `Pick up about ${kg} kg from ${site}`,
    deliver: (lines: readonly BagLine[], site: string) =>
      `Deliver ${lines.map((b) => `${enBags(b.bags, b.bagType)}${b.temperatureClass && b.temperatureClass !== 'ambient' ? ` (${en.terms.temperatureClass[b.temperatureClass]})` : ''}`).join(', ')} to ${site}`,
    nothingToDeliver: (site: string) => `Nothing to deliver to ${site} (cancelled)`,
  },

  // Printable reports: the funder's report and the donor's certificate
  report: {
    /** Headers of the tallies CSV: in English the field names of the JSON (clients read them), in Finnish words. */
    tallyColumns: {
      period: 'period', key: 'key', name: 'name', kgIn: 'kgIn', kgDiscarded: 'kgDiscarded', kgDiscardedSpoiled: 'kgDiscardedSpoiled', kgDiscardedExpired: 'kgDiscardedExpired',
      kgDiscardedTemperature: 'kgDiscardedTemperature', kgDiscardedRecall: 'kgDiscardedRecall', kgDiscardedOther: 'kgDiscardedOther', kgAdjusted: 'kgAdjusted',
      bagsPacked: 'bagsPacked', kgPacked: 'kgPacked', bagsDelivered: 'bagsDelivered', kgDelivered: 'kgDelivered', kgRefused: 'kgRefused',
      kgRefusedUseByPast: 'kgRefusedUseByPast', kgRefusedTooWarm: 'kgRefusedTooWarm', kgRefusedDamaged: 'kgRefusedDamaged', kgRefusedSpoiled: 'kgRefusedSpoiled', kgRefusedOther: 'kgRefusedOther',
    },
    period: 'Period',
    network: 'Whole network',
    noOrganisation: 'No organisation',
    foodAidRegistered: 'Food-aid registration',
    registeredYes: 'yes',
    registeredNo: 'no',
    notRegistered: 'no food-aid registration',
    printedOn: 'Printed',
    print: 'Print',
    /** Words of download names ("own-check-Cold-room-2026-11-07–2026-12-07.csv"). */
    fileNames: {
      ownCheck: 'own-check', funder: 'funder-report', tallies: 'tallies', recall: 'recall', lot: 'lot', audit: 'audit-trail',
      by: { point: 'by-point', donor: 'by-donor', category: 'by-category', bagType: 'by-bag-type', organisation: 'by-organisation' },
      period: { day: 'daily', week: 'weekly', month: 'monthly' },
    },
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
    /** The reports chart (`GET /reports/chart.svg`): its panels and axes follow the chosen period. */
    chart: {
      title: (period: string) => `Kassi ${period}`,
      kgIn: { day: 'Kilos in per day', week: 'Kilos in per week', month: 'Kilos in per month' },
      bagsDelivered: { day: 'Bags delivered per day', week: 'Bags delivered per week', month: 'Bags delivered per month' },
      axis: { day: 'Day', week: 'Week', month: 'Month' },
      kg: 'kg',
      bags: 'bags',
      all: 'All',
    },
    certificateTitle: 'Certificate of donated food',
    certificateIntro: (donor: string) => `${donor} donated the food listed below to food aid. It was received to be handed out as food aid.`,
    donor: 'Donor',
    month: 'Month',
    category: 'Category',
    total: 'Total',
    kgReceived: 'Received (kg)',
    kgRefused: 'Refused at receipt (kg)',
    refusalReasons: { use_by_past: 'Use-by date past', too_warm: 'Too warm', damaged: 'Damaged packaging', spoiled: 'Spoiled', other: 'Other reason' } satisfies Record<RefusalReason, string>,
    nothingReceived: 'Nothing was received in this period.',
    co2eAvoided: 'Greenhouse-gas emissions avoided (kg CO₂e)',
    co2eBasis: (factor: string) => `Computed from the kilos received with a factor of ${factor} kg CO₂e per kg of food.`,
    co2eSource: 'Source',
    co2eDerivation: 'Food produced and not eaten causes 3.3 Gt CO₂e a year worldwide (without land-use change), for about 1.3 Gt of food wasted a year: 3.3 / 1.3 ≈ 2.5 kg CO₂e per kg (rounded down).',

  },


  // The donor's side: links, skipped pickups and offers
  donor: {
    skipAfterCutoff: (cutoff: string) => `This pickup can no longer be skipped or restored: the cut-off was ${cutoff}`,
    skipPast: (cutoff: string) => `This pickup is already past (the cut-off was ${cutoff})`,
    notAPickupDay: (date: string) => `The schedule has no pickup on ${date}`,
    skipCancelled: () => 'This skip has already been undone',
    offerWindowPast: () => 'must not be in the past',
    offerDecided: (status: 'accepted' | 'declined') => `The offer is already ${status}`,
    windowRequired: (date: string) => `The offer is not ready on ${date}: give the pickup window`,
    pickupWindowPast: () => 'The pickup window has already ended',
    acceptDatePast: () => 'must not be in the past',
    notActiveDonor: () => 'is not an active donor',
    linkRevoked: () => 'This link has already been revoked',
    notRouted: (reason: InsertionRefusal) => `No route can take this: ${refusalText('en', reason)}. The offer is still open: you may take it for tomorrow.`,
  },

  // The audit trail's CSV: in English the field names of the JSON, in Finnish words
  audit: {
    columns: { at: 'at', actorName: 'actorName', actorRole: 'actorRole', entity: 'entity', entityId: 'entityId', action: 'action', changed: 'changed', before: 'before', after: 'after' },
  },
};

export type Messages = typeof en;

const fiTerms: Messages['terms'] = {
  category: {
    bread: 'leipä', dairy: 'maitotuotteet', meat: 'liha', minced_meat: 'jauheliha', eggs: 'kananmunat', fish: 'kala', smoked_fish: 'kylmäsavu- tai graavikala', ready_meals: 'valmisruoka',
    fruit_veg: 'hedelmät ja vihannekset', dry_goods: 'kuivatuotteet', non_food: 'muut kuin elintarvikkeet', frozen: 'pakasteet',
  },
  temperatureClass: { ambient: 'huoneenlämpö', chilled: 'kylmä', frozen: 'pakaste' },
  dateKind: { use_by: 'viimeinen käyttöpäivä', best_before: 'parasta ennen', none: 'ei päiväystä' },
  bagType: { food: 'ruoka', bread: 'leipä', family: 'perhe', hygiene: 'hygienia' },
  weekday: { mon: 'maanantai', tue: 'tiistai', wed: 'keskiviikko', thu: 'torstai', fri: 'perjantai', sat: 'lauantai', sun: 'sunnuntai' },
  discardReason: { spoiled: 'pilaantunut', expired: 'vanhentunut', temperature: 'lämpötila', recall: 'takaisinveto', other: 'muu syy' },
  alertKind: { excursion: 'lämpötilapoikkeama', reading_missed: 'puuttuva kirjaus', bags_unsettled: 'kassit selvittämättä', ride_too_long: 'kylmäkuljetus liian pitkä' },
  reservationStatus: { held: 'varattu', dispatched: 'matkalla', delivered: 'toimitettu', cancelled: 'peruttu' },
  planStatus: { queued: 'jonossa', running: 'käynnissä', done: 'valmis', failed: 'epäonnistunut', published: 'julkaistu' },
  notificationStatus: { pending: 'odottaa lähetystä', sent: 'lähetetty', failed: 'epäonnistunut', inbox: 'vain sovelluksessa' },
  shiftKind: { warehouse: 'Varastovuoro', packing: 'Pakkausvuoro', driving: 'Ajovuoro', point: 'Jakopistevuoro' },
  siteKind: { depot: 'varasto', donor: 'lahjoittaja', point: 'jakopiste' },
  role: { coordinator: 'koordinaattori', warehouse: 'varastovapaaehtoinen', point_lead: 'jakopisteen vastaava', driver: 'kuljettaja' },
  safetyRule: {
    invalid_weight: 'virheellinen paino', non_positive_kg: 'ei painoa', line_too_heavy: 'liian painava rivi', date_missing: 'päiväys puuttuu',
    date_unexpected: 'päiväys ilman päiväyslajia', date_invalid: 'virheellinen päiväys', use_by_past: 'viimeinen käyttöpäivä mennyt',
    smoked_fish_past_use_by: 'kylmäsavu- tai graavikala, viimeinen käyttöpäivä mennyt', class_warmer_than_category: 'säilytetty liian lämpimässä',
    receipt_too_warm: 'liian lämmin vastaanotossa', receipt_celsius_missing: 'vastaanottolämpötila puuttuu', invalid_temperature: 'virheellinen lämpötila',
    frozen_on_not_frozen: 'pakastuspäivä, mutta ei pakaste', frozen_on_in_future: 'pakastuspäivä tulevaisuudessa', frozen_after_use_by: 'pakastettu viimeisen käyttöpäivän jälkeen',
    unit_class_mismatch: 'väärän lämpötilaluokan tilassa', freeze_not_chilled: 'ei kylmätuote', freeze_after_use_by: 'liian myöhään pakastettavaksi',
    on_hold: 'pidätetty', no_stock: 'ei saldoa', best_before_unchecked: 'parasta ennen mennyt, tarkastamatta', best_before_check_expired: 'parasta ennen -tarkastus vanhentunut',
    eggs_past_best_before: 'kananmunat, parasta ennen mennyt', frozen_shelf_life_over: 'pakasteena liian kauan',
    use_by_required: 'viimeinen käyttöpäivä puuttuu', date_kind_required: 'päiväys puuttuu', frozen_on_required: 'pakastuspäivä puuttuu',
    best_before_too_old: 'liian kauan parasta ennen -päivän jälkeen',
  },
  thing: {
    lot: 'Erää', reservation: 'Varausta', point: 'Jakopistettä', donor: 'Lahjoittajaa', depot: 'Varastoa', site: 'Kohdetta', route: 'Reittiä',
    stop: 'Pysähdystä', routePlan: 'Reittisuunnitelmaa', packingRun: 'Pakkausajoa', storageUnit: 'Säilytystilaa', object: 'Kohdetta',
    user: 'Käyttäjää', shift: 'Vuoroa', alert: 'Hälytystä', recall: 'Takaisinvetoa', bag: 'Kassia', organisation: 'Organisaatiota', distribution: 'Jakoa', intake: 'Vastaanottoa', notification: 'Viestiä',
    donorLink: 'Lahjoittajan linkkiä', offer: 'Tarjousta', skip: 'Peruutusta', schedule: 'Noutoaikataulua',
  },
};
const cls = (c: TemperatureClass) => fiTerms.temperatureClass[c];
/** `1 ruokakassi`, `2 ruokakassia`, `3 kassia`: the bag type's word joins `kassi` as a compound. */
const fiBags = (n: number, bagType?: string) => `${n} ${bagType ? term(fiTerms.bagType, bagType) : ''}${plural('fi', n, 'kassi', 'kassia')}`;
const fiVerb: Record<ReservationStatus, string> = { held: 'varata uudelleen', dispatched: 'lähettää', delivered: 'kirjata toimitetuksi', cancelled: 'perua' };

export const fi: Messages = {
  terms: fiTerms,
  num: fiNum,
  date: fiDate,
  bags: fiBags,

  title: {
    400: 'Virheellinen pyyntö', 401: 'Tunnistautuminen puuttuu', 403: 'Ei sallittu', 404: 'Ei löydy', 405: 'Menetelmä ei ole sallittu',
    408: 'Pyyntö aikakatkaistiin', 409: 'Ristiriita', 413: 'Pyyntö on liian suuri', 414: 'Osoite on liian pitkä',
    415: 'Sisältötyyppiä ei tueta', 417: 'Odotusta ei voida täyttää', 422: 'Pyyntöä ei voida käsitellä', 429: 'Liian monta pyyntöä',
    431: 'Otsakkeet ovat liian suuret', 500: 'Sisäinen palvelinvirhe', 503: 'Palvelu ei ole käytettävissä',
  },

  notFound: (what) => `${what} ei löydy`,
  noRoute: (method, url) => `Osoitetta ${method} ${url} ei ole`,
  unauthorized: () => 'Kirjaudu sisään (voimassa oleva tunniste puuttuu)',
  wrongPassword: () => 'Väärä sähköposti tai salasana',
  forbidden: () => 'Roolisi ei salli tätä toimintoa',
  noAccessPolicy: () => 'Tällä osoitteella ei ole käyttöoikeussääntöä',
  internal: () => 'Sisäinen virhe',
  unavailable: () => 'Palvelu ei juuri nyt vastaa; yritä hetken päästä uudelleen',
  queueUnavailable: () => 'Työjono ei juuri nyt vastaa; yritä hetken päästä uudelleen',
  tooManyRequests: () => 'Liian monta pyyntöä; yritä myöhemmin uudelleen',
  tooManyAttempts: (seconds) => `Liian monta yritystä; yritä uudelleen ${seconds} s kuluttua`,
  tooManySignIns: (minutes) => `Liian monta kirjautumisyritystä tälle tilille; yritä uudelleen ${minutes} minuutin kuluttua`,
  signInsBusy: () => 'Moni kirjautuu juuri nyt; yritä hetken päästä uudelleen',
  badRequest: (message) => `Virheellinen pyyntö: ${message}`,
  invalidCursor: () => 'Sivutustunniste ei ole tämän palvelun antama',
  bodyTooLarge: () => 'Pyyntö on liian suuri',
  unsupportedMediaType: () => 'Sisältötyyppiä ei tueta; lähetä application/json',
  headersTooLarge: () => 'Pyynnön otsakkeet ovat suuremmat kuin palvelin hyväksyy',
  requestTimeout: () => 'Pyynnön saapuminen kesti liian kauan',
  notHttp: () => 'Pyyntö ei ole kelvollista HTTP:tä',
  emptyBody: () => 'JSON-sisältö on tyhjä',
  invalidJson: () => 'Sisältö ei ole kelvollista JSONia',
  jsonTooDeep: (max) => `Sisältö on sisäkkäin syvemmällä kuin ${max} tasoa`,
  wrongCurrentPassword: () => 'Nykyinen salasana ei ole oikein',
  resetCodeInvalid: () => 'Palautuskoodi on väärä, käytetty tai vanhentunut; pyydä koordinaattorilta uusi',
  lastCoordinator: () => 'Verkoston viimeistä aktiivista koordinaattoria ei voi poistaa käytöstä eikä poistaa; tee ensin joku toinen koordinaattoriksi',
  userErased: () => 'Henkilön tiedot on poistettu: tiliä ei voi enää muuttaa',
  invalidContentLength: () => 'Content-Length ei vastaa sisältöä',
  invalidUrl: () => 'Osoite ei ole kelvollinen (rikkinäinen prosenttikoodaus)',
  urlPartTooLong: () => 'Osoitteen osa on liian pitkä',
  missingHost: () => 'HTTP/1.1-pyynnössä pitää olla Host-otsake',
  expectationFailed: (expect) => `Expect: ${expect} ei ole tuettu; lähetä pyyntö ilman sitä`,
  shuttingDown: () => 'Palvelin on sammumassa; yritä hetken päästä uudelleen',
  webAppNotBuilt: (command) => `Sovellusta ei ole koottu: aja ${command}`,

  alreadyExists: () => 'Samoilla tiedoilla on jo tietue',
  unknownReference: () => 'Pyyntö viittaa tietueeseen, jota ei ole',
  constraintViolation: () => 'Muutos rikkoisi varasto- tai eheyssäännön',
  invalidValue: () => 'Arvo on väärässä muodossa',
  outOfRange: () => 'Luku on sallitun alueen ulkopuolella',
  concurrentUpdate: () => 'Samanaikainen muutos esti tallennuksen; yritä uudelleen',

  invalidIdempotencyKey: () => 'Idempotency-Key on 1–255 näkyvää ASCII-merkkiä',
  idempotencyInProgress: () => 'Samaa tallennusta käsitellään vielä; yritä hetken päästä uudelleen',
  idempotencyKeyReused: () => 'Tämä Idempotency-Key on jo käytetty toisenlaiseen pyyntöön',
  idempotencyAnswerPurged: () => 'Tämä on jo tallennettu; vastausta ei enää säilytetä. Lataa sivu uudelleen nähdäksesi sen.',

  invalidPart: (where, list) => `Virheellinen ${{ body: 'sisältö', querystring: 'kysely', params: 'osoite', headers: 'otsake' }[where] ?? where}: ${list}`,
  unknownField: () => 'ei ole tunnettu kenttä',
  check: {
    atMost3Decimals: () => 'enintään 3 desimaalia',
    greaterThanZero: () => 'täytyy olla suurempi kuin 0',
    notZero: () => 'ei saa olla 0',
    hhmm: () => 'muodossa TT:MM',
    mmdd: () => 'muodossa KK-PP',
    realDayOfYear: () => 'päivää ei ole vuodessa',
    atMostKg: (max) => `enintään ${fiNumber(max, 3)} kg`,
    betweenKg: (min, max) => `${fiNumber(min, 3)}–${fiNumber(max, 3)} kg`,
    adjustLimit: (max) => `enintään ${fiNumber(max, 3)} kg suuntaansa`,
    oneFieldToChange: () => 'anna vähintään yksi muutettava kenttä',
    weekdaysRepeat: () => 'viikonpäivä ei saa toistua',
    endAfterStart: (end, start) => `${end} täytyy olla ${start} jälkeen`,
    bothOrNeither: (a, b) => `anna sekä ${a} että ${b}, tai ei kumpaakaan`,
    oneOf: () => 'anna joko noudettu paino tai toimitettujen kassien määrä (yksi niistä)',
    reasonForDiscard: () => 'syy vaaditaan, kun palautetut kassit hävitetään',
    recallLotOrDonor: () => 'anna joko lotId, product ja/tai batch, tai donorId ja from ja to',
    recallOneCriterion: () => 'anna lotId, product, batch tai donorId (product ja batch voivat olla yhdessä, from ja to minkä tahansa paitsi lotId:n kanssa)',
    recallDonorRange: () => 'donorId tarvitsee from- ja to-päivät',
    recallLotNoRange: () => 'from ja to kuuluvat donorId:lle, eivät lotId:lle',
    phoneNumber: () => 'puhelinnumero, esim. +358 40 123 4567',
    printableName: () => 'yksi rivi tekstiä ilman ohjausmerkkejä',
    afterStart: () => 'täytyy olla alun jälkeen',
    shiftAtMostHours: (hours) => `vuoro kestää enintään ${count('fi', hours, 'tunnin', 'tuntia')}`,
    noShowNoMinutes: () => 'poissaolijalle ei kirjata minuutteja',
    noteForOther: () => 'huomautus vaaditaan, kun syy on muu',
    betweenDates: (from, to) => `välillä ${fiDate(from)}–${fiDate(to)}`,
    businessId: () => 'kelvollinen Y-tunnus (1234567-8, tarkistusmerkin kanssa)',
    lineOrRefusal: () => 'anna vähintään yksi rivi tai yksi erä, jonka vastaanotosta kieltäydyttiin',
    readyUntilAfterFrom: () => 'pitää olla myöhemmin kuin readyFrom',
    windowEndAfterStart: () => 'pitää olla myöhemmin kuin window.start',
    categoriesRepeat: () => 'tuoteryhmä ei saa toistua',
  },

  // Finnish counts lines from 1 for people; English keeps the index of `body.lines`.
  onLine: (line, message) => `rivi ${line + 1}: ${message}`,
  onLot: (lotId, message) => `erä ${lotId}: ${message}`,
  wholeGrams: () => 'painon täytyy olla kokonainen määrä grammoja',
  nonPositiveKg: () => 'painon täytyy olla yli 0 kg',
  lineTooHeavy: (maxKg) => `yksi rivi saa painaa enintään ${fiNum(maxKg)} kg`,
  dateUnexpected: () => 'rivillä ilman päiväyslajia ei saa olla päiväystä',
  dateMissing: (kind) => `rivi tarvitsee päiväyksen (${fiTerms.dateKind[kind]})`,
  dateInvalid: (date) => `ei päivämäärä (VVVV-KK-PP): ${date}`,
  useByPastIntake: (date) => `viimeinen käyttöpäivä ${fiDate(date)} on mennyt: tuotetta ei saa ottaa ruoka-apuun`,
  smokedFishPastUseByIntake: (date) => `kylmäsavu- tai graavikalaa, jonka viimeinen käyttöpäivä ${fiDate(date)} on mennyt, ei saa ottaa ruoka-apuun, ei pakastettunakaan`,
  frozenOnNotFrozen: () => 'pakastuspäivä kuuluu vain pakasteriville',
  frozenOnInFuture: (date) => `pakastuspäivä ${fiDate(date)} on tulevaisuudessa`,
  frozenAfterUseBy: (frozenOn, useBy) => `pakastettu ${fiDate(frozenOn)}, viimeisen käyttöpäivän ${fiDate(useBy)} jälkeen: liian myöhään ruoka-apuun`,
  receiptCelsiusMissing: (c) => `${cls(c)}tuotteen lämpötila on mitattava vastaanotossa`,
  frozenShelfLifeOver: (frozenOn, until) => `pakastettu ${fiDate(frozenOn)}: saa jakaa ${fiDate(until)} asti`,
  useByRequired: (category) =>
    `${fiTerms.category[category]} on helposti pilaantuvaa ja tarvitsee viimeisen käyttöpäivän: valitse päiväyslajiksi viimeinen käyttöpäivä ja kirjaa päivä pakkauksesta`,
  dateKindRequired: (category) => `${fiTerms.category[category]}: tuotteessa on aina päiväys; valitse päiväyslaji ja kirjaa päivä pakkauksesta`,
  frozenOnRequired: (category) =>
    `${fiTerms.category[category]} saapui pakastettuna: kirjaa lahjoittajan pakastuspäivä (pakkauksesta tai lahjoittajalta); ilman sitä kirjaa erä hylätyksi`,
  pointNotRegistered: (name) =>
    `Jakopiste ${name} ei voi tehdä varauksia: sen organisaatiolla ei ole ruoka-apurekisteröintiä kunnan elintarvikevalvonnassa. Pyydä koordinaattoria kirjaamaan rekisteröinti`,
  rawWithReadyToEat: (rawKg, raw, readyKg, ready, fefo) =>
    `raakaa lihaa tai kalaa (${raw.map((c) => fiTerms.category[c]).join(', ')}, ${fiNum(rawKg)} kg) ei pakata samaan kassiin syömävalmiin ruoan `
    + `(${ready.map((c) => fiTerms.category[c]).join(', ')}, ${fiNum(readyKg)} kg) kanssa`
    + (fefo ? `, eivätkä nämä kilot jakaudu ${fefo.bags} erilliseen ${fiNum(fefo.targetKg)} kg:n kassiin: pakkaa vähemmän kasseja tai raaka ja syömävalmis ruoka omina ajoinaan`
      : ': pakkaa ne eri ajoissa'),
  packerNeedsHygienePassport: (lots) =>
    `${lots.join(', ')}: pakkaamatonta helposti pilaantuvaa ruokaa pakkaa vain henkilö, jolla on voimassa oleva hygieniapassi. Pyydä koordinaattoria lisäämään passisi, tai jätä nämä erät passin omaavalle pakkaajalle`,
  bestBeforeTooOld: (date, days) => (days === 0
    ? `parasta ennen -päivä ${fiDate(date)} on mennyt, eikä tätä tuotetta jaeta sen jälkeen: hävitä se`
    : `parasta ennen -päivästä ${fiDate(date)} on yli ${count('fi', days, 'päivä', 'päivää')}: liian vanha ruoka-apuun, hävitä se`),
  eggsPastBestBefore: (date) => `kananmunia ei pakata parasta ennen -päivän ${fiDate(date)} jälkeen`,
  eggsPastBestBeforeIntake: (date) => `kananmunien parasta ennen -päivä ${fiDate(date)} on mennyt: niitä ei pakata, joten niitä ei oteta vastaan; kirjaa ne hylätyiksi`,
  bestBeforeCheckExpired: (checkedOn, days) => `parasta ennen -tarkastus ${fiDate(checkedOn)} on yli ${count('fi', days, 'päivän', 'päivää')} vanha: tarkasta uudelleen`,
  frozenPastUseByAfterExcursion: (date) => `viimeisen käyttöpäivän ${fiDate(date)} ohittanutta pakastetta ei voi vapauttaa pakastimen lämpötilapoikkeaman jälkeen; hävitä se`,
  bagClassDoesNotTake: (bagClass, lotClass) => `${cls(bagClass)}kassiin ei pakata ${cls(lotClass)}tuotteita`,
  classWarmerThanCategory: (category, usual, given) =>
    `${fiTerms.category[category]}: säilytys vähintään ${cls(usual)}-luokassa, ei ${cls(given)}-luokassa`,
  invalidTemperature: () => 'vastaanottolämpötilan täytyy olla luku (°C)',
  receiptTooWarm: (c, category, celsius, limit) => `${fiTerms.category[category]} (${cls(c)}): lämpötila vastaanotossa ${fiNum(celsius)} °C; raja on ${fiNum(limit)} °C`,
  unitClassMismatch: (c, unitClass) => `${cls(c)}tuotetta ei saa säilyttää ${cls(unitClass)}tilassa`,
  unitIsOtherClass: (unitClass, wanted) => `tila on ${cls(unitClass)}tila, erä tarvitsee ${cls(wanted)}tilan`,
  freezeNotChilled: (c) => `vain kylmäeriä pakastetaan; tämä on ${cls(c)}erä`,
  freezeAfterUseBy: (date) => `viimeinen käyttöpäivä ${fiDate(date)} on mennyt: liian myöhäistä pakastaa`,
  frozenLotWrongUnit: (unitClass) => `pakastettua erää ei saa säilyttää ${cls(unitClass)}tilassa`,
  lotOnHold: () => 'erä on pidätetty tarkastusta varten',
  lotNoStock: () => 'erässä ei ole enää saldoa',
  unassignedReason: {
    no_vehicles: 'Varastolla ei ole autoja',
    too_heavy: 'Kuorma ei mahdu mihinkään autoon (kg tai kassit)',
    no_refrigerated_vehicle: `Kylmä- tai pakasteruoka (nouto tai kylmä- tai pakastekassien toimitus) tarvitsee kylmäauton (tai enintään ${CHILLED_RIDE_MAX_MIN} minuutin kyydin)`,
    no_vehicle_reaches_window: 'Mikään auto ei ehdi paikalle aikaikkunan sisällä (se sulkeutuu ennen vuorojen alkua tai liian pian sen jälkeen)',
    shift_too_short: 'Mikään autovuoro ei ole tarpeeksi pitkä ajoon, käyntiin ja paluuseen',
    no_compatible_vehicle: 'Mikään auto ei täytä tämän käynnin kaikkia ehtoja yhtä aikaa',
    fleet_exhausted: 'Kaikki autot ovat täynnä tai varattuja; lisää auto tai siirrä tehtävä toiselle päivälle',
    no_distribution_day: 'Jakopiste ei jaa tänä viikonpäivänä, joten toimitukselle ei ole aikaikkunaa',
    window_passed: 'Aikaikkuna sulkeutui jo ennen suunnitelman alkua (tämän päivän suunnitelma alkaa nyt). Suunnittele se toiselle päivälle tai sovi uusi aika.',
  },
  alertDetail: (d) => {
    switch (d.code) {
      case 'excursion_unit_limit': return `${d.unitName}: mitattu ${fiNum(d.celsius)} °C; ${cls(d.temperatureClass)}tilan raja on ${fiNum(d.limitC)} °C.`;
      case 'excursion_frozen_warm': return `${d.unitName}: mitattu ${fiNum(d.celsius)} °C; lämpimämpi kuin ${celsius(FROZEN_TARGET_C)} yli ${FROZEN_WARM_HOURS} tuntia.`;
      case 'excursion_lot_limit': return `${d.unitName}: mitattu ${fiNum(d.celsius)} °C; lämpötila ylittää osan erien oman rajan (kala ${celsius(FISH_MAX_C)}, jauheliha ${celsius(MINCED_MEAT_MAX_C)}).`;
      case 'reading_missed': return `${d.unitName}: omavalvonnan lämpötilakirjauksia ${d.readings}/${d.readingsPerDay} päivänä ${fiDate(d.day)}; ${d.missed} puuttuu.`;
      case 'bags_unsettled': return `${d.vehicleName}: reitin ${fiDate(d.date)} ${fiBags(d.bags)} jäi päivän päättyessä toimittamatta ja palauttamatta; palauta tai hävitä ne.`;
      case 'ride_too_long': return `${d.siteName}: kassit (${cls(d.temperatureClass)}) olivat kyydissä ${d.minutes} min ilman kylmäkuljetusta (${d.vehicleName}); raja on ${d.limitMin} min.`;
    }
  },
  smokedFishPastUseBy: (date) => `kylmäsavu- tai graavikala, jonka viimeinen käyttöpäivä ${fiDate(date)} on mennyt, ei koskaan mene kassiin, ei pakastettunakaan`,
  useByPast: (date) => `viimeinen käyttöpäivä ${fiDate(date)} on mennyt`,
  bestBeforeUnchecked: (date) => `parasta ennen ${fiDate(date)} on mennyt: tarvitaan hyväksytty tarkastus sen päivän jälkeen`,
  mustNotBeFuture: () => 'ei saa olla tulevaisuudessa',
  tooFarBack: (days) => `enintään ${count('fi', days, 'päivän', 'päivää')} taaksepäin; koordinaattori voi kirjata kauempaa`,
  beyondHorizon: (horizon, years) => `enintään ${fiDate(horizon)} (${count('fi', years, 'vuosi', 'vuotta')} eteenpäin)`,
  notFailed: (status) => `Vain epäonnistunut viesti lähetetään uudelleen; tämän viestin tila: ${term(fiTerms.notificationStatus, status)}`,
  notADonor: () => 'lahjoittajaa ei ole',
  mixedDepots: () => 'saman vastaanoton rivit menevät saman varaston tiloihin',
  isNotADonor: () => 'ei ole lahjoittaja',

  exceedsLotStock: (stockKg, kg) => `Erässä on ${fiNum(stockKg)} kg, vähemmän kuin ${fiNum(kg)} kg`,
  noSuchUnit: () => 'Säilytystilaa ei ole',
  noSuchUnitField: () => 'säilytystilaa ei ole',
  unitInOtherDepot: () => 'Säilytystila kuuluu toiseen varastoon',
  unitInOtherDepotField: () => 'kuuluu toiseen varastoon',
  sameUnit: () => 'Erä on jo tässä tilassa',
  capacityExceeded: (unit, freeKg, kg) => `Tilaan ${unit} mahtuu ${fiNum(freeKg)} kg, ei ${fiNum(kg)} kg`,
  noStockToMove: () => 'Erässä ei ole siirrettävää saldoa',
  noStockToFreeze: () => 'Erässä ei ole pakastettavaa saldoa',
  noStockToCheck: () => 'Erässä ei ole tarkastettavaa saldoa',
  onHoldRelease: () => 'Erä on pidätetty tarkastusta varten; vapauta se ensin',
  notBestBefore: () => 'Vain parasta ennen -päiväyksellinen erä tarkastetaan',
  notOnHold: () => 'Erä ei ole pidätetty',

  coldStore: {
    unitNeverRead: () => 'Tilasta ei ole vielä lämpötilakirjausta: kirjaa ensin lukema, joka on rajoissa',
    unitStillOutOfRange: (celsius, limitC) => `Tilan viimeisin lukema on ${fiNum(celsius)} °C${limitC === null ? '' : `, yli tämän ruoan rajan ${fiNum(limitC)} °C`}: siirrä ruoka tilaan, jonka lämpötila on rajoissa, tai kirjaa ensin lukema rajoissa`,
    unitNotReadSinceHold: () => 'Tilaa ei ole mitattu pidätyksen jälkeen: kirjaa ensin lukema rajoissa tai siirrä ruoka tilaan, jonka lämpötila on rajoissa',
    alertAlreadyClosed: () => 'Hälytys on jo kuitattu',
    alertNotResolvable: () => 'Korjaavalla toimenpiteellä kuitataan vain lämpötilapoikkeamat ja puuttuvat kirjaukset',
    alertStillHolds: (lots, bags) => `Hälytys pitää yhä pidätettynä ${[lots ? `${lots} ${plural('fi', lots, 'erän', 'erää')}` : '', bags ? fiBags(bags) : ''].filter(Boolean).join(' ja ')}: vapauta tai hävitä ne ensin`,
    alertUnitStillWarm: () => 'Tilan lämpötila on yhä yli rajan ja siellä on ruokaa: siirrä ruoka tai kirjaa ensin lukema rajoissa',
    alertHeld: (lots, bags) => (lots + bags === 0 ? 'Mitään ei pidätetty.'
      : `Pidätetty tarkastusta varten: ${[lots ? `${lots} ${plural('fi', lots, 'erä', 'erää')}` : '', bags ? fiBags(bags) : ''].filter(Boolean).join(' ja ')}.`),
    alertAction: { moved: 'ruoka siirretty toiseen tilaan', discarded: 'ruoka hävitetty', repaired: 'laite korjattu', checked_ok: 'tarkastettu, ruoka kunnossa', other: 'muu toimenpide' },
    bagNotHeld: () => 'Kassi ei ole pidätetty',
    bagNotInStock: (status) => `Vain varastossa olevat, varatut tai pidätetyt kassit siirretään; tämän kassin tila: ${status}`,
    bagInOtherDepot: () => 'on eri varastossa kuin tila',
    bagUnitClass: (unitClass, bagClass) => `${cls(bagClass)}kassi ei mene ${cls(unitClass)}tilaan`,
    noUnitOfClass: (c) => `Varastossa ei ole kassien luokan säilytystilaa (${cls(c)})`,
    bagNotFound: () => 'kassia ei ole',
    recallMatchesNothing: () => 'Takaisinveto ei osu yhteenkään erään: mitään ei vedetty takaisin',
    recallOtherPoint: () => 'Tämä takaisinveto ei koske jakopistettäsi',
    recallNotified: () => 'Jakopisteelläsi ei ole tästä takaisinvedosta kuitattavaa',
    recallAcknowledged: () => 'Jakopisteesi on jo kuitannut tämän takaisinvedon',
    recallNote: { note_personal_identity_code: 'henkilötunnus', note_phone_number: 'puhelinnumero', note_email_address: 'sähköpostiosoite' },
    recallNotePersonal: (what) => `Kuittauksessa on ${what}: kirjoita, mitä jakopiste teki (kassit palautettu, kotitaloudet tavoitettu), älä ketä palveltiin`,
    late: 'kirjattu jälkikäteen',
    lotRecalled: () => 'Erä on vedetty takaisin: se ei palaa varastoon',
  },

  locationMissing: () => 'Sijainti puuttuu: anna osoite ja kunta, tai leveys- ja pituusaste, esim. 61,69, 27,27.',
  addressNotFound: (query) => `Osoitteelle "${query}" ei löytynyt paikkaa. Tarkista katu ja numero, tai anna leveys- ja pituusaste, esim. 61,69, 27,27.`,
  addressNotFoundField: () => 'osoitteelle ei löytynyt paikkaa',
  geocoderUnavailable: (status) => `Osoitetta ei juuri nyt voitu hakea (paikannuspalvelu ${status ? `vastasi ${status}` : 'ei vastannut'}). Yritä hetken päästä uudelleen, tai anna leveys- ja pituusaste, esim. 61,69, 27,27.`,

  notADepot: () => 'varastoa ei ole',
  isNotADepot: () => 'ei ole varasto',
  packingKeptChanging: () => 'Saldo muuttui pakkaamisen aikana; yritä uudelleen',
  noSuchLot: (lotId) => `Erää ei ole: ${lotId}`,
  noSuchLotField: () => 'erää ei ole',
  lotInOtherDepot: (lotId) => `Erä ${lotId} on toisessa varastossa`,
  lotInOtherDepotField: () => 'on toisessa varastossa',
  stockForBags: (available, asked, c, bagType, usableKg, unusable) =>
    `saldo riittää ${available}/${asked} ${fiTerms.bagType[bagType]}kassiin (${cls(c)}; ${fiNum(usableKg)} kg käytettävissä${unusable.length
      ? `; ei käytettävissä: ${unusable.map((u) => `${fiNum(u.kg)} kg ${fiTerms.safetyRule[u.rule]}`).join(', ')}` : ''})`,
  bagBelowMinimum: (bagType, minKg, kg) => `${fiTerms.bagType[bagType]}kassi painaa vähintään ${fiNum(minKg)} kg, ei ${fiNum(kg)} kg`,
  lotNamedTwice: (lotId) => `erä ${lotId} on mainittu kahdesti`,
  pickWeightPositive: () => 'painon täytyy olla yli 0 kg',
  bagDoesNotTake: (bagType, category) => `${fiTerms.bagType[bagType]}kassiin ei pakata: ${fiTerms.category[category]}`,
  lotHoldsLess: (lotId, stockKg, kg) => `erässä ${lotId} on ${fiNum(stockKg)} kg, ei ${fiNum(kg)} kg`,
  tooFewGrams: (kg, bags, bagType, minKg) => `${fiNum(kg)} kg ei riitä ${bags} ${fiTerms.bagType[bagType]}kassiin, joissa kussakin on vähintään ${fiNum(minKg)} kg`,

  depotNotServed: () => 'Varastoa ei palvele toinen varasto',
  pointRequired: () => 'Jakopisteen vastaava on liitettävä jakopisteeseen (pointId)',
  notAPoint: () => 'pointId ei ole jakopiste',
  pointNotAllowed: () => 'Vain jakopisteen vastaava liitetään jakopisteeseen',
  duplicateDistributionDay: (weekday, start, end) => `Jakopisteellä on jo jakopäivä ${fiTerms.weekday[weekday]} klo ${fiClock(start)}–${fiClock(end)}`,
  emailTaken: (email) => `Käyttäjä sähköpostilla ${email} on jo olemassa`,

  dateInPast: (date, today) => `${fiDate(date)} on mennyt (tänään on ${fiDate(today)})`,
  afterPlanningCutoff: (date, cutoff) => `Varaukset päivälle ${fiDate(date)} sulkeutuivat edellisenä iltana klo ${fiClock(cutoff)}; pyydä koordinaattoria`,
  notADistributionDay: (date, weekday, days) =>
    `${fiDate(date)} on ${fiTerms.weekday[weekday]}; jakopäivät ovat ${days.map((d) => fiTerms.weekday[d]).join(', ') || 'vielä sopimatta'}`,
  illegalTransition: (status, action) => `Varausta, jonka tila on ${fiTerms.reservationStatus[status]}, ei voi ${fiVerb[action]}`,
  pointWithoutDepot: () => 'Verkostossa ei ole vielä varastoa, joka palvelisi tätä jakopistettä',
  donorWithoutDepot: () => 'Verkostossa ei ole vielä varastoa, johon tämän toimituksen voisi kirjata',
  capExceeded: (remaining, bagType, date, asked) =>
    `Jakopisteen kiintiöstä on jäljellä ${fiBags(remaining, bagType)} päivälle ${fiDate(date)}; pyydettiin ${asked}`,
  insufficientBags: (held, bagType, c, date, asked) =>
    `Vain ${fiBags(held, bagType)}${c ? ` (${cls(c)})` : ''} on saatavilla päivälle ${fiDate(date)}; pyydettiin ${asked}`,
  unknownReservation: () => 'Toimituksen varausta ei ole',
  tooManyDelivered: (delivered, total) => `Toimitetuksi ilmoitettiin ${fiBags(delivered)}, mutta lähetettiin vain ${total}`,
  notDispatched: (status) => `Varaus (${fiTerms.reservationStatus[status]}) ei ole lähtenyt varastosta; kuitattavaa ei ole`,
  tooManyReceived: (received, reserved) => `Vastaanotettiin ${fiBags(received)}, mutta varattiin vain ${reserved}`,
  alreadyConfirmed: (bags) => `Vastaanotto on jo kuitattu (${fiBags(bags)})`,
  alreadyDelivered: (bags) => `Toimitus on jo kirjattu (${fiBags(bags)})`,

  notADelivery: () => 'Toimitetut kassit kirjataan toimituspysähdykselle; tämä on nouto',
  notAPickup: () => 'Noudettu paino kirjataan noutopysähdykselle; tämä on toimitus',
  stopAlreadyCompleted: () => 'Pysähdys on jo merkitty tehdyksi toisin tiedoin',
  stopNotDone: () => 'Vain tehdyksi merkityn pysähdyksen voi korjata. Merkitse se ensin tehdyksi.',
  correctionNeedsKg: () => 'Tämä on nouto: korjaa noudettu paino (kg).',
  correctionNeedsBags: () => 'Tämä on toimitus: korjaa toimitettujen kassien määrä.',
  correctionUnchanged: () => 'Pysähdyksellä on jo tämä luku, joten korjattavaa ei ole.',
  correctionAfterRouteDay: (date) => `Reitin päivän (${fiDate(date)}) jälkeen pysähdystä voi korjata vain koordinaattori. Pyydä koordinaattoria korjaamaan se.`,
  bagsNotReturned: (more, available) => `Toimitetuksi ei voi lisätä ${fiBags(more)}: pysähdykseltä palanneista kasseista varastossa tai hävitettyinä on enää ${available}.`,
  alreadyPublished: () => 'Tämä suunnitelman versio on julkaistu eikä muutu; suunnittele päivä uudelleen',
  planNotReady: (status) => `Suunnitelmaa, jonka tila on ${term(fiTerms.planStatus, status)}, ei voi julkaista; odota, että se valmistuu`,
  newerVersionPublished: (version) => `Päivän versio ${version} on jo julkaistu`,
  duplicateRoute: () => 'Reitti on jaossa kahdesti',
  unknownRoute: () => 'Jaon reitti ei kuulu tähän suunnitelmaan',
  routeWithoutDriver: () => 'Jokainen reitti tarvitsee kuljettajan ennen julkaisua',
  driverDoubleBooked: () => 'Kuljettaja voi ajaa vain yhden suunnitelman reitin',
  notADriver: () => 'Jokaisen nimetyn käyttäjän täytyy olla aktiivinen kuljettaja',
  routingEngineError: (detail) => `Reitityspalvelu (OSRM) vastasi ${detail}`.trim(),
  routingEngineUnreachable: (url, reason) => `Reitityspalveluun (OSRM) osoitteessa ${url} ei saada yhteyttä: ${reason}`,
  routingEngineNoRoute: (i, j) => `Reitityspalvelu (OSRM) ei löydä tietä kohteiden ${i} ja ${j} välillä`,

  planNotPublished: () => 'Pysähdyksiä voi kirjata vasta, kun suunnitelma on julkaistu',
  completedInFuture: () => 'tekoaika on tulevaisuudessa',
  beforeRouteDay: (date) => `Tämä reitti on päivälle ${fiDate(date)}; sen pysähdyksiä voi merkitä vasta siitä päivästä alkaen`,
  completedAfterRouteDay: (date) => `Pysähdys kuuluu päivän ${fiDate(date)} reittiin: sen voi kirjata myöhemmin, mutta tehdyksi sinä päivänä (tekoaika ${fiDate(date)})`,
  loadingOnAnotherDay: (date, today) => `Reitti on päivälle ${fiDate(date)}; se lastataan sinä päivänä, ei ${fiDate(today)}`,
  routeNotLoaded: () => 'Reittiä ei ole lastattu: kuittaa ensin lastaus ("Lastattu, lähden") ennen kassien jakamista',
  bagPastHandOut: (asked, may, day, codes) =>
    `Jaettavaksi ${fiDate(day)} ilmoitettiin ${fiBags(asked)}, mutta sinä päivänä saa jakaa vain ${may}; jakopäivä on mennyt kasseilta ${codes.join(', ')}`,
  bagsUnsettled: (date) => `Kasseja ei toimitettu eikä palautettu reitin päivänä ${fiDate(date)}; ne voi nyt vain palauttaa (kylmäketju säilyi) tai hävittää`,
  stopDoneNotSkipped: () => 'Pysähdys on jo tehty; sitä ei voi ohittaa',
  stopSkippedOtherReason: () => 'Pysähdys on jo ohitettu toisesta syystä',

  phoneRequired: () => 'Tekstiviestit tarvitsevat puhelinnumeron',
  registrationInFuture: (date) => `Ruoka-apurekisteröinti ${fiDate(date)} ei ole vielä tapahtunut`,
  organisationNameTaken: (name) => `Organisaatio nimeltä ${name} on jo olemassa`,
  nameTaken: () => 'toisella organisaatiolla on jo tämä nimi',
  nulCharacter: (where, path) => `Virheellinen syöte: ${path} sisältää NUL-merkin`,
  noNulCharacter: () => 'ei saa sisältää NUL-merkkiä',

  unknownSite: () => 'kohdetta ei ole',
  noSuchSite: () => 'kohdetta ei ole',
  wrongSiteKind: (kind, wanted, given) =>
    `${term(fiTerms.shiftKind, kind)} pidetään kohteessa, joka on ${term(fiTerms.siteKind, wanted)}, ei ${term(fiTerms.siteKind, given)}`,
  onlyCoordinatorSignsUpOthers: () => 'Vain koordinaattori voi ilmoittaa tai perua toisen puolesta',
  shiftCancelled: () => 'Vuoro on peruttu',
  notSignedUp: () => 'Käyttäjä ei ole ilmoittautunut vuoroon',
  shiftStartedNoCancel: () => 'Vuoro on jo alkanut; ilmoittautumisia ei voi enää perua',
  shiftNotStarted: () => 'Läsnäolo kirjataan, kun vuoro on alkanut',
  attendanceNeedsSignup: () => 'Läsnäolo kirjataan vain vuoroon ilmoittautuneelle',
  userInactive: () => 'Vapaaehtoinen ei ole aktiivinen',
  roleNotEligible: (kind, roles, role) =>
    `${term(fiTerms.shiftKind, kind)} on rooleille ${roles.map((r) => term(fiTerms.role, r)).join(', ')}; käyttäjän rooli on ${term(fiTerms.role, role)}`,
  noHygienePassport: () => 'Pakkaamattoman helposti pilaantuvan ruoan pakkaaminen vaatii voimassa olevan hygieniapassin; hygieniapassia ei ole kirjattu',
  hygienePassportExpired: (until, shiftDay) =>
    `Pakkaamattoman helposti pilaantuvan ruoan pakkaaminen vaatii voimassa olevan hygieniapassin; passi vanheni ${fiDate(until)}, ennen vuoroa ${fiDate(shiftDay)}`,
  shiftStartedNoSignup: () => 'Vuoro on jo alkanut; siihen ei voi enää ilmoittautua',
  shiftFull: (needed) => `Vuorossa on jo ${plural('fi', needed, 'tarvittava', 'tarvittavat')} ${count('fi', needed, 'henkilö', 'henkilöä')}`,

  distributionInFuture: (date, today) => `Jakoa ${fiDate(date)} ei ole vielä ollut (tänään on ${fiDate(today)})`,
  personsOverBound: (n, max) => `${count('fi', n, 'henkilö', 'henkilöä')} yhdessä jakopisteessä yhtenä päivänä ylittää rajan ${max}`,
  householdsOverBound: (n, max) => `${count('fi', n, 'kotitalous', 'kotitaloutta')} yhdessä jakopisteessä yhtenä päivänä ylittää rajan ${max}`,
  householdsExceedPersons: (households, persons) =>
    `${count('fi', households, 'kotitalous', 'kotitaloutta')} mutta ${count('fi', persons, 'henkilö', 'henkilöä')}: jokaisessa kotitaloudessa on vähintään yksi henkilö`,
  groupsNeedPersons: () => 'Lapset ja ikääntyneet lasketaan henkilöihin: anna myös henkilömäärä',
  groupsExceedPersons: (children, seniors, persons) =>
    `${count('fi', children, 'lapsi', 'lasta')} ja ${count('fi', seniors, 'ikääntynyt', 'ikääntynyttä')} on enemmän kuin ${count('fi', persons, 'henkilö', 'henkilöä')}`,
  bagsOverBound: (n, max) => `${fiBags(n)} yhdessä jakopisteessä yhtenä päivänä ylittää rajan ${max}`,
  noteIdentityCode: () => 'Huomautuksessa on henkilötunnus; kirjaa vain määrät, ei koskaan ketä palveltiin',
  notePhoneNumber: () => 'Huomautuksessa on puhelinnumero; kirjaa vain määrät, ei koskaan ketä palveltiin',
  noteEmailAddress: () => 'Huomautuksessa on sähköpostiosoite; kirjaa vain määrät, ei koskaan ketä palveltiin',
  correctionOtherDay: (date, other) =>
    `Korjaus korjaa saman päivän (${fiDate(date)}) luvut, ei päivää ${fiDate(other)}; väärälle päivälle kirjattu jako korjataan omana päivänään nollaksi (0 kotitaloutta ja kassia) ja oikea päivä kirjataan uutena jakona`,
  alreadySuperseded: (id, by) => `Jako ${id} on jo korjattu jaolla ${by}; korjaa se`,
  distributionExists: (date, id) => `Jakopisteellä on jo jako päivälle ${fiDate(date)} (${id}); korjaa se supersedes-kentällä`,

  invalidRange: (from, to) => `alkupäivä (${fiDate(from)}) on loppupäivän (${fiDate(to)}) jälkeen`,
  mustNotBeBeforeFrom: () => 'ei saa olla ennen alkupäivää',
  rangeTooLong: (years, from, to) => `raportti kattaa enintään ${count('fi', years, 'vuoden', 'vuotta')}; ${fiDate(from)}–${fiDate(to)} on pidempi`,
  mustBeWithinYearsOfFrom: (years) => `oltava alle ${count('fi', years, 'vuoden', 'vuotta')} alkupäivän jälkeen`,

  stopTask: {
    pickUp: (kg, site) => `Nouda noin ${fiNum(kg)} kg: ${site}`,
    deliver: (lines, site) =>
      `Toimita ${lines.map((b) => `${fiBags(b.bags, b.bagType)}${b.temperatureClass && b.temperatureClass !== 'ambient' ? ` (${cls(b.temperatureClass)})` : ''}`).join(', ')}: ${site}`,
    nothingToDeliver: (site) => `Ei toimitettavaa (peruttu): ${site}`,
  },

  report: {
    tallyColumns: {
      period: 'Jakso', key: 'Tunniste', name: 'Nimi', kgIn: 'Vastaanotettu (kg)', kgDiscarded: 'Hävitetty (kg)',
      kgDiscardedSpoiled: 'Hävitetty: pilaantunut (kg)', kgDiscardedExpired: 'Hävitetty: vanhentunut (kg)', kgDiscardedTemperature: 'Hävitetty: lämpötila (kg)',
      kgDiscardedRecall: 'Hävitetty: takaisinveto (kg)', kgDiscardedOther: 'Hävitetty: muu syy (kg)', kgAdjusted: 'Saldokorjaukset (kg)',
      bagsPacked: 'Pakatut kassit', kgPacked: 'Pakattu (kg)', bagsDelivered: 'Toimitetut kassit', kgDelivered: 'Toimitettu (kg)', kgRefused: 'Vastaanotosta kieltäydytty (kg)',
      kgRefusedUseByPast: 'Kieltäydytty: viimeinen käyttöpäivä ohi (kg)', kgRefusedTooWarm: 'Kieltäydytty: liian lämmin (kg)', kgRefusedDamaged: 'Kieltäydytty: vaurioitunut pakkaus (kg)',
      kgRefusedSpoiled: 'Kieltäydytty: pilaantunut (kg)', kgRefusedOther: 'Kieltäydytty: muu syy (kg)',
    },
    period: 'Ajanjakso',
    network: 'Koko verkosto',
    noOrganisation: 'Ei organisaatiota',
    foodAidRegistered: 'Ruoka-apurekisteröinti',
    registeredYes: 'kyllä',
    registeredNo: 'ei',
    notRegistered: 'ei ruoka-apurekisteröintiä',
    printedOn: 'Tulostettu',
    print: 'Tulosta',
    fileNames: {
      ownCheck: 'omavalvonta', funder: 'rahoittajaraportti', tallies: 'luvut', recall: 'takaisinveto', lot: 'erä', audit: 'tapahtumaloki',
      by: { point: 'jakopisteittäin', donor: 'lahjoittajittain', category: 'tuoteryhmittäin', bagType: 'kassityypeittäin', organisation: 'organisaatioittain' },
      period: { day: 'päivittäin', week: 'viikoittain', month: 'kuukausittain' },
    },
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
    chart: {
      title: (period) => `Kassi ${period}`,
      kgIn: { day: 'Kiloja sisään päivittäin', week: 'Kiloja sisään viikoittain', month: 'Kiloja sisään kuukausittain' },
      bagsDelivered: { day: 'Toimitetut kassit päivittäin', week: 'Toimitetut kassit viikoittain', month: 'Toimitetut kassit kuukausittain' },
      axis: { day: 'Päivä', week: 'Viikko', month: 'Kuukausi' },
      kg: 'kg',
      bags: 'kassia',
      all: 'Kaikki',
    },
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

  },


  donor: {
    skipAfterCutoff: (cutoff) => `Noutoa ei voi enää perua eikä palauttaa: takaraja oli ${cutoff}`,
    skipPast: (cutoff) => `Nouto on jo mennyt (takaraja oli ${cutoff})`,
    notAPickupDay: (date) => `Aikataulussa ei ole noutoa ${date}`,
    skipCancelled: () => 'Peruutus on jo kumottu',
    offerWindowPast: () => 'ei saa olla menneisyydessä',
    offerDecided: (status) => `Tarjous on jo ${status === 'accepted' ? 'hyväksytty' : 'hylätty'}`,
    windowRequired: (date) => `Tarjous ei ole noudettavissa ${date}: anna noutoaika`,
    pickupWindowPast: () => 'Noutoaika on jo päättynyt',
    acceptDatePast: () => 'ei saa olla menneisyydessä',
    notActiveDonor: () => 'ei ole aktiivinen lahjoittaja',
    linkRevoked: () => 'Linkki on jo poistettu käytöstä',
    notRouted: (reason) => `Mikään reitti ei voi ottaa tätä: ${refusalText('fi', reason)}. Tarjous on yhä avoin: voit ottaa sen huomiselle.`,
  },

  audit: {
    columns: { at: 'Aika', actorName: 'Tekijä', actorRole: 'Tekijän rooli', entity: 'Kohde', entityId: 'Kohteen tunnus', action: 'Toimenpide', changed: 'Muuttuneet kentät', before: 'Ennen', after: 'Jälkeen' },
  },
};

export const catalogues: Record<Lang, Messages> = { en, fi };
export { en };

/**
 * The problem `title` of an HTTP status in a catalogue; a status it does not name gets the title
 * of its class (400 or 500).
 *
 * @example statusTitle(fi, 415) // 'Sisältötyyppiä ei tueta'; statusTitle(en, 410) // 'Bad Request'
 */
export function statusTitle(m: Messages, status: number): string {
  return m.title[status as keyof Messages['title']] ?? m.title[status >= 500 ? 500 : 400];
}

/**
 * The language of an answer from an `Accept-Language` header: Finnish when Finnish is the
 * most preferred of the two, English otherwise (also when the header is missing).
 *
 * @example langOf('fi-FI,fi;q=0.9,en;q=0.8') // 'fi'; langOf('sv, en;q=0.5') // 'en'
 */
export function langOf(header: string | undefined): Lang {
  if (!header) return 'en';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const base = tag.split('-')[0];
    if (base !== 'fi' && base !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: base, q };
  }
  return best?.lang ?? 'en';
}
