"""Every form's messages name the field and say what to do, from one shared mechanism."""

from __future__ import annotations

from django import forms

from common.forms import StyledForm
from common.widgets import FilePicker


class _Form(StyledForm):
    title = forms.CharField(label="标题", max_length=200)
    on = forms.DateField(label="答复日期")
    unit = forms.ChoiceField(label="承办单位", choices=[("1", "市教育局")])
    count = forms.IntegerField(label="件数", min_value=1)
    file = forms.FileField(label="附件（可选）", required=False)
    reason = forms.CharField(label="理由", error_messages={"required": "申请调整必须说明理由"})


def _errors(data) -> dict[str, list[str]]:
    form = _Form(data)
    assert not form.is_valid()
    return form.errors


def test_required_fields_say_which_field_to_fill_or_choose():
    errors = _errors({})
    assert errors["title"] == ["请填写标题"]
    assert errors["on"] == ["请填写答复日期"]
    assert errors["unit"] == ["请选择承办单位"]


def test_too_long_text_says_the_limit_and_the_length():
    assert _errors({"title": "字" * 10000})["title"] == ["标题不能超过200字（现为10000字）"]


def test_a_badly_written_date_shows_the_format_to_use():
    assert _errors({"on": "2025/6/30号"})["on"] == ["请按 2025-06-30 的格式填写答复日期"]


def test_numbers_and_choices_get_clear_messages():
    errors = _errors({"count": "0", "unit": "9"})
    assert errors["count"] == ["件数不能小于1"]
    assert errors["unit"] == ["所选承办单位不在可选范围内，请重新选择"]
    assert _errors({"count": "三"})["count"] == ["件数请填写整数"]


def test_a_message_the_form_sets_on_purpose_is_kept():
    assert _errors({})["reason"] == ["申请调整必须说明理由"]


def test_no_stock_text_is_left():
    text = str(_errors({"title": "字" * 300, "on": "x", "count": "y"}))
    for stock in ("这个字段是必填项", "确保该", "输入一个有效的", "输入整数"):
        assert stock not in text


def test_every_file_input_is_the_chinese_file_control():
    form = _Form()
    assert isinstance(form.fields["file"].widget, FilePicker)
    html = str(form["file"])
    assert "选择文件" in html and "未选择文件" in html and 'class="visually-hidden"' in html
