"""The yardstick of bench/load.py: a FastAPI endpoint that only parses the JSON and answers 200."""

from __future__ import annotations

import json

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/webhooks/telegram")
async def webhook(request: Request) -> dict[str, bool]:
    json.loads(await request.body())
    return {"ok": True}
