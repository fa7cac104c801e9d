import { describe, expect, it } from 'vitest';
import * as testing from './index.ts';
import {
  SEED_CREATE_IDENTIFICATION_REQUEST,
  SEED_CREATE_PERSON_REQUEST,
  SEED_IDENTIFICATION_CREATED,
  SEED_IDENTIFICATION_REQUESTED,
  SEED_IDENTIFICATION_RETRIEVED,
  SEED_PERSON_RESPONSE,
} from './seed-examples.ts';
import { extractSeedJsonExamples, readSeedDocument } from './seed-document.ts';

// JSON text compares values and key order alike: tests elsewhere check a response's key order
// against these constants, so they must be the seed's examples to the letter.
const seedExamplesAsJson = extractSeedJsonExamples(readSeedDocument()).map((example) => JSON.stringify(example));

describe('seed examples', () => {
  it.each([
    ['POST /v1/persons request', SEED_CREATE_PERSON_REQUEST],
    ['POST /v1/persons response', SEED_PERSON_RESPONSE],
    ['POST …/identifications request', SEED_CREATE_IDENTIFICATION_REQUEST],
    ['POST …/identifications response', SEED_IDENTIFICATION_CREATED],
    ['PATCH …/identifications/{id}/request response', SEED_IDENTIFICATION_REQUESTED],
    ['GET …/identifications/{id} response', SEED_IDENTIFICATION_RETRIEVED],
  ])('holds the seed %s verbatim', (_name, example) => {
    expect(seedExamplesAsJson).toContain(JSON.stringify(example));
  });

  it('exports the examples, and not the seed-document reader, from @identdesk/domain/testing', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'SEED_CREATE_IDENTIFICATION_REQUEST',
      'SEED_CREATE_PERSON_REQUEST',
      'SEED_IDENTIFICATION_CREATED',
      'SEED_IDENTIFICATION_REQUESTED',
      'SEED_IDENTIFICATION_RETRIEVED',
      'SEED_KYC_REPORT_DOCUMENT',
      'SEED_PERSON_RESPONSE',
    ]);
  });
});
