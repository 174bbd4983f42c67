from django.template.loader import render_to_string


def test_the_public_base_template_needs_no_login_and_has_no_inline_script(rf):
    html = render_to_string("publicsite/base.html", request=rf.get("/public/"))
    assert "代表议案建议公开" in html
    assert "退出" not in html
    assert "<script>" not in html and 'style="' not in html
