"""The demo office: ``python manage.py seed_demo`` builds it through the services of the other apps."""
