import type { Dict } from './fi.ts';

export const en: Dict = {
  appName: 'Kassi',
  signIn: { email: 'Email', password: 'Password', submit: 'Sign in', title: 'Sign in to Kassi', offline: 'No connection: signing in needs the network' },
  signOut: 'Sign out',
  language: { switchTo: 'Suomeksi', code: 'en' },
  start: { title: 'What are you doing today?', back: 'Start' },
  menu: {
    intake: 'Intake', temperatures: 'Temperatures', stock: 'Stock', packing: 'Packing', alerts: 'Alerts',
    reserve: 'Reserve bags', reservations: 'Reservations', confirm: 'Confirm receipt', households: 'Households',
  },
  roles: { coordinator: 'Coordinator', warehouse: 'Warehouse', point_lead: 'Point lead', driver: 'Driver' },
  outbox: {
    waiting: (n) => (n === 1 ? '1 save waiting for a connection' : `${n} saves waiting for a connection`),
    attention: 'Needs attention',
    fix: 'Fix',
    drop: 'Drop',
    signInAgain: 'Sign in again: your saves are kept and are sent after you sign in',
    saved: 'Saved',
    queued: 'Saved: it is sent when the connection returns',
  },
  intake: {
    title: 'Intake', donor: 'Donor', chooseDonor: 'Choose a donor', line: (n) => `Line ${n}`,
    category: 'Category', weight: 'Weight (kg)', temperatureClass: 'Temperature class', dateKind: 'Date kind', date: 'Date',
    unit: 'Storage unit', receiptCelsius: 'Temperature at receipt (°C)', frozenOn: 'Frozen on',
    addLine: 'Add line', removeLine: 'Remove line', save: 'Save intake', saving: 'Saving…',
    queued: 'Intake saved: it is sent when the connection returns', done: 'Intake saved', keypad: 'Number keypad', erase: 'Erase',
    needsFix: 'The intake was not saved: fix the marked fields',
  },
  warehouse: {
    saveReading: 'Save reading', onHold: 'On hold', free: 'Free', expiringSoon: 'Dates close', noAlerts: 'No alerts',
    needsCheck: 'Waiting for a best-before check', reason: 'Reason', note: 'Note', correctiveAction: 'Corrective action',
    checkResult: 'Check result', passed: 'Passed', failed: 'Failed', pack: 'Pack', pickingList: 'Picking list', lot: 'Lot',
    actions: { discards: 'Discard', adjustments: 'Adjust', moves: 'Move', freeze: 'Freeze', checks: 'Check', release: 'Release' },
    reasons: { spoiled: 'Spoiled', expired: 'Expired', temperature: 'Temperature', recall: 'Recall', other: 'Other' },
  },
  point: {
    reserveTitle: 'Reserve bags', bagType: 'Bag type', day: 'Distribution day', bags: 'Bags', available: (n) => `${n} free`,
    byClass: 'By class', cutoff: (at) => `Reservations close ${at}`, reserve: 'Reserve', reserved: 'Reservation saved',
    reservationsTitle: 'Reservations', none: 'No reservations', cancel: 'Cancel reservation', confirm: 'Confirm receipt', received: 'Received (bags)',
    status: { held: 'held', cancelled: 'cancelled', dispatched: 'on the way', delivered: 'delivered', confirmed: 'confirmed' },
  },
  distribution: {
    title: 'Households', intro: 'Record counts only: no names, identity codes or phone numbers.', date: 'Distribution day',
    households: 'Households', persons: 'Persons', children: 'Children', seniors: 'Seniors', bagsHandedOut: 'Bags handed out',
    note: 'Note', save: 'Save distribution', saved: 'Distribution saved', recent: 'Recent distributions', correct: 'Correct the counts',
    correcting: (date) => `Correcting the distribution of ${date}`, summary: (households, bags) => `${households} households · ${bags} bags`,
  },
  terms: {
    category: {
      bread: 'Bread', dairy: 'Dairy', meat: 'Meat', minced_meat: 'Minced meat', eggs: 'Eggs', fish: 'Fish',
      smoked_fish: 'Cold-smoked or gravad fish', ready_meals: 'Ready meals', fruit_veg: 'Fruit and vegetables', dry_goods: 'Dry goods',
      non_food: 'Non-food', frozen: 'Frozen food',
    },
    temperatureClass: { ambient: 'Ambient', chilled: 'Chilled', frozen: 'Frozen' },
    dateKind: { use_by: 'Use by', best_before: 'Best before', none: 'No date' },
    bagType: { food: 'Food bag', bread: 'Bread bag', family: 'Family bag', hygiene: 'Hygiene bag' },
  },
  errors: { network: 'No connection to the server', unknown: 'Something went wrong' },
  soon: 'This screen is coming soon.',
};
