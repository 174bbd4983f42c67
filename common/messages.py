"""Clear Chinese error messages for every form field, written from the field's own label.

Django's stock texts ("这个字段是必填项", "确保该变量包含不超过 200 字符") do not say which field or
what to do. ``clear_messages(field)`` replaces each stock text of a field with one that names the
field ("请填写标题", "标题不能超过200字（现为10000字）"); a message a form sets on purpose is kept.
"""

from __future__ import annotations

from django import forms

DATE_EXAMPLE = "2025-06-30"


def _stock_messages(field: forms.Field) -> dict[str, str]:
    messages: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return {key: str(text) for key, text in messages.items()}


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)


def messages_for(field: forms.Field, label: str) -> dict[str, str]:
    """The clear messages of ``field`` named ``label`` (placeholders as Django's validators fill them)."""
    label = label or "此项"
    messages = {
        "required": f"请选择{label}" if _is_choice(field) else f"请填写{label}",
        "max_length": f"{label}不能超过%(limit_value)d字（现为%(show_value)d字）",
        "min_length": f"{label}至少要%(limit_value)d字（现为%(show_value)d字）",
        "min_value": f"{label}不能小于%(limit_value)s",
        "max_value": f"{label}不能大于%(limit_value)s",
        "max_digits": f"{label}最多%(max)s位数字",
        "max_decimal_places": f"{label}最多%(max)s位小数",
        "invalid_choice": f"所选{label}不在可选范围内，请重新选择",
        "invalid_pk_value": f"所选{label}有误，请重新选择",
        "invalid_list": f"{label}的选择有误，请重新选择",
    }
    if isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"请按 {DATE_EXAMPLE} 08:30 的格式填写{label}"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"请按 {DATE_EXAMPLE} 的格式填写{label}"
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{label}请填写整数"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{label}请填写数字"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = f"{label}格式不正确，例如 name@example.gov.cn"
    elif isinstance(field, forms.FileField):
        messages.update(
            {
                "required": f"请选择要上传的{label}",
                "invalid": f"{label}没有上传成功，请重新选择文件",
                "missing": f"{label}没有上传成功，请重新选择文件",
                "empty": f"所选的{label}是空文件",
                "max_length": f"{label}的文件名不能超过%(max)d字（现为%(length)d字）",
                "contradiction": f"请选择新的{label}，或勾选清除，不能同时进行",
            }
        )
    return messages


def clear_messages(field: forms.Field, label: str | None = None) -> None:
    """Replace the stock messages of ``field`` in place; messages set by the form stay."""
    stock = _stock_messages(field)
    label = str(label if label is not None else (field.label or ""))
    for key, text in messages_for(field, _plain(label)).items():
        current = field.error_messages.get(key)
        if current is None or str(current) == stock.get(key):
            field.error_messages[key] = text
    for validator in field.validators:
        code = getattr(validator, "code", None)
        if code in ("max_length", "min_length", "min_value", "max_value") and code in field.error_messages:
            validator.message = field.error_messages[code]


def _plain(label: str) -> str:
    """ "附件（可选）" reads "附件" in a message."""
    for mark in ("（可选）", "(可选)"):
        label = label.replace(mark, "")
    return label.strip().rstrip("：:")
