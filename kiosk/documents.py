"""Scanned documents: what a file really is (by its content, never its name) and whether it may be sent.

Everything happens in memory: a scan holds personal data, so no check writes a temporary file. Sizes are
read from the file's own header before any decoding, so a decompression bomb is refused before Pillow
allocates its pixels (and before Pillow's own bomb warning could depend on the warning filters).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.import_files import megabytes, read_named_file

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # the portal's limit for one upload


def read_document_file(path: Path) -> bytes:
    """The bytes of a file picked for an attachment (the app's file dialog, the scanner's folder) through
    kiosk.import_files.read_named_file (the reader `kiosk import` uses): a regular file only, opened
    without blocking (a FIFO or /dev/zero never hangs the worker), refused from its size before any
    byte is read past MAX_ATTACHMENT_BYTES, then read in chunks. KioskError says what to do."""
    try:
        return read_named_file(
            path, MAX_ATTACHMENT_BYTES, not_regular="documents.not_a_file", too_large="documents.too_large"
        ).data
    except OSError:
        raise KioskError("documents.unreadable_file") from None


MAX_PDF_PAGES = 50  # a dossier's document, not a book: more is almost always the wrong file
MAX_PIXELS = 50_000_000  # an A4 page at 600 dpi is 35 megapixels; more is a bomb or a poster
MIN_SHORT_SIDE = 300  # below this a page of text cannot be read
PHOTO_LONG_SIDE = 2000  # readable A4 text, a few hundred KB as JPEG
PHOTO_QUALITY = 85
PHOTO_MAX_BYTES = 1536 * 1024  # an image heavier than this is re-encoded before it is kept
MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
_SUFFIXES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_PIL_FORMATS = {"image/jpeg": ["JPEG"], "image/png": ["PNG"]}  # JPEG includes MPO (two frames)
# Start-of-frame markers carry the size (C4, C8 and CC are tables, not frames).
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Images of other kinds a person may have; they get a message that names the kind.
_OTHER_IMAGES = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


@dataclass(frozen=True)
class DocumentInfo:
    """What a checked document is: its media type, byte size, and its pages or pixel size."""

    media_type: str
    size: int
    pages: int | None = None  # PDF only
    width: int | None = None  # images only
    height: int | None = None

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


@dataclass(frozen=True)
class Upload:
    """A document ready to keep: its bytes (photos re-encoded), what it is, and whether it was re-encoded."""

    data: bytes
    info: DocumentInfo
    reencoded: bool


def sniff_media_type(data: bytes) -> str | None:
    """The media type that `data` starts like, or None when it is none of PDF, JPEG and PNG."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def other_image_kind(data: bytes) -> str | None:
    """The name of an image format the portal does not take (GIF, BMP, TIFF, WebP, HEIC, SVG), if any."""
    for magic, kind in _OTHER_IMAGES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"hevc"):
        return "HEIC"
    if data[4:8] == b"ftyp" and data[8:12] == b"avif":
        return "AVIF"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG"
    return None


def _office_kind(data: bytes) -> str | None:
    """Word or Excel files (people often have the document typed rather than scanned)."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # the old .doc/.xls container
        return "Word/Excel"
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        if b"word/" in head:
            return "Word"
        if b"xl/" in head:
            return "Excel"
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header, without decoding; None when the header is broken."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The largest frame a JPEG declares before its image data (Pillow keeps the last; both are bounded)."""
    best: tuple[int, int] | None = None
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None  # not a marker where one must be: garbage
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or start of the image data
            break
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if length < 2:
            return None
        if marker in _JPEG_SOF:
            if i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            if not width or not height:
                return None
            if best is None or width * height > best[0] * best[1]:
                best = (width, height)
        i += 2 + length
    return best


def inspect_document(data: bytes, accept: tuple[str, ...] = MEDIA_TYPES) -> DocumentInfo:
    """What `data` is, or a KioskError saying what is wrong with it and what to do instead."""
    if not data:
        raise KioskError("documents.empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise KioskError(
            "documents.too_large", size_mb=megabytes(len(data)), limit_mb=megabytes(MAX_ATTACHMENT_BYTES)
        )
    media_type = sniff_media_type(data)
    if media_type is None:
        if kind := other_image_kind(data):
            raise KioskError("documents.other_image", kind=kind)
        if kind := _office_kind(data):
            raise KioskError("documents.office_file", kind=kind)
        raise KioskError("documents.unknown_type")
    if media_type not in accept:
        allowed = ", ".join(_SUFFIXES[m].lstrip(".").upper() for m in accept if m in _SUFFIXES)
        raise KioskError("documents.not_accepted", allowed=allowed)
    if media_type == "application/pdf":
        return DocumentInfo(media_type, len(data), pages=_pdf_pages(data))
    width, height = _image_dimensions(data, media_type)
    return DocumentInfo(media_type, len(data), width=width, height=height)


def check_document(data: bytes, accept: tuple[str, ...] = MEDIA_TYPES) -> str:
    """The media type of an acceptable document, or a KioskError saying what is wrong and what to do."""
    return inspect_document(data, accept).media_type


