# One image for web, worker and beat. WeasyPrint needs Pango; fonts are installed so PDFs never
# fetch a font from the internet.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=leerkring.settings.production

RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 leerkring
WORKDIR /app

COPY . .
RUN pip install --no-cache-dir -c requirements/constraints.txt -e . \
 && DJANGO_SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media /app/var/private && chown -R leerkring /app/var

USER leerkring
EXPOSE 8000
CMD ["gunicorn", "leerkring.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
