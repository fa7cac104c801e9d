import { ROLES } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import {
  historyChangeForRole,
  identificationForRole,
  idnowPayloadForRole,
  maskIdentificationUrl,
  maskIdnowReference,
  maskDocumentNumber,
  maskIban,
  maskTail,
  maskTaxId,
  PERSONAL_DATA_ACCESS,
  personForRole,
  requirePersonalDataAccess,
} from './masking.ts';

describe('masking values', () => {
  it('keeps the last characters of a document number and masks the rest', () => {
    expect(maskDocumentNumber('L01X00T47')).toBe('••••••T47');
    expect(maskDocumentNumber(' T22000129 ')).toBe('••••••129');
    expect(maskDocumentNumber(null)).toBeNull();
  });

  it('masks short values whole rather than give most of them away', () => {
    expect(maskTail('12345', 3)).toBe('•••••');
    expect(maskTail('ab', 3)).toBe('••••');
    expect(maskTail('', 3)).toBe('');
  });

  it('keeps the country and the last four digits of an IBAN', () => {
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE••••••••••••••••3000');
    expect(maskIban('DE12')).toBe('••••');
  });

  it('keeps the last two characters of a tax id', () => {
    expect(maskTaxId('DE123456789')).toBe('•••••••••89');
  });
});

describe('what each role sees', () => {
  const person = { id: 'p1', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', vatNumber: 'DE123456789' };

  it('gives team leads no personal data at all', () => {
    expect(PERSONAL_DATA_ACCESS.team_lead).toBe('none');
    expect(() => personForRole(person, 'team_lead')).toThrow(TRPCError);
    try {
      requirePersonalDataAccess('team_lead');
    } catch (error) {
      expect(error).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('shows agents what support needs with identifying numbers masked, and compliance everything', () => {
    expect(personForRole(person, 'agent')).toEqual({ ...person, vatNumber: '•••••••••89' });
    expect(personForRole(person, 'admin')).toEqual({ ...person, vatNumber: '•••••••••89' });
    expect(personForRole(person, 'compliance')).toEqual(person);
    expect(person.vatNumber).toBe('DE123456789');
  });

  it('withholds the IDnow reference and URL from every role, saying whether there is one to reveal', () => {
    const identification = {
      id: 'i1',
      status: 'successful',
      reference: 'TST-KXZRK',
      url: 'https://go.test.idnow.de/app/solarisbankvideoidentsandbox/identifications/TST-KXZRK',
      iban: 'DE89370400440532013000',
    };
    for (const role of ROLES.filter((candidate) => candidate !== 'team_lead')) {
      const seen = identificationForRole(identification, role);
      expect(seen).not.toHaveProperty('reference');
      expect(seen).not.toHaveProperty('url');
      expect(JSON.stringify(seen)).not.toContain('TST-KXZRK');
      expect(seen.hasReference).toBe(true);
    }
    expect(identificationForRole(identification, 'agent').iban).toBe('DE••••••••••••••••3000');
    expect(identificationForRole(identification, 'compliance').iban).toBe('DE89370400440532013000');
    expect(identificationForRole({ reference: null, url: null }, 'agent').hasReference).toBe(false);
  });

  it('strips the reference from IDnow attempt payloads and masks the document number for agents', () => {
    const payload = {
      identificationprocess: {
        result: 'SUCCESS',
        id: 'TST-KXZRK',
        filename: 'TST-KXZRK.zip',
        href: '/api/v1/x/identifications/TST-KXZRK.zip',
        agentname: 'A',
      },
      identificationdocument: { number: { status: 'NEW', value: 'T22000129' }, type: { value: 'IDCARD' } },
    };
    const forAgent = idnowPayloadForRole(payload, 'agent');
    expect(JSON.stringify(forAgent)).not.toContain('TST-KXZRK');
    expect(forAgent).toMatchObject({
      identificationprocess: { result: 'SUCCESS', agentname: 'A' },
      identificationdocument: { number: { status: 'NEW', value: '••••••129' }, type: { value: 'IDCARD' } },
    });
    expect(idnowPayloadForRole(payload, 'compliance')).toMatchObject({
      identificationdocument: { number: { value: 'T22000129' } },
    });
    expect(JSON.stringify(idnowPayloadForRole(payload, 'compliance'))).not.toContain('TST-KXZRK');
    expect(payload.identificationprocess.id).toBe('TST-KXZRK');
    expect(idnowPayloadForRole('not an object', 'agent')).toEqual({});
  });
});

describe('IDnow reference and URL, and person history', () => {
  it('never shows the reference whole: only its last two characters', () => {
    expect(maskIdnowReference('TST-KCCEY')).toBe('•••••••EY');
    expect(maskIdnowReference('ABCDE')).toBe('•••••');
    expect(maskIdnowReference(null)).toBeNull();
    expect(maskIdnowReference('  ')).toBeNull();
  });

  it('shows which IDnow site a URL points to, never the path that opens the call', () => {
    const url = 'https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/6dc54352d6793a892e0702850d07b831cidt';
    expect(maskIdentificationUrl(url)).toBe('https://go.test.idnow.de/••••••••');
    expect(maskIdentificationUrl('not a url')).toBe('••••••••');
    expect(maskIdentificationUrl(null)).toBeNull();
  });

  it('masks the history of masked fields for agents, as the current value is', () => {
    const change = { field: 'vatNumber', label: 'VAT number', from: 'DE111111111', to: 'DE123456789' };
    expect(historyChangeForRole(change, 'agent')).toEqual({ ...change, from: '•••••••••11', to: '•••••••••89' });
    expect(historyChangeForRole(change, 'compliance')).toEqual(change);
    const email = { field: 'email', label: 'Email', from: 'a@example.com', to: 'b@example.com' };
    expect(historyChangeForRole(email, 'agent')).toEqual(email);
    expect(() => historyChangeForRole(email, 'team_lead')).toThrow(TRPCError);
  });

  it('masks a business registration number for agents', () => {
    expect(personForRole({ registrationNumber: 'HRB 123456' }, 'agent')).toEqual({ registrationNumber: '••••••••56' });
  });
});
