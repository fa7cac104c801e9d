import { useCallback, useState } from 'react';

/** Quarter turns clockwise. */
export type Rotation = 0 | 90 | 180 | 270;

/** Fit the width of the viewport, the whole page, or a chosen zoom. */
export type ZoomMode = { fit: 'width' } | { fit: 'page' } | { fit: null; scale: number };

export interface Size {
  width: number;
  height: number;
}

/** The zoom steps of the + and − buttons, as in common PDF viewers. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 4;

/** Room left around the content inside the viewport, so a fitted page does not touch the edges. */
export const VIEWPORT_PADDING = 16;

export function rotateClockwise(rotation: Rotation): Rotation {
  return ((rotation + 90) % 360) as Rotation;
}

/** The size of content after a rotation: a quarter turn swaps width and height. */
export function rotatedSize(size: Size, rotation: Rotation): Size {
  return rotation === 90 || rotation === 270 ? { width: size.height, height: size.width } : size;
}

/**
 * The scale that shows `content` (already rotated) in `viewport` as the mode asks. Never 0 or
 * negative, so a hidden or collapsed viewport still renders something.
 */
export function effectiveScale(mode: ZoomMode, content: Size, viewport: Size): number {
  if (mode.fit === null) return mode.scale;
  const availableWidth = Math.max(viewport.width - 2 * VIEWPORT_PADDING, 1);
  const availableHeight = Math.max(viewport.height - 2 * VIEWPORT_PADDING, 1);
  if (content.width <= 0 || content.height <= 0) return 1;
  const widthScale = availableWidth / content.width;
  const scale = mode.fit === 'width' ? widthScale : Math.min(widthScale, availableHeight / content.height);
  return clampZoom(scale);
}

export function clampZoom(scale: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale));
}

/** The next step above the current scale (from a fitted scale too). */
export function zoomInFrom(scale: number): number {
  return ZOOM_STEPS.find((step) => step > scale + 0.001) ?? MAX_ZOOM;
}

export function zoomOutFrom(scale: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < scale - 0.001) ?? MIN_ZOOM;
}

/** `125 %`, as the toolbar shows it. */
export function formatZoom(scale: number): string {
  return `${Math.round(scale * 100)} %`;
}

/** Zoom and rotation of one viewer; starts fitted to the width, which reads best on a desk screen. */
export function useViewerZoom(initial: ZoomMode = { fit: 'width' }) {
  const [mode, setMode] = useState<ZoomMode>(initial);
  const [rotation, setRotation] = useState<Rotation>(0);
  return {
    mode,
    rotation,
    zoomIn: useCallback((current: number) => setMode({ fit: null, scale: zoomInFrom(current) }), []),
    zoomOut: useCallback((current: number) => setMode({ fit: null, scale: zoomOutFrom(current) }), []),
    actualSize: useCallback(() => setMode({ fit: null, scale: 1 }), []),
    fitWidth: useCallback(() => setMode({ fit: 'width' }), []),
    fitPage: useCallback(() => setMode({ fit: 'page' }), []),
    rotate: useCallback(() => setRotation(rotateClockwise), []),
  };
}

export type ViewerZoom = ReturnType<typeof useViewerZoom>;
