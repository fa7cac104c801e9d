import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

const sourceDirectory = dirname(fileURLToPath(import.meta.url));
const moduleFiles = readdirSync(sourceDirectory).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts',
);

describe('@identdesk/domain', () => {
  it('re-exports every module from index.ts', () => {
    const index = readFileSync(join(sourceDirectory, 'index.ts'), 'utf8');
    for (const file of moduleFiles) expect(index).toContain(`export * from './${file}';`);
  });

  it('exposes the names other packages import', () => {
    for (const name of [
      'IDENTIFICATION_STATUSES',
      'identificationStatusSchema',
      'IDENTIFICATION_STATUS_MEANINGS',
      'describeFailureCode',
      'FAILURE_CODES',
      'IDNOW_RESULTS',
      'DOCUMENT_TYPES',
      'PROOF_OF_ADDRESS_TYPES',
      'parseTestScenario',
      'idDocumentCarriesAddress',
      'proofOfAddressRequired',
      'personResourceSchema',
      'createPersonInputSchema',
      'identificationResourceSchema',
      'firstNameSchema',
      'COUNTRIES',
      'countryCodeSchema',
      'countryName',
      'mobileNumberSchema',
      'utcTimestampSchema',
      'checkProofOfAddressAge',
      'PERSON_UPDATABLE_FIELDS',
      'personPatchSchema',
      'createPersonPatchSchema',
      'normalizeNameForSearch',
      'normalizePhoneForSearch',
      'parseBirthDateQuery',
      'classifySearchQuery',
      'paginationInputSchema',
      'ROLES',
      'identificationGuidance',
      'idnowDataChangesOf',
      'personFieldLabel',
      'proofOfAddressSubmissionFieldsSchema',
      'proofOfAddressExplanation',
      'PROOF_OF_ADDRESS_DOCUMENT_TYPE',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });

  it('stays pure: no module imports Node built-ins or anything but zod', () => {
    for (const file of moduleFiles) {
      const source = readFileSync(join(sourceDirectory, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      for (const specifier of imports) expect(specifier === 'zod' || specifier?.startsWith('./'), `${file}: ${specifier}`).toBe(true);
    }
  });
});
