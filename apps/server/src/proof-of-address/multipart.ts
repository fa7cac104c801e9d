import busboy from 'busboy';
import type { Request } from 'express';

export interface MultipartLimits {
  /** Largest file in bytes; a larger one is read to the end and reported, never kept. */
  fileBytes: number;
  /** Form fields besides the file. */
  fields: number;
  /** Bytes per field value. */
  fieldBytes: number;
}

export interface ReceivedFile {
  field: string;
  /** The name the client gave, unchecked. */
  fileName: string;
  bytes: Buffer;
  /** The file was larger than the limit: `bytes` holds only its start. */
  truncated: boolean;
}

export interface ParsedMultipart {
  fields: Record<string, string>;
  files: ReceivedFile[];
  /** What broke a limit, by field, in words. */
  problems: { field: string; message: string }[];
}

/**
 * Reads a multipart/form-data body with hard limits: at most one file of `fileBytes`, a few
 * small fields. Everything is read to the end (so the client gets the answer, not a reset
 * connection), but nothing beyond a limit is kept in memory.
 */
export function parseMultipart(req: Request, limits: MultipartLimits): Promise<ParsedMultipart> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          fileSize: limits.fileBytes,
          files: 1,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          parts: limits.fields + 1,
        },
      });
    } catch (error) {
      reject(error);
      return;
    }
    const fields: Record<string, string> = {};
    const files: ReceivedFile[] = [];
    const problems: ParsedMultipart['problems'] = [];
    const pending: Promise<void>[] = [];

    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      if (info.valueTruncated) problems.push({ field: name, message: `Keep this field under ${limits.fieldBytes} bytes` });
      else if (name in fields) problems.push({ field: name, message: 'Send this field once' });
      else fields[name] = value;
    });
    parser.on('file', (name: string, stream: NodeJS.ReadableStream, info: busboy.FileInfo) => {
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
      pending.push(
        new Promise((done) => {
          stream.on('end', () => {
            files.push({ field: name, fileName: info.filename ?? '', bytes: Buffer.concat(chunks), truncated });
            done();
          });
          // A body cut short inside the file destroys its stream with "Unexpected end of form";
          // unheard, that error would end the process. The parser reports the same error below.
          stream.on('error', () => done());
        }),
      );
    });
    parser.on('filesLimit', () => problems.push({ field: 'file', message: 'Attach one file only' }));
    parser.on('fieldsLimit', () => problems.push({ field: 'form', message: 'The form has more fields than a proof of address needs' }));
    parser.on('partsLimit', () => problems.push({ field: 'form', message: 'The form has more parts than a proof of address needs' }));
    parser.on('error', (error: unknown) => {
      // A malformed form (a part header too long, a body cut short) is answered only once the
      // client has sent all of it: answering mid-upload resets the connection, and the browser
      // would show a network error instead of what is wrong.
      req.unpipe(parser);
      if (req.readableEnded) {
        reject(error);
        return;
      }
      req.once('end', () => reject(error));
      req.once('close', () => reject(error));
      req.resume();
    });
    parser.on('close', () => {
      void Promise.all(pending).then(() => resolve({ fields, files, problems }));
    });
    req.pipe(parser);
  });
}
