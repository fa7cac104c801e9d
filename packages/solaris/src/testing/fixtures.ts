import {
  SEED_CREATE_PERSON_REQUEST,
  SEED_IDENTIFICATION_REQUESTED,
  SEED_KYC_REPORT_DOCUMENT,
  SEED_PERSON_RESPONSE,
} from '@identdesk/domain/testing';

// The seed's own examples, so the client is tested against the documented shapes.

export const CREATE_PERSON_INPUT = SEED_CREATE_PERSON_REQUEST;
export const PERSON = SEED_PERSON_RESPONSE;
/** The identification as `PATCH …/request` answers it: pending, with IDnow's reference and URL. */
export const IDENTIFICATION = SEED_IDENTIFICATION_REQUESTED;

/** The seed's KYC report, served as the PDF its name says (the seed labels it application/json). */
export const DOCUMENT = { ...SEED_KYC_REPORT_DOCUMENT, content_type: 'application/pdf' };
export const DOCUMENT_ID = DOCUMENT.id;

export const SEED_ERROR_BODY = {
  errors: [
    {
      id: '24b0e02a-341d-40bc-9e52-0d9f8cc8c6eb',
      status: 400,
      code: 'invalid_model',
      title: 'Invalid Model',
      detail: 'country Residency Country is not allowed for this branch',
      source: { field: 'country', message: 'Residency Country is not allowed for this branch' },
    },
  ],
};
