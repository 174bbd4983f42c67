from django.apps import AppConfig


class FilesConfig(AppConfig):
    """Uploaded files: checked by their content on the way in, served only through access-checked views."""

    name = "files"
    verbose_name = "附件"
