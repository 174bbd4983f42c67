"""Uploading a 台账 file."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm

ALLOWED = (".xlsx", ".csv")
MAX_BYTES = 50 * 1024 * 1024


class LedgerUploadForm(StyledForm):
    file = forms.FileField(
        label="台账文件",
        help_text="Excel（.xlsx）或 CSV（UTF-8）文件，第一行为表头",
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED)}),
        error_messages={"required": "请选择要上传的台账文件", "empty": "上传的文件是空的"},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not (file.name or "").lower().endswith(ALLOWED):
            raise forms.ValidationError("只支持 .xlsx 或 .csv 格式的台账文件")
        if file.size > MAX_BYTES:
            raise forms.ValidationError("文件不能超过50MB，请拆分后分批上传")
        return file
