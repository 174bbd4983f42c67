"""The Chinese file control: a "选择文件" button and the chosen file's name, for every file input.

The browser's own file input shows its texts in the browser's language ("Choose File"); this
widget hides it and shows a label button instead. ``static/js/file-picker.js`` writes the chosen
name beside the button.
"""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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


def _attrs_html(attrs: dict) -> str:
    """Attributes as Django's ``attrs.html`` writes them: ``False`` left out, ``True`` as a bare name."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A ``<select>`` written straight from its options, with the markup of Django's own templates.

    Django renders each option through two templates; a list of five hundred delegations then costs
    more than the rest of the page. This writes the same HTML in one pass.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs_html(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(format_html('\n  <option value="{}"', str(option["value"])))
                parts += [_attrs_html(option["attrs"]), format_html(">{}</option>\n", option["label"])]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
