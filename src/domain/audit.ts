/**
 * What the audit trail keeps of a change: the record before and after, with the fields that
 * identify a person masked, and which fields changed. The trail is append-only and kept for
 * good, so it must not become a second copy of personal data that an erasure cannot reach:
 * a masked field shows that it was set and whether it changed, never its value.
 */

/** What an audit entry is about (a change of role is a change of its `user`; a recall's start and each point's acknowledgement are its `recall`; an alert closed with its corrective action is its `alert`; a donor's contact link made or revoked is its `donor_link`, an offer accepted or declined its `offer`). */
export const AUDIT_ENTITIES = ['user', 'site', 'organisation', 'storage_unit', 'vehicle', 'route_plan', 'recall', 'alert', 'donor_link', 'offer'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** A record as the trail takes it: plain JSON values. */
export type AuditRecord = Readonly<Record<string, unknown>>;

/** What stands in a masked field that holds a value. */
export const MASKED = '***';

/**
 * Fields that identify a person wherever they appear: contact details, and secrets that are
 * never written at all (dropped rather than masked). A site's or an organisation's `name` is
 * not personal; a user's is, and so is a donor link's (the person it was given to), so
 * {@link PERSONAL_FIELDS_OF} adds it for those.
 */
const ALWAYS_PERSONAL = ['email', 'phone', 'contact', 'contactName', 'hygienePassportUntil'] as const;
const SECRETS = ['password', 'passwordHash', 'token', 'tokenHash', 'current', 'new'] as const;
const PERSONAL_FIELDS_OF: Partial<Record<AuditEntity, readonly string[]>> = { user: ['name'], donor_link: ['name'] };

/**
 * Whether a stored answer holds a contact detail anywhere inside it (a user's or a site
 * contact's email, phone or name): such answers are not kept longer than they are needed.
 *
 * @example holdsContactDetails({ id: 'u1', email: 'a@b.fi', name: 'Anna' }) // true
 * @example holdsContactDetails({ lots: [{ id: 'l1', kg: 3 }] }) // false
 */
export function holdsContactDetails(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsContactDetails);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => ((ALWAYS_PERSONAL as readonly string[]).includes(k) && v !== null && v !== '') || holdsContactDetails(v));
}

/** Whether `field` of an `entity` record is personal data the trail masks. */
export function isPersonalField(entity: AuditEntity, field: string): boolean {
  return (ALWAYS_PERSONAL as readonly string[]).includes(field) || (PERSONAL_FIELDS_OF[entity] ?? []).includes(field);
}

function mask(entity: AuditEntity, record: AuditRecord | null | undefined): Record<string, unknown> | null {
  if (!record) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if ((SECRETS as readonly string[]).includes(k) || v === undefined) continue;
    out[k] = isPersonalField(entity, k) && v !== null && v !== '' ? MASKED : v;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The trail's view of one change: `before` and `after` with personal fields masked and secrets
 * left out, and `changed`, the fields whose values differ (compared before masking, so a new
 * phone number shows as a change although both sides read `***`). A creation has no `before`,
 * an erasure's `after` is the anonymised record.
 *
 * @example auditChange('user', { name: 'Anna', phone: '+358401', active: true }, { name: 'Anna', phone: '+358402', active: false })
 * // { before: { name: '***', phone: '***', active: true }, after: { name: '***', phone: '***', active: false }, changed: ['active', 'phone'] }
 */
export function auditChange(entity: AuditEntity, before: AuditRecord | null | undefined, after: AuditRecord | null | undefined) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changed = [...keys]
    .filter((k) => !(SECRETS as readonly string[]).includes(k))
    .filter((k) => !same(before?.[k], after?.[k]) && (before?.[k] !== undefined || after?.[k] !== undefined))
    .sort();
  return { before: mask(entity, before), after: mask(entity, after), changed };
}
