"""The ``notification:form`` marker: the Annex III notification template, from data/notification.yml.

The HTML is a complete blank template that reads and prints without JavaScript; the page's script
(docs/assets/notification-form.js) turns it into a fillable form. Everything the script needs in
the page's language — country names, authorities, messages — is embedded as JSON, so the form makes
no request at all.
"""

from __future__ import annotations

from .markers import MarkerSpec, RenderContext

SCRIPT = "assets/notification-form.js"
MESSAGE_KEYS = (
    "required", "date", "email", "number", "after", "same_country", "summary", "saved", "restored",
    "imported", "import_failed", "cleared", "confirm_clear", "title", "intro", "generated", "empty",
)


def _country_payload(ctx: RenderContext) -> dict[str, dict[str, str]]:
    payload = {}
    for code, country in ctx.data.countries.items():
        authorities = country.facts["authorities"].value
        ian = country.facts["ian_point_of_contact"].value
        payload[code] = {
            "name": country.name.in_(ctx.lang),
            "authorities": "; ".join(a.name.in_(ctx.lang) for a in authorities),
            "ian": ctx.t("form.ian_status") + ": " + ctx.t(f"value.ian_point_of_contact.{str(ian).lower()}"),
        }
    return payload


def render_form(ctx: RenderContext, args: tuple[str, ...]) -> str:
    sections = [
        {
            "id": section.id,
            "title": section.title.in_(ctx.lang),
            "fields": [
                {
                    "id": f.id, "type": f.type, "required": f.required, "after": f.after, "autofill": f.autofill,
                    "label": f.label.in_(ctx.lang), "guidance": f.guidance.in_(ctx.lang),
                    "unit": f.unit.in_(ctx.lang) if f.unit else None,
                    "options": [{"value": o.value, "label": o.label.in_(ctx.lang)} for o in f.options],
                }
                for f in section.fields
            ],
        }
        for section in ctx.data.notification
    ]
    countries = [{"code": code, "name": c.name.in_(ctx.lang)} for code, c in ctx.data.countries.items()]
    payload = {
        "lang": ctx.lang,
        "countries": _country_payload(ctx),
        "messages": {key: ctx.t(f"form.message.{key}") for key in MESSAGE_KEYS},
        "sections": sections,
    }
    return ctx.render("markers/notification-form.html", sections=sections, countries=countries,
                      payload=payload, script=ctx.link_to(SCRIPT))


SPECS = (
    MarkerSpec("notification", "form", (), (), render_form, True,
               "the notification template: blank printable form, fillable with JavaScript"),
)
