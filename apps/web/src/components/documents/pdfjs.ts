import type * as PdfjsModule from 'pdfjs-dist';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';

type Pdfjs = typeof PdfjsModule;

let pdfjsModule: Promise<Pdfjs> | null = null;

/**
 * pdf.js, loaded on first use so the console's other pages never download it. The worker is a
 * file of our own build (Vite's `?url`), so it runs under the server's CSP (`script-src 'self'`)
 * without blob: workers.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')])
    .then(([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return pdfjs;
    })
    .catch((error: unknown) => {
      // A failed chunk load (a deploy in between) must not stick for the rest of the session.
      pdfjsModule = null;
      throw error;
    });
  return pdfjsModule;
}

/**
 * Opens a PDF from bytes already in memory. The options keep pdf.js inside the server's CSP:
 * no `eval` (PostScript functions are interpreted instead of compiled), no WebAssembly image
 * decoders (they would need 'wasm-unsafe-eval'), and nothing fetched from elsewhere; fonts a
 * PDF does not embed fall back to system fonts.
 */
export async function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({
    // pdf.js transfers the array to its worker: give it a copy, so the cached bytes stay usable.
    data: new Uint8Array(bytes.slice(0)),
    isEvalSupported: false,
    useWasm: false,
    useSystemFonts: true,
    enableXfa: false,
    // Warnings (a missing standard font, an unknown operator) are not the agent's problem.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
}

/** pdf.js's size of a PDF point in CSS pixels: 100 % shows a page at its printed size. */
export const PDF_POINT_IN_CSS_PIXELS = 96 / 72;

export function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

export function isCancelledRender(error: unknown): boolean {
  return error instanceof Error && error.name === 'RenderingCancelledException';
}
