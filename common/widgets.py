"""The Chinese file control: a "选择文件" button and the chosen file's name, for every file input.

The browser's own file input shows its texts in the browser's language ("Choose File"); this
widget hides it and shows a label button instead. ``static/js/file-picker.js`` writes the chosen
name beside the button.
"""

from __future__ import annotations

from django import forms


class FilePicker(forms.FileInput):
    template_name = "common/file_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        css = context["widget"]["attrs"].get("class", "")
        context["widget"]["invalid"] = "is-invalid" in css
        context["widget"]["attrs"]["class"] = "visually-hidden"
        context["widget"]["attrs"]["data-file-picker"] = "1"
        return context


class MultiFilePicker(FilePicker):
    """The same control for an input that takes several files at once."""

    allow_multiple_selected = True
