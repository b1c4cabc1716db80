// @ts-check
/**
 * The app's icons, drawn in code: a circular "restore" arrow around clock hands, white on the app's colour.
 * Teams colour: 192×192, the symbol within the central 96×96. Teams outline: 32×32, white on fully transparent,
 * no padding (Teams' rules for app packages). Slack: 512×512 (Slack takes 512 to 2000 px, square), the symbol
 * larger, as Slack shows the icon small and rounds its corners. Edges are anti-aliased by sampling each pixel
 * 4×4 times. Encoded with pngjs.
 */
import { PNG } from "pngjs";

/** @typedef {{ r: number, g: number, b: number }} Rgb */
/** @typedef {{ x: number, y: number }} Point */

const SAMPLES = 4;
const WHITE = { r: 255, g: 255, b: 255 };
/** RGBA; flat icons compress best unfiltered with zlib's default strategy (pngjs defaults to RLE). */
const PNG_OPTIONS = /** @type {const} */ ({ colorType: 6, filterType: 0, deflateStrategy: 0 });

/**
 * "#0F6CBD" → { r, g, b }.
 * @param {string} hex
 * @returns {Rgb}
 */
export function parseHexColor(hex) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const [, r = "", g = "", b = ""] = match;
  return { r: Number.parseInt(r, 16), g: Number.parseInt(g, 16), b: Number.parseInt(b, 16) };
}

/**
 * Teams' colour icon: 192×192, opaque `background`.
 * @param {Rgb} background
 */
export function teamsColorIcon(background) {
  return drawOnColour(192, 96, background);
}

/** Teams' outline icon: 32×32, white with coverage as alpha, on fully transparent. */
export function teamsOutlineIcon() {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4;
      png.data.set([255, 255, 255, Math.round(255 * coverage(px, py, 0, 0, size))], at);
    }
  }
  return PNG.sync.write(png, PNG_OPTIONS);
}

/**
 * Slack's app icon: 512×512, opaque `background`.
 * @param {Rgb} background
 */
export function slackIcon(background) {
  return drawOnColour(512, 320, background);
}

/**
 * A square of `size` pixels in `background`, the symbol in white within its central `symbolSize` pixels.
 * @param {number} size
 * @param {number} symbolSize
 * @param {Rgb} background
 */
function drawOnColour(size, symbolSize, background) {
  const png = new PNG({ width: size, height: size });
  const offset = (size - symbolSize) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const ink = coverage(px, py, offset, offset, symbolSize);
      const at = (py * size + px) * 4;
      png.data[at] = Math.round(background.r + (WHITE.r - background.r) * ink);
      png.data[at + 1] = Math.round(background.g + (WHITE.g - background.g) * ink);
      png.data[at + 2] = Math.round(background.b + (WHITE.b - background.b) * ink);
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png, PNG_OPTIONS);
}

/**
 * How much of the pixel (px, py) the symbol covers, with the symbol's square at (left, top) of `size` pixels.
 * @param {number} px
 * @param {number} py
 * @param {number} left
 * @param {number} top
 * @param {number} size
 */
function coverage(px, py, left, top, size) {
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

/**
 * Whether a point of the symbol's square (-1..1 on both axes, y down) is inked.
 * @param {number} x
 * @param {number} y
 */
function inSymbol(x, y) {
  return inArrowRing(x, y) || inArrowHead(x, y) || inClockHands(x, y);
}

const RING_OUTER = 0.86;
const RING_INNER = 0.64;
/** The ring's gap, upper left, where the arrow head sits (angles in radians, y down). */
const GAP_FROM = -Math.PI * 0.95;
const GAP_TO = -Math.PI * 0.6;

/**
 * @param {number} x
 * @param {number} y
 */
function inArrowRing(x, y) {
  const r = Math.hypot(x, y);
  const angle = Math.atan2(y, x);
  return r >= RING_INNER && r <= RING_OUTER && !(angle > GAP_FROM && angle < GAP_TO);
}

const MID = (RING_INNER + RING_OUTER) / 2;
const BASE = { x: Math.cos(GAP_TO) * MID, y: Math.sin(GAP_TO) * MID };
const OUTWARD = { x: Math.cos(GAP_TO), y: Math.sin(GAP_TO) };
const BACKWARDS = { x: Math.sin(GAP_TO), y: -Math.cos(GAP_TO) };
const HALF = 0.22;
/** A triangle at the gap's clockwise end, pointing back along the ring (counter-clockwise: "back in time"). */
const HEAD = /** @type {[Point, Point, Point]} */ ([
  { x: BASE.x + OUTWARD.x * HALF, y: BASE.y + OUTWARD.y * HALF },
  { x: BASE.x - OUTWARD.x * HALF, y: BASE.y - OUTWARD.y * HALF },
  { x: BASE.x + BACKWARDS.x * 0.3, y: BASE.y + BACKWARDS.y * 0.3 },
]);

/**
 * @param {number} x
 * @param {number} y
 */
function inArrowHead(x, y) {
  const [a, b, c] = HEAD;
  /** @param {Point} p @param {Point} q */
  const side = (p, q) => (q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

/**
 * @param {number} x
 * @param {number} y
 */
function inClockHands(x, y) {
  const width = 0.09;
  const up = Math.abs(x) <= width && y <= 0.05 && y >= -0.5;
  const right = Math.abs(y) <= width && x >= -0.05 && x <= 0.38;
  return up || right;
}
