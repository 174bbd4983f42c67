"""The State Council's arrangement for a year, as the notice states it: holiday ranges and make-up days."""

from __future__ import annotations

from django import forms

from proposals.services.calendar import Holiday, MakeUpDay

HOLIDAY_ROWS = 9
MAKE_UP_ROWS = 8
HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )


def _name(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class OfficialArrangementForm(forms.Form):
    """放假安排 rows (节日, 起, 止) and 调休上班 rows (日期, 节日); empty rows are ignored."""

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        for i in range(HOLIDAY_ROWS):
            self.fields[f"h{i}_name"] = _name("节日")
            self.fields[f"h{i}_start"] = _date("放假起")
            self.fields[f"h{i}_end"] = _date("放假止")
        for i in range(MAKE_UP_ROWS):
            self.fields[f"m{i}_date"] = _date("调休上班日")
            self.fields[f"m{i}_name"] = _name("对应节日")

    def holiday_rows(self):
        return [(self[f"h{i}_name"], self[f"h{i}_start"], self[f"h{i}_end"]) for i in range(HOLIDAY_ROWS)]

    def make_up_rows(self):
        return [(self[f"m{i}_date"], self[f"m{i}_name"]) for i in range(MAKE_UP_ROWS)]

    def clean(self):
        data = super().clean()
        holidays: list[Holiday] = []
        for i in range(HOLIDAY_ROWS):
            name, start, end = (data.get(f"h{i}_{k}") for k in ("name", "start", "end"))
            name = (name or "").strip()
            if not start and not end:
                continue
            if not start or not end:
                raise forms.ValidationError(f"第{i + 1}行放假安排（{name or '未填节日'}）请同时填写起止日期")
            holidays.append(Holiday(name=name, start=start, end=end))
        make_up: list[MakeUpDay] = []
        for i in range(MAKE_UP_ROWS):
            day, name = data.get(f"m{i}_date"), (data.get(f"m{i}_name") or "").strip()
            if day is None:
                if name:
                    raise forms.ValidationError(f"第{i + 1}行调休上班（{name}）请填写日期")
                continue
            make_up.append(MakeUpDay(date=day, name=name))
        data["holidays"], data["make_up"] = holidays, make_up
        return data


def initial_from(arrangement) -> dict:
    """Form values from a year's stored days; without one (a provisional year), the seven holiday names only."""
    initial: dict[str, object] = {}
    holidays = list(arrangement.holidays) if arrangement else []
    names = [h[0] for h in holidays] or list(HOLIDAY_NAMES)
    for i, name in enumerate(names[:HOLIDAY_ROWS]):
        initial[f"h{i}_name"] = name
        if holidays:
            initial[f"h{i}_start"], initial[f"h{i}_end"] = holidays[i][1], holidays[i][2]
    for i, (day, name) in enumerate(arrangement.make_up[:MAKE_UP_ROWS] if arrangement else []):
        initial[f"m{i}_date"], initial[f"m{i}_name"] = day, name
    return initial
