/**
 * Removes what a picture says about where and how it was taken — EXIF (GPS position, camera, time), XMP,
 * IPTC, comments and text chunks — from PNG, JPEG and WebP uploads, without decoding or re-encoding the
 * image. A photo's EXIF orientation is kept (rewritten as the only tag), so it still shows upright.
 */
export function stripImageMetadata(data: Buffer, contentType: string): Buffer {
  switch (contentType) {
    case "image/jpeg":
      return stripJpeg(data);
    case "image/png":
      return stripPng(data);
    case "image/webp":
      return stripWebp(data);
    default:
      return data;
  }
}

// JPEG: APP1 carries EXIF and XMP, APP13 IPTC, COM free text. APP0 (JFIF), APP2 (ICC colour profile) and
// APP14 (Adobe colour transform) change how the pixels are read, so they stay.
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);
const SOS = 0xda;

function stripJpeg(data: Buffer): Buffer {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return data;
  const kept: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | undefined;
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return data; // not a marker where one must be: leave the file as it is
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === SOS) break;
    const length = data.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > data.length) return data;
    const segment = data.subarray(at, end);
    if (marker === 0xe1 && segment.subarray(4, 10).equals(EXIF_HEADER)) {
      orientation ??= exifOrientation(segment.subarray(10));
    }
    if (!JPEG_DROPPED.has(marker)) kept.push(segment);
    at = end;
  }
  if (orientation && orientation !== 1)
    kept.splice(kept[1] && kept[1][1] === 0xe0 ? 2 : 1, 0, orientationApp1(orientation));
  kept.push(data.subarray(at));
  return Buffer.concat(kept);
}

const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const ORIENTATION_TAG = 0x0112;

/** The orientation tag (1–8) of IFD0 in a TIFF-structured EXIF block, if it is there and sane. */
function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === ORIENTATION_TAG) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment whose EXIF holds one tag: the orientation. */
function orientationApp1(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(ORIENTATION_TAG, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([EXIF_HEADER, tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// PNG: text chunks (tEXt, zTXt, iTXt), EXIF (eXIf) and the modification time (tIME) go; everything that
// draws the image stays, including its colour chunks.
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

function stripPng(data: Buffer): Buffer {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) return data;
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > data.length) return data;
    const type = data.toString("latin1", at + 4, at + 8);
    if (!PNG_DROPPED.has(type)) kept.push(data.subarray(at, end));
    at = end;
    if (type === "IEND") break;
  }
  return Buffer.concat(kept);
}

// WebP: a RIFF file; EXIF and XMP are chunks of their own, announced by two flags in the VP8X header.
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(data: Buffer): Buffer {
  if (data.length < 12 || data.toString("latin1", 0, 4) !== "RIFF" || data.toString("latin1", 8, 12) !== "WEBP")
    return data;
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= data.length) {
    const type = data.toString("latin1", at, at + 4);
    const size = data.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > data.length) return data;
    const chunk = Buffer.from(data.subarray(at, Math.min(end, data.length)));
    if (type === "VP8X" && chunk.length > 8) chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
    if (type !== "EXIF" && type !== "XMP ") kept.push(chunk);
    at = end;
  }
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write("RIFF", 0, "latin1");
  head.writeUInt32LE(body.length + 4, 4);
  head.write("WEBP", 8, "latin1");
  return Buffer.concat([head, body]);
}
