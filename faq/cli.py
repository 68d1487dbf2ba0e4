"""`support-bot faq …`: validate the knowledge base and ask it questions.

`faq gaps` (what the FAQ could not answer) reads the store, so the composition root, service/cli.py, adds it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from faq.knowledge import KnowledgeBaseError, check_entries, load_entries
from faq.retriever import FaqIndex, default_entries_dir

faq_app = typer.Typer(help="The FAQ knowledge base: validate it, ask it a question.", no_args_is_help=True)

DirectoryOption = Annotated[
    Path | None,
    typer.Option("--entries", help="Folder of entry files (default: the shipped base)."),
]


@faq_app.command()
def check(entries: DirectoryOption = None) -> None:
    """Validate the entries: unique ids, no empty answers, no duplicate phrasings."""
    console = Console()
    directory = entries or default_entries_dir()
    try:
        loaded = load_entries(directory)
    except KnowledgeBaseError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    problems = check_entries(loaded)
    for problem in problems:
        console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"[green]✓[/green] {len(loaded)} entries in {directory}, no problems")


@faq_app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, as a client would type it.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the CONTRACT JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="How many entries to show.")] = 3,
    entries: DirectoryOption = None,
) -> None:
    """The best answers from the knowledge base."""
    answer = FaqIndex.from_directory(entries).search(question, limit=limit)
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        return
    console = Console()
    if not answer.answered:
        nearest = " Ближайшие записи:" if answer.results else ""
        console.print(f"[yellow]Не нашёл уверенного ответа.[/yellow]{nearest}")
    for rank, hit in enumerate(answer.results, start=1):
        style = "green" if rank == 1 and answer.answered else "dim"
        title = escape(f"{rank}. {hit.question} [{hit.id}, {hit.score:.2f}]")
        console.print(Panel(escape(hit.answer), title=title, title_align="left", border_style=style))
