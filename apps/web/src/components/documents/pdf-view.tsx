import { ChevronFirst, ChevronLast, ChevronLeft, ChevronRight } from 'lucide-react';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ToolbarButton, ToolbarSeparator, ToolbarText } from '../ui/toolbar.tsx';
import { DocumentViewerError, DocumentViewerLoading } from './document-viewer-states.tsx';
import { useElementSize } from './use-element-size.ts';
import { DocumentToolbar, handleZoomKey, ViewerFrame, ZoomControls } from './viewer-frame.tsx';
import { effectiveScale, useViewerZoom, VIEWPORT_PADDING, type Rotation, type Size } from './viewer-zoom.ts';
import { isCancelledRender, isPasswordError, openPdf, PDF_POINT_IN_CSS_PIXELS } from './pdfjs.ts';

export interface PdfViewProps {
  bytes: ArrayBuffer;
  fileName: string;
  downloadUrl: string;
  viewportClassName?: string;
}

type Loaded = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; document: PDFDocumentProxy };

/** A PDF rendered into the page, one page at a time, with page navigation, zoom and rotation. */
export function PdfView({ bytes, fileName, downloadUrl, viewportClassName }: PdfViewProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    setLoaded({ state: 'loading' });
    openPdf(bytes)
      .then(async (task) => {
        destroy = () => task.destroy();
        if (cancelled) return void task.destroy();
        const document = await task.promise;
        if (!cancelled) setLoaded({ state: 'ready', document });
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoaded({ state: 'failed', error });
      });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [bytes, attempt]);

  if (loaded.state === 'loading') return <DocumentViewerLoading label={`Opening ${fileName}…`} viewportClassName={viewportClassName} />;
  if (loaded.state === 'failed') {
    return (
      <DocumentViewerError
        title={isPasswordError(loaded.error) ? 'This PDF is protected by a password' : 'This PDF could not be shown'}
        hint={
          isPasswordError(loaded.error)
            ? 'Identdesk does not open protected PDFs. Download it and open it with the password the customer gave.'
            : 'The file may be damaged or use a feature the viewer does not support. Download it and open it on your computer.'
        }
        detail={loaded.error instanceof Error ? loaded.error.message : String(loaded.error)}
        downloadUrl={downloadUrl}
        onRetry={isPasswordError(loaded.error) ? undefined : () => setAttempt((value) => value + 1)}
      />
    );
  }
  return <PdfPages document={loaded.document} fileName={fileName} downloadUrl={downloadUrl} viewportClassName={viewportClassName} />;
}

