"""Documents checked by content: 40 bad files, each refused with its own message and nothing kept.

The bad files are made here, in memory, rather than committed: each `BadFile` builds its bytes when a
test asks for them (the 50 MB image only for the test that uses it).
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from pypdf import PdfWriter

from kiosk.crypto import Sealer, training_key
from kiosk.documents import (
    MAX_ATTACHMENT_BYTES,
    MEDIA_TYPES,
    DocumentInfo,
    check_document,
    image_size,
    inspect_document,
    prepare_photo,
    prepare_upload,
    upload_filename,
)
from kiosk.errors import KioskError
from kiosk.i18n import t
from kiosk.store import Assisted, Store

PDF_ONLY = ("application/pdf",)
IMAGES_ONLY = ("image/jpeg", "image/png")


# --- makers of good files --------------------------------------------------------------------------------
def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="AES-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def page_image(size: tuple[int, int] = (827, 1169), mode: str = "RGB") -> Image.Image:
    """A page with some lines of "text", so compression and decoding do real work."""
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, size[1] - 40, 60):
        draw.line((40, y, size[0] - 40, y), fill="black", width=3)
    return image


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


@cache
def jpeg() -> bytes:
    return encode(page_image(), "JPEG", quality=80)


@cache
def png() -> bytes:
    return encode(page_image(), "PNG")


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# --- makers of bad files ---------------------------------------------------------------------------------
def pdf_without_xref() -> bytes:
    body = pdf(2).split(b"xref\n")[0]
    return body + b"trailer\n<< /Root 3 0 R >>\n%%EOF\n"


def pdf_missing_page() -> bytes:
    return pdf(3).replace(b"/Kids [ 4 0 R", b"/Kids [ 99 0 R")


def png_bad_crc() -> bytes:
    data = bytearray(png())
    at = data.index(b"IDAT") + 40  # inside the compressed pixels: only the checksum can tell
    data[at] ^= 0xFF
    return bytes(data)


def png_bomb() -> bytes:
    """30000×30000 black-and-white: 900 megapixels in about 100 KB."""
    side = 30000
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + side // 8)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    chunks = png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def jpeg_bomb() -> bytes:
    """A small JPEG whose frame header claims 65000×65000 pixels."""
    data = bytearray(encode(page_image((400, 400)), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65000, 65000)
    return bytes(data)


def huge_png() -> bytes:
    """About 50 MB of noise, a real PNG (stored without compression, so it stays that big)."""
    side = 4096
    noise = random.Random(5).randbytes(side * side * 3)
    return encode(Image.frombytes("RGB", (side, side), noise), "PNG", compress_level=0)


def apng() -> bytes:
    frames = [page_image((400, 400)), page_image((400, 400), "RGB").rotate(90)]
    out = BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def docx() -> bytes:
    import zipfile

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def zip_file() -> bytes:
    import zipfile

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("giay-to.pdf", pdf())
    return out.getvalue()


def tiny(size: tuple[int, int], fmt: str) -> Callable[[], bytes]:
    return lambda: encode(page_image(size), fmt)


ELF = b"\x7fELF\x02\x01\x01" + bytes(500)
EXE = b"MZ\x90\x00" + bytes(500)
TEXT = "Giấy khai sinh của con tôi".encode()


@dataclass(frozen=True)
class BadFile:
    name: str  # what the test id says
    filename: str  # what the person's file is called (often a lie)
    make: Callable[[], bytes]
    key: str  # the message the person must see
    accept: tuple[str, ...] = MEDIA_TYPES


BAD_FILES: tuple[BadFile, ...] = (
    BadFile("empty", "giay-to.pdf", lambda: b"", "documents.empty"),
    BadFile("one-byte", "giay-to.pdf", lambda: b"%", "documents.unknown_type"),
    BadFile("pdf-truncated", "giay-to.pdf", lambda: pdf(3)[:400], "documents.pdf_damaged"),
    BadFile("pdf-header-only", "giay-to.pdf", lambda: b"%PDF-1.7\n", "documents.pdf_damaged"),
    BadFile("pdf-without-xref", "giay-to.pdf", pdf_without_xref, "documents.pdf_damaged"),
    BadFile(
        "pdf-garbage-body",
        "giay-to.pdf",
        lambda: b"%PDF-1.4\n" + random.Random(1).randbytes(3000) + b"\nstartxref\n99999\n%%EOF\n",
        "documents.pdf_damaged",
    ),
    BadFile("pdf-missing-page", "giay-to.pdf", pdf_missing_page, "documents.pdf_damaged"),
    BadFile("pdf-password", "giay-to.pdf", lambda: encrypted_pdf("mat-khau"), "documents.pdf_encrypted"),
    BadFile("pdf-owner-locked", "giay-to.pdf", lambda: encrypted_pdf(""), "documents.pdf_encrypted"),
    BadFile("pdf-zero-pages", "giay-to.pdf", lambda: pdf(0), "documents.pdf_no_pages"),
    BadFile("pdf-200-pages", "giay-to.pdf", lambda: pdf(200), "documents.pdf_too_many_pages"),
    BadFile("elf-as-pdf", "giay-to.pdf", lambda: ELF, "documents.unknown_type"),
    BadFile("elf-as-jpg", "anh.jpg", lambda: ELF, "documents.unknown_type"),
    BadFile("exe-as-pdf", "giay-to.pdf", lambda: EXE, "documents.unknown_type"),
    BadFile("exe-as-jpg", "anh.jpg", lambda: EXE, "documents.unknown_type"),
    BadFile("zip-as-pdf", "giay-to.pdf", zip_file, "documents.unknown_type"),
    BadFile("docx-as-pdf", "giay-to.pdf", docx, "documents.office_file"),
    BadFile(
        "html-as-pdf",
        "giay-to.pdf",
        lambda: b"<!DOCTYPE html><html><body>Giay to</body></html>",
        "documents.unknown_type",
    ),
    BadFile("shell-as-jpg", "anh.jpg", lambda: b"#!/bin/sh\nrm -rf ~\n", "documents.unknown_type"),
    BadFile("text-as-pdf", "giay-to.pdf", lambda: TEXT, "documents.unknown_type"),
    BadFile("pdf-later-in-file", "giay-to.pdf", lambda: b"junk\n" + pdf(), "documents.unknown_type"),
    BadFile("jpeg-truncated", "anh.jpg", lambda: jpeg()[: len(jpeg()) // 2], "documents.image_damaged"),
    BadFile(
        "jpeg-garbage",
        "anh.jpg",
        lambda: b"\xff\xd8\xff\xe0" + random.Random(2).randbytes(4000),
        "documents.image_damaged",
    ),
    BadFile("jpeg-soi-only", "anh.jpg", lambda: b"\xff\xd8\xff", "documents.image_damaged"),
    BadFile("png-bad-crc", "anh.png", png_bad_crc, "documents.image_damaged"),
    BadFile("png-truncated", "anh.png", lambda: png()[: len(png()) // 2], "documents.image_damaged"),
    BadFile(
        "png-zero-width",
        "anh.png",
        lambda: png()[:16] + b"\x00\x00\x00\x00" + png()[20:],
        "documents.image_damaged",
    ),
    BadFile("png-bomb", "anh.png", png_bomb, "documents.image_too_many_pixels"),
    BadFile("jpeg-bomb", "anh.jpg", jpeg_bomb, "documents.image_too_many_pixels"),
    BadFile("png-50mb", "anh.png", huge_png, "documents.too_large"),
    BadFile(
        "jpeg-padded-25mb",
        "anh.jpg",
        lambda: jpeg() + bytes(25 * 1024 * 1024),
        "documents.too_large",
    ),
    BadFile("png-10x10", "anh.png", tiny((10, 10), "PNG"), "documents.image_too_small"),
    BadFile("jpeg-10x10", "anh.jpg", tiny((10, 10), "JPEG"), "documents.image_too_small"),
    BadFile("jpeg-299-wide", "anh.jpg", tiny((299, 900), "JPEG"), "documents.image_too_small"),
    BadFile("apng", "anh.png", apng, "documents.image_animated"),
    BadFile("gif", "anh.jpg", lambda: encode(page_image(), "GIF"), "documents.other_image"),
    BadFile("bmp", "anh.jpg", lambda: encode(page_image(), "BMP"), "documents.other_image"),
    BadFile("tiff", "giay-to.pdf", lambda: encode(page_image(), "TIFF"), "documents.other_image"),
    BadFile("webp", "anh.jpg", lambda: encode(page_image(), "WEBP"), "documents.other_image"),
    BadFile(
        "svg",
        "anh.png",
        lambda: b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>',
        "documents.other_image",
    ),
    BadFile(
        "heic",
        "anh.jpg",
        lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200),
        "documents.other_image",
    ),
    BadFile("pdf-for-images-only", "giay-to.pdf", pdf, "documents.not_accepted", IMAGES_ONLY),
    BadFile("jpeg-for-pdf-only", "anh.jpg", jpeg, "documents.not_accepted", PDF_ONLY),
    BadFile("png-named-pdf-for-pdf-only", "giay-to.pdf", png, "documents.not_accepted", PDF_ONLY),
)


def test_there_are_at_least_thirty_distinct_bad_files() -> None:
    assert len({bad.name for bad in BAD_FILES}) == len(BAD_FILES) >= 30
    assert len({bad.key for bad in BAD_FILES}) >= 12  # not one message for everything


# --- each bad file: refused with its message, in Vietnamese that says what to do, and nothing kept ------
@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "kiosk", Sealer(training_key())) as opened:
        yield opened


def attach(store: Store, ref: str, data: bytes, filename: str, accept: tuple[str, ...]) -> None:
    """What the attachment page does: check (and shrink) off the UI thread, then keep it sealed."""
    upload = prepare_upload(data, accept)
    store.add_attachment(
        ref, "giay_chung_sinh", upload.data, upload_filename(filename, upload), upload.info.media_type
    )


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda bad: bad.name)
def test_a_bad_file_is_refused_and_the_dossier_is_unchanged(bad: BadFile, store: Store) -> None:
    ref = store.create_draft("1.001193", "2026.11.1", Assisted("post_office"))
    attach(store, ref, jpeg(), "giay-chung-sinh.jpg", MEDIA_TYPES)
    before = store.get_dossier(ref)
    files_before = sorted(p.name for p in store.attachments_dir.iterdir())
    with pytest.raises(KioskError) as refused:
        attach(store, ref, bad.make(), bad.filename, bad.accept)
    assert refused.value.key == bad.key
    message = refused.value.message("vi")
    assert message == t(bad.key, "vi", **refused.value.params)
    assert "Vui lòng" in message  # says what to do, politely
    assert refused.value.message("en")
    after = store.get_dossier(ref)
    assert after.attachments == before.attachments and after.summary == before.summary
    assert sorted(p.name for p in store.attachments_dir.iterdir()) == files_before


def test_messages_name_the_numbers_that_matter() -> None:
    with pytest.raises(KioskError) as many:
        inspect_document(pdf(200))
    assert "200 trang" in many.value.message("vi") and "50 trang" in many.value.message("vi")
    with pytest.raises(KioskError) as small:
        inspect_document(encode(page_image((10, 10)), "PNG"))
    assert "10×10" in small.value.message("vi") and "300" in small.value.message("vi")
    with pytest.raises(KioskError) as bomb:
        inspect_document(png_bomb())
    assert "900 triệu điểm ảnh" in bomb.value.message("vi")
    with pytest.raises(KioskError) as gif:
        inspect_document(encode(page_image(), "GIF"))
    assert "GIF" in gif.value.message("vi")
    with pytest.raises(KioskError) as kind:
        inspect_document(pdf(), IMAGES_ONLY)
    assert "JPG, PNG" in kind.value.message("vi")


def test_bombs_are_refused_from_the_header_before_any_pixel_is_decoded() -> None:
    assert image_size(png_bomb()) == (30000, 30000)
    assert image_size(jpeg_bomb()) == (65000, 65000)
    # Pillow's own guard warns (an error under this suite's filters) above 89 megapixels; ours refuses
    # first, so the result does not depend on the warning filters of the process.
    assert Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS > 50_000_000


# --- good files --------------------------------------------------------------------------------------------
def test_good_files_are_described() -> None:
    assert inspect_document(pdf(3)) == DocumentInfo("application/pdf", len(pdf(3)), pages=3)
    assert inspect_document(jpeg()) == DocumentInfo("image/jpeg", len(jpeg()), width=827, height=1169)
    assert inspect_document(png(), IMAGES_ONLY).height == 1169
    assert inspect_document(pdf(50)).pages == 50  # the limit itself is fine
    assert check_document(pdf()) == "application/pdf"  # the older API still answers with the type


def test_the_bundled_sample_scans_pass() -> None:
    from kiosk.assets import samples_dir

    for path in sorted((samples_dir() / "attachments").iterdir()):
        assert inspect_document(path.read_bytes()).size == path.stat().st_size


def test_a_file_at_the_limit_is_measured_not_refused() -> None:
    big = jpeg() + bytes(MAX_ATTACHMENT_BYTES - len(jpeg()))
    assert inspect_document(big).size == MAX_ATTACHMENT_BYTES


# --- photos ------------------------------------------------------------------------------------------------
def phone_photo() -> bytes:
    """A 4000×3000 phone photo lying on its side (EXIF orientation 6), with a GPS position."""
    image = page_image((4000, 3000))
    ImageDraw.Draw(image).rectangle((0, 0, 400, 200), fill="red")  # a mark in the top-left corner
    noise = Image.frombytes("L", image.size, random.Random(3).randbytes(4000 * 3000))
    image = Image.composite(image, Image.new("RGB", image.size, "gray"), noise.point(lambda v: 255 * (v > 8)))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPS: Hà Nội
    return encode(image, "JPEG", quality=95, exif=exif, comment=b"Nguyen Van A")


def test_a_phone_photo_becomes_upright_small_and_without_metadata() -> None:
    original = phone_photo()
    assert len(original) > 2 * 1024 * 1024
    smaller = prepare_photo(original)
    assert 50_000 < len(smaller) < 1024 * 1024  # a few hundred KB
    with Image.open(BytesIO(smaller)) as image:
        assert image.format == "JPEG"
        assert image.size == (1500, 2000)  # turned upright: portrait, long side 2000
        assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
        red, green, _blue = image.convert("RGB").getpixel((image.width - 20, 20))  # type: ignore[misc]
        assert red > 200 and green < 80  # the mark moved to the top-right, as the phone was held
    assert b"Nguyen" not in smaller and b"GPS" not in smaller


def test_prepare_upload_shrinks_photos_and_keeps_pdfs_and_small_scans() -> None:
    photo = prepare_upload(phone_photo())
    assert photo.reencoded and photo.info.media_type == "image/jpeg" and photo.info.height == 2000
    assert upload_filename("IMG_2041.HEIC.png", photo) == "IMG_2041.HEIC.jpg"
    kept = prepare_upload(png())
    assert not kept.reencoded and kept.data == png()
    assert upload_filename("giay-chung-sinh.png", kept) == "giay-chung-sinh.png"
    assert prepare_upload(pdf(2)).data == pdf(2)
    camera = prepare_upload(png(), photo=True)  # from the camera: always a compact JPEG
    assert camera.reencoded and camera.info.media_type == "image/jpeg"


def test_a_transparent_png_gets_white_paper_not_black() -> None:
    image = Image.new("RGBA", (600, 800), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 100, 200, 200), fill=(0, 0, 0, 255))
    with Image.open(BytesIO(prepare_photo(encode(image, "PNG")))) as out:
        rgb = out.convert("RGB")
        assert rgb.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)
        assert max(rgb.getpixel((150, 150))) < 30  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["png-bomb", "jpeg-bomb", "jpeg-garbage", "png-bad-crc"])
def test_prepare_photo_refuses_what_inspection_refuses(bad: str) -> None:
    item = next(b for b in BAD_FILES if b.name == bad)
    with pytest.raises(KioskError) as refused:
        prepare_photo(item.make())
    assert refused.value.key == item.key


# --- whatever the bytes: a description or a KioskError, never a crash -----------------------------------
@given(
    head=st.sampled_from([b"%PDF-1.7\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"GIF89a", b""]),
    body=st.binary(max_size=2000),
    cut=st.integers(min_value=0, max_value=3),
)
@settings(max_examples=150, deadline=None)
def test_damaged_variants_never_escape_as_another_error(head: bytes, body: bytes, cut: int) -> None:
    good = {b"%PDF-1.7\n": pdf(), b"\xff\xd8\xff\xe0": jpeg(), b"\x89PNG\r\n\x1a\n": png()}.get(head, b"")
    candidates = [head + body, good[: len(good) * cut // 4] + body, good[:64] + body + good[64:]]
    for data in candidates:
        try:
            info = inspect_document(data)
        except KioskError as refused:
            assert refused.key.startswith("documents.") and refused.message("vi")
        else:
            assert info.media_type in MEDIA_TYPES and info.size == len(data)
