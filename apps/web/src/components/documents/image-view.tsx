import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { DocumentViewerError } from './document-viewer-states.tsx';
import { useElementSize } from './use-element-size.ts';
import { DocumentToolbar, handleZoomKey, ViewerFrame, ZoomControls } from './viewer-frame.tsx';
import { effectiveScale, rotatedSize, useViewerZoom, VIEWPORT_PADDING, type Size } from './viewer-zoom.ts';

export interface ImageViewProps {
  bytes: ArrayBuffer;
  contentType: string;
  fileName: string;
  /** What the picture shows, for its alternative text, e.g. "ID document". */
  description: string;
  downloadUrl: string;
  viewportClassName?: string;
}

/** A JPEG or PNG with zoom, fit and rotation. Starts fitted to the page: a scan is read whole first. */
export function ImageView({ bytes, contentType, fileName, description, downloadUrl, viewportClassName }: ImageViewProps) {
  // A blob: URL (the CSP allows img-src blob:) made from the bytes already fetched: the picture is
  // not requested a second time, which would be a second "opened" in the audit trail.
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    setObjectUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [bytes, contentType]);

  const [natural, setNatural] = useState<Size | null>(null);
  const [failed, setFailed] = useState(false);
  const zoom = useViewerZoom({ fit: 'page' });
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewportSize = useElementSize(viewportRef);

  const shown = natural ? rotatedSize(natural, zoom.rotation) : null;
  const scale = shown ? effectiveScale(zoom.mode, shown, viewportSize) : 1;

  if (failed) {
    return (
      <DocumentViewerError
        title="This picture could not be shown"
        hint="The file may be damaged. Download it and open it on your computer."
        detail={`The browser could not decode ${fileName} as ${contentType}.`}
        downloadUrl={downloadUrl}
      />
    );
  }

  const onDocumentKey = (event: KeyboardEvent<HTMLElement>) => handleZoomKey(event.key, zoom, scale);
  const imageWidth = natural ? natural.width * scale : 0;
  const imageHeight = natural ? natural.height * scale : 0;

  return (
    <ViewerFrame
      label={fileName}
      viewportRef={viewportRef}
      onDocumentKey={onDocumentKey}
      viewportClassName={viewportClassName}
      toolbar={
        <DocumentToolbar label="Picture controls" downloadUrl={downloadUrl}>
          <ZoomControls zoom={zoom} scale={scale} />
        </DocumentToolbar>
      }
    >
      <div className="flex min-h-full min-w-fit items-center justify-center" style={{ padding: VIEWPORT_PADDING }}>
        {/* Sized to the rotated picture, so scrolling and fitting follow what is on screen. */}
        <div
          className="relative shrink-0"
          style={shown ? { width: shown.width * scale, height: shown.height * scale } : { width: 1, height: 1 }}
        >
          {objectUrl ? (
            <img
              src={objectUrl}
              alt={description}
              draggable={false}
              onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
              onError={() => setFailed(true)}
              className="absolute top-1/2 left-1/2 max-w-none bg-white shadow-md ring-1 ring-zinc-300"
              style={{
                width: imageWidth || undefined,
                height: imageHeight || undefined,
                transform: `translate(-50%, -50%) rotate(${zoom.rotation}deg)`,
                visibility: natural ? 'visible' : 'hidden',
              }}
            />
          ) : null}
        </div>
      </div>
    </ViewerFrame>
  );
}
