import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_TTL_HOURS } from './config.ts';
import { FROZEN_WARM_SPAN_MS } from './domain/cold-chain.ts';
import { CHILLED_RIDE_MAX_MIN, FROZEN_RIDE_MAX_MIN } from './domain/cold-ride.ts';
import { CO2E_KG_PER_KG_FOOD } from './domain/co2e.ts';
import { EARLIEST_DATE, LATEST_DATE, MAX_DAYS_BACK, PLANNING_HORIZON_YEARS } from './domain/date-window.ts';
import { PLANNING_CUTOFF_TIME, PLAN_START_STEP_MINUTES } from './domain/dates.ts';
import { MAX_BAGS_PER_DAY, MAX_PERSONS_PER_DAY } from './domain/distributions.ts';
import { DONOR_PICKUP_DAYS, DONOR_PICKUP_MAX_DAYS, DONOR_SKIP_CUTOFF_MINUTES, OFFER_MAX_KG } from './domain/donors.ts';
import { MAX_WAYPOINTS_PER_LEG } from './domain/driver-route.ts';
import {
  BEST_BEFORE_CHECK_DAYS, BEST_BEFORE_MAX_DAYS_PAST, CHILLED_MAX_C, FISH_MAX_C, FROZEN_MAX_C, FROZEN_SHELF_DAYS, FROZEN_TARGET_C, MINCED_MEAT_MAX_C,
} from './domain/food-safety.ts';
import { ANSWER_WITH_CONTACTS_DAYS } from './domain/personal-data.ts';
import { celsius } from './i18n/format.ts';

/** A page of docs/, its lines joined (a figure may sit at a line break). */
const doc = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');
const n = (v: number) => v.toLocaleString('en-GB');

/**
 * The rules are written once in docs/ for people and once in code for the machine: each figure
 * the pages state is read here from the constant that enforces it, so the two cannot drift.
 */
describe('docs/ states the figures the code enforces', () => {
  it('food-safety.md: temperatures, the cold ride, the frozen shelf life, days past best-before', () => {
    const page = doc('food-safety.md');
    const hours = FROZEN_WARM_SPAN_MS / 3_600_000;
    expect(page).toContain(`${celsius(FISH_MAX_C)} for fish, ${celsius(MINCED_MEAT_MAX_C)} for minced meat, ${celsius(CHILLED_MAX_C)} otherwise, ${celsius(FROZEN_MAX_C)} frozen (and ${celsius(FROZEN_TARGET_C)} for more than ${hours} h)`);
    expect(CHILLED_RIDE_MAX_MIN).toBe(FROZEN_RIDE_MAX_MIN); // the page states one figure for both
    expect(page).toContain(`at most ${CHILLED_RIDE_MAX_MIN} min on board`);
    expect(page).toContain(`(${CHILLED_RIDE_MAX_MIN} min each;`);
    expect(page).toContain(`\`FROZEN_SHELF_DAYS\` (${FROZEN_SHELF_DAYS};`);
    expect(page).toContain(`\`BEST_BEFORE_CHECK_DAYS\` (${BEST_BEFORE_CHECK_DAYS})`);
    const d = BEST_BEFORE_MAX_DAYS_PAST;
    expect(page).toContain(`bread ${d.bread}, fruit and vegetables ${d.fruit_veg}, dry goods ${d.dry_goods}, frozen food (and any lot kept frozen) ${d.frozen}, dairy ${d.dairy}, eggs ${d.eggs} (2022/2258)`);
    expect([d.meat, d.minced_meat, d.fish, d.smoked_fish, d.ready_meals, d.non_food]).toEqual([0, 0, 0, 0, 0, null]); // 'the use-by categories 0, non-food no limit'
  });

  it('api.md: retries, input bounds, paging, the network\'s and the donor\'s limits, planning', () => {
    const page = doc('api.md');
    expect(page).toContain(`Keys are kept ${MAX_TOKEN_TTL_HOURS / 24} days`);
    expect(page).toContain(`is emptied after ${ANSWER_WITH_CONTACTS_DAYS} days`);
    expect(page).toContain(`${EARLIEST_DATE}…${LATEST_DATE}, plans and reservations at most ${PLANNING_HORIZON_YEARS} years ahead`);
    expect(page).toContain(`at most ${MAX_DAYS_BACK} days back`);
    expect(page).toContain('`limit` (1–100, default 50)');
    expect(page).toContain(`legs of at most ${MAX_WAYPOINTS_PER_LEG} waypoints`);
    expect(page).toContain(`more than ${n(MAX_PERSONS_PER_DAY)} persons or households`);
    expect(page).toContain(`more than ${n(MAX_BAGS_PER_DAY)} bags`);
    expect(page).toContain(`at ${CO2E_KG_PER_KG_FOOD} kg CO₂e per kg of food`);
    expect(page).toContain(`(default today and ${DONOR_PICKUP_DAYS - 1} days after, at most ${DONOR_PICKUP_MAX_DAYS} days)`);
    expect(page).toContain(`\`DONOR_SKIP_CUTOFF_MINUTES\` (default ${DONOR_SKIP_CUTOFF_MINUTES})`);
    expect(page).toContain(`at most ${n(OFFER_MAX_KG)} kg`);
    expect(page).toContain(`The ${PLANNING_CUTOFF_TIME} planning of tomorrow`);
    expect(page).toContain(`rounded up to the next ${PLAN_START_STEP_MINUTES} minutes`);
    expect(page).toContain(`(${CHILLED_RIDE_MAX_MIN} min each)`);
  });
});
