from service.runtime import Runtime
from tests.fakes import CollectingSender, inbound


async def test_greeting_reaches_the_client(runtime: Runtime, console: CollectingSender) -> None:
    assert await runtime.desk.handle(inbound("Здравствуйте"))
    await runtime.drain()
    assert "Здравствуйте" in console.take()[0].text
