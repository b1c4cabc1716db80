/**
 * The app's two icons, drawn in code: a circular "restore" arrow around clock hands. Colour: 192×192, the
 * symbol within the central 96×96 on a solid accent. Outline: 32×32, white on fully transparent, no padding
 * (Teams' rules for app packages). Edges are anti-aliased by sampling each pixel 4×4 times.
 */
import { encodePng } from "./png.js";

export const ACCENT = { r: 0x0f, g: 0x6c, b: 0xbd };
const SAMPLES = 4;

/** Whether a point of the symbol's square (-1..1 on both axes, y down) is inked. */
export function inSymbol(x: number, y: number): boolean {
  return inArrowRing(x, y) || inArrowHead(x, y) || inClockHands(x, y);
}

const RING_OUTER = 0.86;
const RING_INNER = 0.64;
/** The ring's gap, upper left, where the arrow head sits (angles in radians, y down). */
const GAP_FROM = -Math.PI * 0.95;
const GAP_TO = -Math.PI * 0.6;

function inArrowRing(x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  const angle = Math.atan2(y, x);
  return r >= RING_INNER && r <= RING_OUTER && !(angle > GAP_FROM && angle < GAP_TO);
}

/** A triangle at the gap's clockwise end, pointing back along the ring (counter-clockwise: "back in time"). */
function inArrowHead(x: number, y: number): boolean {
  const mid = (RING_INNER + RING_OUTER) / 2;
  const base = { x: Math.cos(GAP_TO) * mid, y: Math.sin(GAP_TO) * mid };
  const outward = { x: Math.cos(GAP_TO), y: Math.sin(GAP_TO) };
  const backwards = { x: Math.sin(GAP_TO), y: -Math.cos(GAP_TO) };
  const half = 0.22;
  const corners = [
    { x: base.x + outward.x * half, y: base.y + outward.y * half },
    { x: base.x - outward.x * half, y: base.y - outward.y * half },
    { x: base.x + backwards.x * 0.3, y: base.y + backwards.y * 0.3 },
  ];
  return inTriangle(x, y, corners);
}

function inClockHands(x: number, y: number): boolean {
  const width = 0.09;
  const up = Math.abs(x) <= width && y <= 0.05 && y >= -0.5;
  const right = Math.abs(y) <= width && x >= -0.05 && x <= 0.38;
  return up || right;
}

function inTriangle(x: number, y: number, [a, b, c]: Array<{ x: number; y: number }>): boolean {
  if (!a || !b || !c) return false;
  const side = (p: { x: number; y: number }, q: { x: number; y: number }) =>
    (q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

/** How much of the pixel (px, py) the symbol covers, with the symbol's square at (left, top) of `size` pixels. */
function coverage(px: number, py: number, left: number, top: number, size: number): number {
  let inked = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = ((px + (sx + 0.5) / SAMPLES - left) / size) * 2 - 1;
      const y = ((py + (sy + 0.5) / SAMPLES - top) / size) * 2 - 1;
      if (inSymbol(x, y)) inked++;
    }
  }
  return inked / (SAMPLES * SAMPLES);
}

export function colorIcon(): Buffer {
  const size = 192;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const ink = coverage(px, py, 48, 48, 96);
      const at = (py * size + px) * 4;
      rgba[at] = Math.round(ACCENT.r + (255 - ACCENT.r) * ink);
      rgba[at + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * ink);
      rgba[at + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * ink);
      rgba[at + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

export function outlineIcon(): Buffer {
  const size = 32;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4;
      rgba.set([255, 255, 255, Math.round(255 * coverage(px, py, 0, 0, size))], at);
    }
  }
  return encodePng(size, size, rgba);
}
