import {
  Download,
  MoveHorizontal,
  RotateCw,
  Scan,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { cn } from '../../lib/cn.ts';
import { Toolbar, ToolbarButton, ToolbarLink, ToolbarSeparator, ToolbarSpacer, ToolbarText } from '../ui/toolbar.tsx';
import { formatZoom, MAX_ZOOM, MIN_ZOOM, type ViewerZoom } from './viewer-zoom.ts';

export interface ViewerFrameProps {
  /** Names the viewer region, e.g. "kyc_report.pdf". */
  label: string;
  toolbar: ReactNode;
  viewportRef?: RefObject<HTMLDivElement | null>;
  /** Keys for the document (pages, zoom); the toolbar keeps its arrow keys for moving between its buttons. */
  onDocumentKey?: (event: KeyboardEvent<HTMLElement>) => boolean;
  /** Height of the scrolling area; the full-page viewer fills the window. */
  viewportClassName?: string;
  children: ReactNode;
}

/**
 * A toolbar above a scrolling, focusable viewport. The viewport is a Tab stop so keyboard users
 * can scroll a zoomed page and use the document keys there.
 */
export function ViewerFrame({ label, toolbar, viewportRef, onDocumentKey, viewportClassName, children }: ViewerFrameProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inToolbar = (event.target as HTMLElement).closest('[role="toolbar"]') !== null;
    const target = event.target as HTMLElement;
    // Typing into a field (the page number) keeps its keys.
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    if (inToolbar && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return;
    if (onDocumentKey?.(event)) event.preventDefault();
  };
  return (
    <div
      role="group"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="flex flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs"
    >
      {toolbar}
      <div
        ref={viewportRef}
        role="region"
        aria-label="Document"
        tabIndex={0}
        className={cn('relative min-h-64 overflow-auto bg-zinc-100 focus-visible:outline-offset-[-2px]', viewportClassName ?? 'h-[70vh]')}
      >
        {children}
      </div>
    </div>
  );
}

/**
 * The zoom, fit, rotate and download controls that PDFs and images share. `scale` is the one in
 * effect (a fitted page has one too), so + and − step from what the agent sees.
 */
export function ZoomControls({ zoom, scale }: { zoom: ViewerZoom; scale: number }) {
  return (
    <>
      <ToolbarButton label="Zoom out" shortcut="−" icon={ZoomOut} onClick={() => zoom.zoomOut(scale)} disabled={scale <= MIN_ZOOM + 0.001} />
      <ToolbarText aria-live="polite" className="w-14 text-center">
        <span className="sr-only">Zoom </span>
        {formatZoom(scale)}
      </ToolbarText>
      <ToolbarButton label="Zoom in" shortcut="+" icon={ZoomIn} onClick={() => zoom.zoomIn(scale)} disabled={scale >= MAX_ZOOM - 0.001} />
      <ToolbarButton label="Fit width" shortcut="W" icon={MoveHorizontal} aria-pressed={zoom.mode.fit === 'width'} onClick={zoom.fitWidth} />
      <ToolbarButton label="Fit page" shortcut="F" icon={Scan} aria-pressed={zoom.mode.fit === 'page'} onClick={zoom.fitPage} />
      <ToolbarSeparator />
      <ToolbarButton label="Rotate clockwise" shortcut="R" icon={RotateCw} onClick={zoom.rotate} />
      <ToolbarText className="sr-only" aria-live="polite">
        {zoom.rotation === 0 ? 'Not rotated' : `Rotated ${zoom.rotation}°`}
      </ToolbarText>
    </>
  );
}

/** Zoom and rotate keys, shared by PDFs and images; returns whether it used the key. */
export function handleZoomKey(key: string, zoom: ViewerZoom, scale: number): boolean {
  switch (key) {
    case '+':
    case '=':
      zoom.zoomIn(scale);
      return true;
    case '-':
      zoom.zoomOut(scale);
      return true;
    case 'w':
    case 'W':
      zoom.fitWidth();
      return true;
    case 'f':
    case 'F':
      zoom.fitPage();
      return true;
    case 'r':
    case 'R':
      zoom.rotate();
      return true;
    default:
      return false;
  }
}

export function DocumentToolbar({ label, children, downloadUrl }: { label: string; children?: ReactNode; downloadUrl: string }) {
  return (
    <Toolbar label={label}>
      {children}
      <ToolbarSpacer />
      <ToolbarLink label="Download" icon={Download} href={downloadUrl} download />
    </Toolbar>
  );
}
