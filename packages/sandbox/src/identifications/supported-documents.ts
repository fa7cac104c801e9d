/**
 * The documents IDnow video identification accepts, as `GET …/supported_documents` returns them:
 * national ID cards of the EU/EEA and Switzerland, and passports of most countries (ISO 3166-1
 * alpha-2). A realistic sandbox catalogue, not Solaris's authoritative list.
 */
const ID_CARD_COUNTRIES = [
  'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT',
  'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

const PASSPORT_COUNTRIES = [
  ...ID_CARD_COUNTRIES,
  'AD', 'AE', 'AL', 'AM', 'AR', 'AU', 'AZ', 'BA', 'BR', 'BY', 'CA', 'CL', 'CN', 'CO', 'EG', 'GB', 'GE', 'HK',
  'ID', 'IL', 'IN', 'JP', 'KR', 'KZ', 'MA', 'MC', 'MD', 'ME', 'MK', 'MX', 'MY', 'NZ', 'PE', 'PH', 'RS', 'SG',
  'SM', 'TH', 'TN', 'TR', 'TW', 'UA', 'US', 'UY', 'VA', 'VN', 'ZA',
] as const;

export interface SupportedDocument {
  type: 'ID_CARD' | 'PASSPORT';
  issuing_countries: string[];
}

export function supportedDocuments(): SupportedDocument[] {
  return [
    { type: 'ID_CARD', issuing_countries: [...ID_CARD_COUNTRIES] },
    { type: 'PASSPORT', issuing_countries: [...new Set(PASSPORT_COUNTRIES)].sort() },
  ];
}
