"""The lanes of a map, top to bottom, as (key, label key): shared by the page and the poster."""

from __future__ import annotations

# The lanes of the map, top to bottom: (key, label). A lane is drawn by
# partials/lanes/KEY.html.j2 on screen and by the poster's lane of the same key on paper;
# a new lane (a service blueprint's frontstage, backstage, ...) is a new entry and a partial.
LANES = (
    ("goal", "stage_goal"),
    ("touchpoints", "touchpoints"),
    ("emotion", "emotion"),
    ("thoughts", "thoughts"),
    ("pains", "pain_points"),
    ("opportunities", "opportunities"),
    ("kpis", "kpis"),
    ("content", "content"),
    ("data", "data"),
)
# A service blueprint's lanes (NN/g), drawn under the customer's actions: what the customer
# sees the company do, then, below the line of visibility, what happens behind it and the
# systems that support it, and the physical evidence the customer touches.
BLUEPRINT_LANES = (
    ("frontstage", "frontstage"),
    ("backstage", "backstage"),
    ("support", "support"),
    ("evidence", "physical_evidence"),
)
