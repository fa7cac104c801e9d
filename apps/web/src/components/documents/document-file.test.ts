import { describe, expect, test } from 'vitest';
import { describeDocumentFileError, DocumentFileError, documentFileKind, fileNameFromContentDisposition } from './document-file.ts';
import { formatFileSize } from './file-size.ts';

describe('document files', () => {
  test('the file name comes from Content-Disposition, the UTF-8 form first so umlauts survive', () => {
    expect(fileNameFromContentDisposition(`inline; filename="Stromrechnung.pdf"; filename*=UTF-8''Stromrechnung%20M%C3%BCller.pdf`)).toBe(
      'Stromrechnung Müller.pdf',
    );
    expect(fileNameFromContentDisposition('attachment; filename="kyc_report.pdf"')).toBe('kyc_report.pdf');
    expect(fileNameFromContentDisposition('attachment; filename=signature.png')).toBe('signature.png');
    expect(fileNameFromContentDisposition('inline')).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });

  test('PDFs and JPEG/PNG pictures are shown in the page; anything else is a download', () => {
    expect(documentFileKind('application/pdf')).toBe('pdf');
    expect(documentFileKind('image/jpeg')).toBe('image');
    expect(documentFileKind('image/png; charset=binary')).toBe('image');
    expect(documentFileKind('application/octet-stream')).toBe('other');
    expect(documentFileKind('image/svg+xml')).toBe('other');
  });

  test('a failed request says what to do, by what the server answered', () => {
    expect(describeDocumentFileError(new DocumentFileError('Sign in to continue.', 401, 'UNAUTHORIZED')).hint).toMatch(/Sign in again/);
    expect(describeDocumentFileError(new DocumentFileError('No such document', 404)).title).toBe('There is no such document');
    expect(describeDocumentFileError(new DocumentFileError('Solaris answered 500', 502)).title).toBe('Solaris did not hand over the file');
    expect(describeDocumentFileError(new DocumentFileError('Failed to fetch', null)).title).toBe('The server could not be reached');
    expect(describeDocumentFileError(new DocumentFileError('x', 403, 'FORBIDDEN')).reference).toBe('HTTP 403 · FORBIDDEN');
  });

  test('sizes read as file managers show them', () => {
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(25_349)).toBe('25.3 kB');
    expect(formatFileSize(803_580)).toBe('803.6 kB');
    expect(formatFileSize(10_000_000)).toBe('10 MB');
  });
});
