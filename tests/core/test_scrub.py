"""One person's values cut out of free text: their names, phones and e-mails, and nothing that names no one."""

from __future__ import annotations

from core.scrub import REDACTED, Scrubber


def test_the_legal_form_of_the_persons_organisation_is_not_cut_everywhere() -> None:
    """«ООО» of «ООО «Зенит»» was a name token: the consent text the client saw lost «ООО» of «ООО «ТвинПро»»."""
    scrub = Scrubber(phones=["+78465551234"], emails=[], names=["ООО «Зенит-Безопасность»", "Смирнова Анна"])
    text = "вы даёте ООО «ТвинПро» согласие; Смирнова из ООО «Зенит-Безопасность» звонить на 8 846 555-12-34"
    assert scrub.text(text) == f"вы даёте ООО «ТвинПро» согласие; {REDACTED} из {REDACTED} звонить на {REDACTED}"
