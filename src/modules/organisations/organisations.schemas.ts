import { z } from 'zod';
import { isValidBusinessId } from '../../domain/organisations.ts';
import { check, localDate, displayName } from '../../http/schemas.ts';

const foodAidRegistration = z.strictObject({
  municipality: z.string().trim().min(1).max(100).describe('The municipality whose food control registered the food-aid operation'),
  registeredOn: localDate.describe('Date of the registration (not in the future)'),
});

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  businessId: z.string().optional(),
  foodAidRegistration: z.object({ municipality: z.string(), registeredOn: z.string() }).optional(),
});
export type OrganisationDto = z.infer<typeof organisationSchema>;

const fields = {
  name: displayName(200),
  businessId: z.string().trim().refine(isValidBusinessId, check('businessId')),
  foodAidRegistration,
};

export const createOrganisationBody = z.strictObject({
  name: fields.name,
  businessId: fields.businessId.optional(),
  foodAidRegistration: fields.foodAidRegistration.optional(),
});
export const patchOrganisationBody = z.strictObject({
  name: fields.name,
  businessId: fields.businessId.nullable(),
  foodAidRegistration: fields.foodAidRegistration.nullable(),
}).partial().refine((b) => Object.keys(b).length > 0, check('oneFieldToChange'));