def _pdf_pages(data: bytes) -> int:
    # A PDF ends with "startxref … %%EOF": without them it was cut short (or is not really a PDF).
    if b"%%EOF" not in data[-2048:] or b"startxref" not in data[-4096:]:
        raise KioskError("documents.pdf_damaged")
    from pypdf import PdfReader  # loaded on the worker that checks the first PDF

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise KioskError("documents.pdf_encrypted")
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise KioskError("documents.pdf_too_many_pages", pages=pages, limit=MAX_PDF_PAGES)
        tree = reader.root_object["/Pages"].get_object()
        declared = tree.get("/Count") if isinstance(tree, dict) else None
        if isinstance(declared, int) and declared != pages:
            raise KioskError("documents.pdf_damaged")  # pages listed but missing: a damaged page tree
        for page in reader.pages:  # each page must be a page a viewer can lay out
            _ = page.mediabox.width
    except KioskError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files; all mean "cannot be read"
        raise KioskError("documents.pdf_damaged") from exc
    if pages == 0:
        raise KioskError("documents.pdf_no_pages")
    return pages


def _bomb(megapixels: object = "?") -> KioskError:
    return KioskError("documents.image_too_many_pixels", megapixels=megapixels, limit=MAX_PIXELS // 10**6)


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise _bomb(round(width * height / 1_000_000))


def _image_dimensions(data: bytes, media_type: str) -> tuple[int, int]:
    size = image_size(data)
    if size is None:
        raise KioskError("documents.image_damaged")
    _check_pixels(*size)
    from PIL import Image  # loaded on the worker that checks the first image

    formats = _PIL_FORMATS[media_type]
    try:
        with Image.open(BytesIO(data), formats=formats) as image:
            _check_pixels(*image.size)  # in case Pillow reads another frame size than the header scan
            if image.format == "PNG" and getattr(image, "n_frames", 1) > 1:
                raise KioskError("documents.image_animated")
            image.verify()  # PNG: every chunk's checksum
        with Image.open(BytesIO(data), formats=formats) as image:
            image.load()  # every pixel: a truncated or garbled file fails here
            width, height = image.size
    except KioskError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb() from exc
    except Exception as exc:  # OSError, SyntaxError, ValueError, struct.error...: a damaged image
        raise KioskError("documents.image_damaged") from exc
    if min(width, height) < MIN_SHORT_SIDE:
        raise KioskError("documents.image_too_small", width=width, height=height, minimum=MIN_SHORT_SIDE)
    return width, height


def _has_exif(data: bytes) -> bool:
    """Whether a JPEG or PNG carries EXIF (camera, time, often the place it was taken)."""
    if data.startswith(b"\xff\xd8"):
        return b"Exif\x00\x00" in data[:65536]
    return b"eXIf" in data[:65536]


def prepare_photo(data: bytes) -> bytes:
    """A photo as a readable JPEG: upright (EXIF orientation), long side ≤ 2000 px, quality 85, no metadata.

    Raises KioskError for a file that is not a readable PNG or JPEG (or is a decompression bomb).
    """
    size = image_size(data)
    if size is None:
        raise KioskError("documents.image_damaged")
    _check_pixels(*size)
    from PIL import Image, ImageOps

    try:
        with Image.open(BytesIO(data), formats=["JPEG", "PNG"]) as opened:
            _check_pixels(*opened.size)
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb() from exc
    except Exception as exc:
        raise KioskError("documents.image_damaged") from exc
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")  # transparent parts become white paper, not black
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE), Image.Resampling.LANCZOS)
    image.info = {}  # no EXIF, GPS, comment or ICC profile is carried into the new file
    out = BytesIO()
    image.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    return out.getvalue()


def prepare_upload(data: bytes, accept: tuple[str, ...] = MEDIA_TYPES, *, photo: bool = False) -> Upload:
    """Check a document; re-encode a photo (or a heavy, huge or EXIF-carrying image) as a compact JPEG.

    `photo` says it came from a camera: always re-encoded. PDFs are kept as they are. The re-encoded
    file is checked again, so what is kept has passed every check.
    """
    info = inspect_document(data, accept)
    if not info.is_image or "image/jpeg" not in accept:
        return Upload(data, info, reencoded=False)
    assert info.width is not None and info.height is not None
    heavy = len(data) > PHOTO_MAX_BYTES or max(info.width, info.height) > PHOTO_LONG_SIDE
    if not (photo or heavy or _has_exif(data)):
        return Upload(data, info, reencoded=False)
    smaller = prepare_photo(data)
    return Upload(smaller, inspect_document(smaller, accept), reencoded=True)


def suffix_for(media_type: str) -> str:
    return _SUFFIXES.get(media_type, "")


def upload_filename(original: str, upload: Upload) -> str:
    """The name to keep: the original, with its suffix made true to the (possibly re-encoded) content."""
    stem = original.rsplit(".", 1)[0] if "." in original.strip(".") else original
    return (stem or "tai-lieu") + suffix_for(upload.info.media_type)
