import type { Executor } from '../../db/client.ts';
import type { LocalDate } from '../../domain/dates.ts';
import { volunteerHours } from '../shifts/shifts.service.ts';

export interface VolunteerFigures {
  volunteersActive: number;
  volunteerHours: number;
  newVolunteers: number;
}

/**
 * The volunteer figures of the funder's report, from shift attendance: volunteers present
 * at least once, their hours, and those whose first attended shift ever fell in the period.
 */
export async function volunteerFigures(ex: Executor, range: { from: LocalDate; to: LocalDate }): Promise<VolunteerFigures> {
  const hours = await volunteerHours(ex, range);
  return { volunteersActive: hours.volunteersActive, volunteerHours: hours.totalHours, newVolunteers: hours.newVolunteers };
}
