"""A form field for several files at once, each checked by the upload policy's one check."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from common.widgets import MultiFilePicker
from files.validators import UploadPolicy, check_upload


class MultipleFileField(forms.FileField):
    """Cleans to a list of uploaded files (empty when none); every file is checked, every refusal shown."""

    def __init__(self, *, policy: UploadPolicy, max_files: int, **kwargs) -> None:
        self.policy = policy
        self.max_files = max_files
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultiFilePicker(attrs={"accept": policy.accept}))
        kwargs.setdefault(
            "help_text",
            f"可选，最多{max_files}个，每个不超过{policy.size_text}，支持{policy.formats}",
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise ValidationError(
                f"{self.policy.label}最多{self.max_files}个，这次选择了{len(files)}个", code="too_many"
            )
        errors: list[ValidationError] = []
        for file in files:
            try:
                check_upload(file, self.policy)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            errors.append(ValidationError("没有保存任何附件，请重新选择文件", code="none_saved"))
            raise ValidationError(errors)
        return files
