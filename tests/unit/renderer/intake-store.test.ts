import { describe, expect, it } from 'vitest';
import { useIntake } from '../../../renderer/features/intake/store.ts';

describe('intake draft store', () => {
  it('keeps unchanged parts of the draft (no re-render of unrelated fields)', () => {
    useIntake.getState().reset();
    const before = useIntake.getState().draft;
    useIntake.getState().update('applicant.mobile', (d) => (d.applicant.mobile = '138'));
    const after = useIntake.getState().draft;
    expect(after).not.toBe(before);
    expect(after.applicant).not.toBe(before.applicant);
    expect(after.applicant.mobile).toBe('138');
    expect(after.recipient).toBe(before.recipient);
    expect(after.recipient.address).toBe(before.recipient.address);
    expect(after.vehicle).toBe(before.vehicle);
    expect(after.documents).toBe(before.documents);
  });

  it('clears the error of the field being edited (and fields under it)', () => {
    const store = useIntake.getState();
    store.reset();
    store.setErrors({
      'recipient.address': { code: 'X', message: '', messageEn: '' },
      'applicant.name': { code: 'Y', message: '', messageEn: '' },
    });
    useIntake.getState().update('recipient', (d) => (d.recipient.name = 'x'));
    expect(Object.keys(useIntake.getState().errors)).toEqual(['applicant.name']);
  });
});
