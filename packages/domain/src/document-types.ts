import { z } from 'zod';

/** Values of `document_type` (seed, Appendix I), in the seed's order. */
export const DOCUMENT_TYPES = [
  'ANNUAL_FINANCIAL_STATEMENT',
  'KYC_REPORT',
  'ID_DOCUMENT',
  'SIGNATURE',
  'PICTURE',
  'QES_DOCUMENT',
  'SIGNED_CONTRACT',
  'SIGNED_QES_DOCUMENT',
  'REGISTER_CHECK',
  'REGISTER_EXTRACT',
  'FOUNDATION_DOCUMENT',
  'SCHUFA_COMPACT_REPORT',
  'SCHUFA_GWG_REPORT',
  'SCHUFA_FULL_REPORT',
  'SCHUFA_SHORT_REPORT',
  'CREDIT_AGENCY_REPORT',
  'SHARE_HOLDERS_AGREEMENT',
  'SHAREHOLDERS_LIST',
  'TRADING_LICENSE',
  'TRANSPARENCY_REGISTER_EXTRACT',
  'INVOICE',
  'OTHER',
  'VIDEO',
  'VAT_CERTIFICATE',
] as const;

export const documentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof documentTypeSchema>;

export interface DocumentTypeDetails {
  label: string;
  /** The seed's description, verbatim. */
  description: string;
}

export const DOCUMENT_TYPE_DETAILS: Record<DocumentType, DocumentTypeDetails> = {
  ANNUAL_FINANCIAL_STATEMENT: {
    label: 'Annual financial statement',
    description: "A business or a company's annual financial statement.",
  },
  KYC_REPORT: { label: 'KYC report', description: 'The KYC report generate after a successful customer identification.' },
  ID_DOCUMENT: { label: 'ID document', description: "An person's identification document, such as passport or ID." },
  SIGNATURE: { label: 'Signature', description: 'A signature example.' },
  PICTURE: { label: 'Picture', description: 'A picture or a scanned document of any other type.' },
  QES_DOCUMENT: { label: 'QES document', description: 'A document related to a Qualified Electronic Signature (QES).' },
  SIGNED_CONTRACT: { label: 'Signed contract', description: 'A signed contract of any kind.' },
  SIGNED_QES_DOCUMENT: {
    label: 'QES-signed document',
    description: 'A document signed by a Qualified Electronic Signature (QES).',
  },
  REGISTER_CHECK: { label: 'Register check', description: 'A register check.' },
  REGISTER_EXTRACT: {
    label: 'Commercial register extract',
    description: "A business or a company's commercial register excerpt or a similar document.",
  },
  FOUNDATION_DOCUMENT: { label: 'Foundation document', description: 'The foundation document of a company or business.' },
  SCHUFA_COMPACT_REPORT: { label: 'SCHUFA compact report', description: 'A compact SCHUFA report.' },
  SCHUFA_GWG_REPORT: { label: 'SCHUFA GwG report', description: 'A GWG SCHUFA report.' },
  SCHUFA_FULL_REPORT: { label: 'SCHUFA full report', description: 'A full SCHUFA report about a person.' },
  SCHUFA_SHORT_REPORT: { label: 'SCHUFA short report', description: 'A short SCHUFA report about a person.' },
  CREDIT_AGENCY_REPORT: { label: 'Credit agency report', description: 'A report issued by a credit agency.' },
  SHARE_HOLDERS_AGREEMENT: {
    label: 'Shareholders agreement',
    description: "A business or a company's shareholders agreement.",
  },
  SHAREHOLDERS_LIST: { label: 'Shareholders list', description: "A business or a company's shareholders list." },
  TRADING_LICENSE: { label: 'Trading license', description: "A business or a company's trading license." },
  TRANSPARENCY_REGISTER_EXTRACT: {
    label: 'Transparency register extract',
    description: 'An extract of a transparency register.',
  },
  INVOICE: { label: 'Invoice', description: 'An invoice of any kind.' },
  OTHER: { label: 'Other', description: 'Any other type of document.' },
  VIDEO: { label: 'Video', description: 'A video of any kind.' },
  VAT_CERTIFICATE: { label: 'VAT certificate', description: 'VAT registration certificate' },
};