function PdfPages({
  document,
  fileName,
  downloadUrl,
  viewportClassName,
}: {
  document: PDFDocumentProxy;
  fileName: string;
  downloadUrl: string;
  viewportClassName?: string;
}) {
  const pageCount = document.numPages;
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<PDFPageProxy | null>(null);
  const zoom = useViewerZoom();
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewportSize = useElementSize(viewportRef);

  useEffect(() => {
    let cancelled = false;
    document.getPage(pageNumber).then(
      (loadedPage) => {
        if (!cancelled) setPage(loadedPage);
      },
      () => {
        if (!cancelled) setPage(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [document, pageNumber]);

  const pageSize = page ? unscaledPageSize(page, zoom.rotation) : null;
  const scale = pageSize ? effectiveScale(zoom.mode, pageSize, viewportSize) : 1;

  const goTo = (target: number) => {
    const next = Math.min(pageCount, Math.max(1, target));
    if (next === pageNumber) return;
    setPageNumber(next);
    viewportRef.current?.scrollTo({ top: 0 });
  };

  const onDocumentKey = (event: KeyboardEvent<HTMLElement>) => {
    switch (event.key) {
      case 'PageDown':
      case 'ArrowRight':
        goTo(pageNumber + 1);
        return true;
      case 'PageUp':
      case 'ArrowLeft':
        goTo(pageNumber - 1);
        return true;
      case 'Home':
        goTo(1);
        return true;
      case 'End':
        goTo(pageCount);
        return true;
      default:
        return handleZoomKey(event.key, zoom, scale);
    }
  };

  return (
    <ViewerFrame
      label={fileName}
      viewportRef={viewportRef}
      onDocumentKey={onDocumentKey}
      viewportClassName={viewportClassName}
      toolbar={
        <DocumentToolbar label="Document controls" downloadUrl={downloadUrl}>
          <ToolbarButton label="First page" shortcut="Home" icon={ChevronFirst} onClick={() => goTo(1)} disabled={pageNumber <= 1} />
          <ToolbarButton label="Previous page" shortcut="Page Up" icon={ChevronLeft} onClick={() => goTo(pageNumber - 1)} disabled={pageNumber <= 1} />
          <ToolbarText aria-live="polite" className="min-w-20 text-center">
            Page {pageNumber} of {pageCount}
          </ToolbarText>
          <ToolbarButton label="Next page" shortcut="Page Down" icon={ChevronRight} onClick={() => goTo(pageNumber + 1)} disabled={pageNumber >= pageCount} />
          <ToolbarButton label="Last page" shortcut="End" icon={ChevronLast} onClick={() => goTo(pageCount)} disabled={pageNumber >= pageCount} />
          <ToolbarSeparator />
          <ZoomControls zoom={zoom} scale={scale} />
        </DocumentToolbar>
      }
    >
      {page && pageSize ? (
        <PdfCanvas page={page} pageNumber={pageNumber} pageCount={pageCount} scale={scale} rotation={zoom.rotation} />
      ) : (
        <p role="status" className="p-6 text-center text-sm text-zinc-500">
          Loading page {pageNumber}…
        </p>
      )}
    </ViewerFrame>
  );
}

/** The page's viewport at a zoom, after the page's own rotation and the agent's. */
function pageViewport(page: PDFPageProxy, scale: number, rotation: Rotation) {
  return page.getViewport({ scale: scale * PDF_POINT_IN_CSS_PIXELS, rotation: (page.rotate + rotation) % 360 });
}

/** The page's size at 100 % (pdf.js's viewport already swaps width and height for a quarter turn). */
function unscaledPageSize(page: PDFPageProxy, rotation: Rotation): Size {
  const viewport = pageViewport(page, 1, rotation);
  return { width: viewport.width, height: viewport.height };
}

/**
 * Renders one page into a fresh canvas and swaps it in when done: the previous rendering stays
 * visible meanwhile (no flash on zoom), and two renderings never share a canvas, which pdf.js
 * refuses.
 */
function PdfCanvas({
  page,
  pageNumber,
  pageCount,
  scale,
  rotation,
}: {
  page: PDFPageProxy;
  pageNumber: number;
  pageCount: number;
  scale: number;
  rotation: Rotation;
}) {
  const holderRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState<string | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  const viewport = pageViewport(page, scale, rotation);

  useEffect(() => {
    const holder = holderRef.current;
    if (!holder) return;
    const viewport = pageViewport(page, scale, rotation);
    const pixelRatio = window.devicePixelRatio || 1;
    const canvas = window.document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * pixelRatio);
    canvas.height = Math.floor(viewport.height * pixelRatio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    canvas.style.display = 'block';
    const task = page.render({
      canvas,
      viewport,
      transform: pixelRatio === 1 ? undefined : [pixelRatio, 0, 0, pixelRatio, 0, 0],
    });
    task.promise.then(
      () => {
        holder.replaceChildren(canvas);
        setRenderError(null);
      },
      (error: unknown) => {
        if (!isCancelledRender(error)) setRenderError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => task.cancel();
  }, [page, scale, rotation]);

  useEffect(() => {
    let cancelled = false;
    setText(null);
    page.getTextContent().then(
      (content) => {
        if (cancelled) return;
        const lines = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('');
        setText(lines.trim());
      },
      () => {
        if (!cancelled) setText('');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [page]);

  return (
    <div className="flex min-h-full min-w-fit items-start justify-center" style={{ padding: VIEWPORT_PADDING }}>
      <figure className="m-0">
        <div
          ref={holderRef}
          role="img"
          aria-label={`Page ${pageNumber} of ${pageCount}`}
          className="bg-white shadow-md ring-1 ring-zinc-300"
          style={{ width: Math.floor(viewport.width), height: Math.floor(viewport.height) }}
        />
        {renderError ? (
          <figcaption role="alert" className="mt-2 text-center text-sm text-red-700">
            Page {pageNumber} could not be drawn: {renderError}. Download the file to read it.
          </figcaption>
        ) : null}
        {/* The page's text for screen readers, since the canvas is a picture of it. */}
        {text ? (
          <figcaption className="sr-only">
            {text}
          </figcaption>
        ) : null}
      </figure>
    </div>
  );
}
