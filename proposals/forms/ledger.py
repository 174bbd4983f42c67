"""Uploading a 台账 file."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from files.validators import LEDGER_FILE, UploadValidator
from ledger.bounds import MAX_ROWS, TooLarge, check_workbook


class LedgerUploadForm(StyledForm):
    file = forms.FileField(
        label="台账文件",
        help_text=f"Excel（.xlsx）或 CSV（UTF-8）文件，第一行为表头，不超过{LEDGER_FILE.size_text}、{MAX_ROWS:,}行",
        validators=[UploadValidator(LEDGER_FILE)],
        widget=forms.FileInput(attrs={"accept": LEDGER_FILE.accept}),
        error_messages={"required": "请选择要上传的台账文件", "empty": "上传的文件是空的"},
    )

    def clean_file(self):
        """A workbook beyond the limits (a zip bomb among them) is refused here, before anything parses it."""
        file = self.cleaned_data["file"]
        if (file.name or "").lower().endswith(".xlsx"):
            try:
                check_workbook(file)
            except TooLarge as refused:
                raise forms.ValidationError(refused.reason) from refused
            finally:
                file.seek(0)
        return file
