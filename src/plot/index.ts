// Public surface of the plot module: pure rendering of masks, points and curves to SVG/PNG/PDF.
export { esc, num } from './svg.js';
export { contourMask, ContourTracer, maskBoundaries, boundaryOffFrame, looksLogSpaced } from './contours.js';
export type { ContourPolygon, ContourOptions, AxisInterpolation, ColumnBands, XY, Frame } from './contours.js';
export { renderExclusionMap } from './exclusionMap.js';
export type { ExclusionMapInput, RegionInput, PreferredInput, AxisInput, ProjectionInput, MapShape, TracedShape } from './exclusionMap.js';
export { PROJECTED_HEADING, PROJECTION_DASH } from './exclusionMap.js';
export { renderAlphaRMap, rScale, TAN_ALPHA_MINUS_TWO_THIRDS } from './alphaRMap.js';
export type { AlphaRMapInput, AlphaRPoint, AlphaRLine } from './alphaRMap.js';
export { renderCurves, findCrossings } from './curves.js';
export type { CurvesInput, CurveSeries } from './curves.js';
export { svgToPng, svgToPdf, writePlot, svgSize } from './render.js';
export type { PlotFormat, PngOptions } from './render.js';
export { findDejaVuFonts } from './fonts.js';
export { REGION_COLORS, PREFERRED_COLOR, experimentColor } from './palette.js';
