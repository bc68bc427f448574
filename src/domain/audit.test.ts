import { describe, expect, it } from 'vitest';
import { auditChange, holdsContactDetails, isPersonalField, MASKED } from './audit.ts';

describe('auditChange: what the audit trail keeps of a change', () => {
  it('masks a user\'s name, email, phone and passport date, and names the fields that changed', () => {
    const before = { id: 'u1', name: 'Aino', email: 'aino@x.fi', phone: '+358401', role: 'driver', active: true, hygienePassportUntil: null };
    const after = { ...before, phone: '+358402', active: false };
    expect(auditChange('user', before, after)).toEqual({
      before: { id: 'u1', name: MASKED, email: MASKED, phone: MASKED, role: 'driver', active: true, hygienePassportUntil: null },
      after: { id: 'u1', name: MASKED, email: MASKED, phone: MASKED, role: 'driver', active: false, hygienePassportUntil: null },
      changed: ['active', 'phone'],
    });
  });

  it('keeps a site\'s or an organisation\'s name, masks a site\'s contact person and phone', () => {
    const change = auditChange('site', { name: 'Jakopiste', contactName: null }, { name: 'Jakopiste', contactName: 'Pirjo', phone: '+35815' });
    expect(change).toEqual({ before: { name: 'Jakopiste', contactName: null }, after: { name: 'Jakopiste', contactName: MASKED, phone: MASKED }, changed: ['contactName', 'phone'] });
    expect(isPersonalField('organisation', 'name')).toBe(false);
    expect(isPersonalField('user', 'name')).toBe(true);
  });

  it('never writes a password, its hash or a token, and does not count them as changes', () => {
    const change = auditChange('user', { passwordHash: '$argon2id$a' }, { passwordHash: '$argon2id$b', token: 't' });
    expect(change).toEqual({ before: {}, after: {}, changed: [] });
  });

  it('a creation has no before, an empty value is not masked', () => {
    expect(auditChange('vehicle', null, { name: 'Van', phone: '' })).toEqual({ before: null, after: { name: 'Van', phone: '' }, changed: ['name', 'phone'] });
  });
});

describe('holdsContactDetails', () => {
  it('finds an email, phone or contact anywhere in an answer, and nothing in one without them', () => {
    expect(holdsContactDetails({ id: 'u1', email: 'a@b.fi', name: 'Anna' })).toBe(true);
    expect(holdsContactDetails({ items: [{ site: { contactName: 'Päivi' } }] })).toBe(true);
    expect(holdsContactDetails({ lots: [{ id: 'l1', kg: 3, name: 'Maito' }] })).toBe(false);
    expect(holdsContactDetails({ id: 's1', phone: null, contact: '' })).toBe(false);
    expect(holdsContactDetails(null)).toBe(false);
  });
});
