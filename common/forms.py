"""The form bases of every portal (staff workbench, deputy and unit portals, leaders' pages).

``StyledForm`` gives each widget its Bootstrap class, marks invalid fields, renders every file
input as the Chinese file control and gives each field clear messages named after its label
(see ``common.messages``). ``VersionedForm`` carries the version of the object the page showed.
"""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator

from common.limits import CONTENT_MAX, TITLE_MAX
from common.messages import clear_messages
from common.widgets import FilePicker, QuickSelect


def bound_text(field: forms.Field) -> None:
    """A text field with no maximum gets the default of its kind, shown in the page and checked."""
    if not isinstance(field, forms.CharField) or field.max_length is not None:
        return
    if isinstance(field.widget, forms.HiddenInput):
        return
    field.max_length = CONTENT_MAX if isinstance(field.widget, forms.Textarea) else TITLE_MAX
    field.validators.append(MaxLengthValidator(field.max_length))
    field.widget.attrs.update(field.widget_attrs(field.widget))


class ClearMessagesForm(forms.Form):
    """Every field's stock error texts replaced by clear ones named after its label; no text is unbounded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bound_text(field)
            clear_messages(field)


class StyledForm(ClearMessagesForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.FileField) and not isinstance(field.widget, FilePicker):
                field.widget = FilePicker(attrs=field.widget.attrs)
            widget = field.widget
            if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput):
                continue
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                if widget.attrs.get("data-autocomplete"):
                    continue
                if type(widget) is forms.Select:
                    widget.__class__ = QuickSelect  # same markup, without a template per option
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def non_field_errors(self):
        """Errors of the form as a whole, and of its hidden fields (a stale or garbled version): a page that
        shows only these never refuses silently."""
        errors = super().non_field_errors()
        hidden = [e for bound in self.hidden_fields() for e in bound.errors if e not in errors]
        if not hidden:
            return errors
        return self.error_class([*errors, *dict.fromkeys(hidden)], error_class="nonfield", renderer=self.renderer)

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        if isinstance(error, dict):
            names = list(error)
        else:
            names = list(error.error_dict) if hasattr(error, "error_dict") else [field]
        for name in names:
            widget = self.fields[name].widget if name in self.fields else None
            if widget is not None and "is-invalid" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class VersionedForm(StyledForm):
    """Carries the version of the object the page showed; the view copies it onto the object."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={key: "页面已过期，请刷新后重试" for key in ("required", "invalid", "min_value", "max_value")},
    )

    def apply_version(self, obj) -> None:
        obj.version = self.cleaned_data["version"]
