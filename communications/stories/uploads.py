"""Checks for uploaded story photos: the extension and the file's first bytes must both say it is an image.

Pillow is not installed, so the check reads the format's signature rather than decoding the picture.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_PHOTO_BYTES = 5 * 1024 * 1024

# extension -> the image type it must contain
EXTENSIONS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def sniff_image(head: bytes) -> str | None:
    """The image content type that `head` (a file's first bytes) starts with, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def read_head(file, size: int = 16) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def validate_story_photo(file) -> None:
    """Accept only a .jpg, .jpeg, .png or .webp of at most 5 MB whose content is that kind of image."""
    name = PurePath(file.name or "").name
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    if expected is None:
        raise ValidationError(f"“{name}” is not a photo we can use: upload a JPEG, PNG or WebP file.")
    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(f"“{name}” is larger than 5 MB: upload a smaller photo.")
    if sniff_image(read_head(file)) != expected:
        raise ValidationError(f"“{name}” is not really a {expected.split('/')[1].upper()} image: upload a photo.")
