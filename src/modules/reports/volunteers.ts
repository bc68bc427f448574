import type { Database, Executor } from '../../db/client.ts';
import type { LocalDate } from '../../domain/dates.ts';

export interface VolunteerFigures {
  volunteersActive: number;
  volunteerHours: number;
  newVolunteers: number;
  /** Why the figures are what they are, when they are not counted from records. */
  volunteersNote?: string;
}

/**
 * The volunteer figures of the funder's report. Shifts and attendance (the volunteers
 * issue) are not in this build, so there is nothing to count: the figures are 0 and the
 * note says why. When attendance lands, this one function counts it and the report, its
 * CSV and its page follow unchanged.
 */
export async function volunteerFigures(_database: Database, _ex: Executor, _range: { from: LocalDate; to: LocalDate }): Promise<VolunteerFigures> {
  return {
    volunteersActive: 0,
    volunteerHours: 0,
    newVolunteers: 0,
    volunteersNote: 'Shifts and attendance are not recorded in this build yet; volunteer figures are 0 until they are.',
  };
}
