FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bots bots
COPY core core
COPY faq faq
COPY service service
COPY storage storage
RUN pip install --no-cache-dir .
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["support-bot", "serve", "--host", "0.0.0.0", "--port", "8000"]
