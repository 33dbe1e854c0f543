"""`cjm schema`: print the JSON Schema of the map format."""

from __future__ import annotations

import sys

from cjm.cli.app import app
from cjm.i18n import gettext as _


@app.command(
    short_help=_("Print the JSON Schema of the map format."),
    help=_("Print the JSON Schema (draft 2020-12) of the map format, for editors and CI."),
)
def schema() -> None:
    import json

    from cjm.model.schema import journey_schema
    from cjm.reports import for_encoding

    text = json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
    sys.stdout.write(for_encoding(text, "json", sys.stdout.encoding))
