FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY pyproject.toml requirements/constraints.txt ./requirements/
RUN cp requirements/pyproject.toml . \
    && pip install --no-cache-dir "pip==26.3" \
    && pip install --no-cache-dir --group base -c requirements/constraints.txt

COPY . .
# collectstatic needs settings that import; the key is only used for this build step.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused/unused python manage.py collectstatic --noinput

RUN useradd --create-home eig && mkdir -p /data/private && chown eig /data/private
USER eig
EXPOSE 8000
CMD ["gunicorn", "eig.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
