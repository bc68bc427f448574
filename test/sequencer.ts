import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Lanes in the order `npm test` starts them: the ones whose files run longest first (servers
 * killed and restarted, browser journeys), the many short files of the API and the unit lane
 * last, so no long file starts near the end and the two workers finish together. A lane not
 * named here runs just before the unit lane.
 */
const LANE_ORDER = ['faults', 'browser', 'api', 'unit'];

/** API files that start the app as processes (tens of seconds each): first within their lane. */
const PROCESS_FILES = [/^test\/ops\//, /^test\/db\/data-dir-/, /^test\/scripts\/fresh-clone/, /^test\/startup-race/, /^test\/processes/];

const laneRank = (spec: TestSpecification) => {
  const i = LANE_ORDER.indexOf(spec.project.name);
  return i === -1 ? LANE_ORDER.length - 1.5 : i;
};

/**
 * Vitest's own order (longest first by the last run's durations where it has them, otherwise
 * the largest file first) within each lane, lanes in LANE_ORDER. Files of one lane stay
 * together so a worker goes on with the next file without importing the app again.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const processFirst = (spec: TestSpecification) => {
      const path = relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/');
      return PROCESS_FILES.some((re) => re.test(path)) ? 0 : 1;
    };
    // Array.prototype.sort is stable: vitest's order holds within each (lane, group).
    return sorted.sort((a, b) => laneRank(a) - laneRank(b) || processFirst(a) - processFirst(b));
  }
}
