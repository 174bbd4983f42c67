"""One check for every uploaded file: allowed extension, content that matches it, and a size limit.

Each upload names its ``UploadPolicy`` (what it accepts and how large). Forms put
``UploadValidator(policy)`` on their file field and ``policy.accept`` on the file input; services call
``check_upload`` again, so a file that does not come through a form is checked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from files.kinds import KINDS, describe, kind_of_extension, sniff

MB = 1024 * 1024


@dataclass(frozen=True)
class UploadPolicy:
    label: str  # what the file is, in messages: "答复函文件"
    kinds: tuple[str, ...]  # keys of files.kinds.KINDS
    max_bytes: int

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(ext for key in self.kinds for ext in KINDS[key].extensions)

    @property
    def accept(self) -> str:
        """The file input's ``accept`` attribute."""
        return ",".join(self.extensions)

    @property
    def formats(self) -> str:
        """The accepted formats as the user reads them: "PDF、Word、OFD、JPG图片、PNG图片"."""
        labels: list[str] = []
        for key in self.kinds:
            label = "Word" if key == "ole" else KINDS[key].label
            if label not in labels:
                labels.append(label)
        return "、".join(labels)

    @property
    def size_text(self) -> str:
        return f"{self.max_bytes // MB}MB"


DOCUMENT_KINDS = ("pdf", "docx", "ole", "ofd", "jpeg", "png")

REPLY_LETTER = UploadPolicy(label="答复函文件", kinds=DOCUMENT_KINDS, max_bytes=20 * MB)
OPINION_FILE = UploadPolicy(label="协办意见附件", kinds=DOCUMENT_KINDS, max_bytes=20 * MB)
SUBMISSION_ATTACHMENT = UploadPolicy(label="附件", kinds=DOCUMENT_KINDS, max_bytes=20 * MB)
SUBMISSION_ATTACHMENTS_MAX = 5  # files on one item
LEDGER_FILE = UploadPolicy(label="台账文件", kinds=("xlsx", "csv"), max_bytes=50 * MB)


def check_upload(file, policy: UploadPolicy) -> None:
    """Raise ``ValidationError`` (a Chinese message) unless ``file`` is one of the policy's kinds, by content."""
    name = getattr(file, "name", "") or ""
    shown = name.replace("\\", "/").rsplit("/", 1)[-1] or "所选文件"
    size = getattr(file, "size", None)
    if size == 0:
        raise ValidationError(f"「{shown}」是空文件，请重新选择", code="empty")
    if size is not None and size > policy.max_bytes:
        raise ValidationError(f"{policy.label}不能超过{policy.size_text}，「{shown}」过大", code="too_large")
    claimed = kind_of_extension(name)
    if claimed is None or claimed.key not in policy.kinds:
        raise ValidationError(
            f"{policy.label}只支持{policy.formats}格式（{policy.accept}），「{shown}」的格式不支持", code="extension"
        )
    actual = sniff(file)
    if actual != claimed.key:
        seen = "纯文本" if actual == "csv" else describe(actual)
        raise ValidationError(
            f"「{shown}」的内容不是{claimed.label}文件（实际为{seen}），请上传真实的{policy.formats}文件",
            code="content",
        )


@deconstructible
class UploadValidator:
    """``validators=[UploadValidator(REPLY_LETTER)]`` on a form or model file field."""

    def __init__(self, policy: UploadPolicy) -> None:
        self.policy = policy

    def __call__(self, file) -> None:
        if file:
            check_upload(file, self.policy)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and other.policy == self.policy
