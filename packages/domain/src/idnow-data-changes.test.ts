import { describe, expect, it } from 'vitest';
import { idnowDataChangesOf } from './idnow-data-changes.ts';

describe('idnowDataChangesOf', () => {
  it('lists the fields the IDnow agent corrected (status CHANGE), with the value before and after', () => {
    const payload = {
      identificationprocess: { result: 'SUCCESS_DATA_CHANGED' },
      userdata: {
        firstname: { status: 'MATCH', value: 'Jane' },
        birthplace: { status: 'CHANGE', value: 'München', original: 'Berlin' },
        address: {
          street: { status: 'CHANGE', value: 'Schönhauser Allee', original: 'Amrumerstrasse' },
          zipcode: { status: 'NEW', value: '10119' },
        },
        favouritecolour: { status: 'CHANGE', value: 'blue' },
      },
      contactdata: { email: { status: 'CHANGE', value: 'jane@example.org', original: 'jane@example.com' } },
    };
    expect(idnowDataChangesOf(payload)).toEqual([
      { field: 'userdata.birthplace', label: 'Place of birth', personField: 'birthCity', from: 'Berlin', to: 'München' },
      { field: 'userdata.address.street', label: 'Street', personField: 'addressLine1', from: 'Amrumerstrasse', to: 'Schönhauser Allee' },
      { field: 'userdata.favouritecolour', label: 'userdata.favouritecolour', personField: null, from: null, to: 'blue' },
      { field: 'contactdata.email', label: 'Email', personField: 'email', from: 'jane@example.com', to: 'jane@example.org' },
    ]);
  });

  it('finds nothing in payloads without user data or of another shape', () => {
    expect(idnowDataChangesOf({ identificationprocess: { result: 'ABORTED' } })).toEqual([]);
    expect(idnowDataChangesOf(null)).toEqual([]);
    expect(idnowDataChangesOf('text')).toEqual([]);
  });
});
