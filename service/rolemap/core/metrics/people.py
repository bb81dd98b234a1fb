"""Who wears which hat: the facts behind the `Role map` tab and the §7 `people` list.

Conflicts come from the same rule OWN-CONFLICT uses (`checks.ownership.hat_conflicts`); here
they are listed whether or not someone outside checks them, with that checker named.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict

from rolemap.core.checks.channels import text
from rolemap.core.checks.ownership import hat_conflicts, hat_count, people
from rolemap.core.model.contract import normalize
from rolemap.core.model.results import Severity
from rolemap.core.parse.inputs import Inputs, known_channels


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Hat(_Model):
    role: str  # a standard role key (`performance`), or a custom role as the team spelt it
    standard: bool
    kpi: str | None = None
    kpi_target: str | None = None

    @property
    def column(self) -> str:
        """The role-map column this hat lands in: the key, or the custom name normalised."""
        return self.role if self.standard else normalize(self.role)


class HatPair(_Model):
    role: str
    with_role: str
    severity: Severity
    external_check: str | None = None


class PersonFacts(_Model):
    person: str
    email: str | None = None
    hats: tuple[Hat, ...] = ()
    hat_count: int = 0
    max_hats: int = 0
    channels_owned: tuple[str, ...] = ()
    can_stop: bool = False
    conflicts: tuple[HatPair, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "email": self.email,
            "roles": [
                {"role": h.role, "kpi": h.kpi, "kpi_target": h.kpi_target} for h in self.hats
            ],
            "hats": self.hat_count,
            "max_hats": self.max_hats,
            "channels_owned": list(self.channels_owned),
            "can_stop": self.can_stop,
            "conflicts": [
                {
                    "role": c.role,
                    "with_role": c.with_role,
                    "severity": c.severity,
                    "external_check": c.external_check,
                }
                for c in self.conflicts
            ],
        }


def _joined(values: pd.Series) -> str | None:
    """Distinct non-empty texts of several rows of one hat, in sheet order."""
    seen = dict.fromkeys(v for v in (text(x) for x in values) if v)
    return "; ".join(seen) or None


def _hats(rows: pd.DataFrame) -> tuple[Hat, ...]:
    rows = rows[rows["role"].notna()]
    keys = rows["role_key"].where(rows["role_key"].notna(), rows["role"].map(normalize))
    out = []
    for _, hat in rows.groupby(keys, sort=False):
        key = text(hat["role_key"].iat[0])
        out.append(
            Hat(
                role=key or str(hat["role"].iat[0]).strip(),
                standard=key is not None,
                kpi=_joined(hat["kpi"]),
                kpi_target=_joined(hat["kpi_target"]),
            )
        )
    return tuple(out)


def owned_channels(inputs: Inputs) -> dict[str, tuple[str, ...]]:
    """Normalised owner → the channels they own, in `Channels` order (first row per name)."""
    known = known_channels(inputs)
    owners = known["owner"].map(normalize)
    return {
        str(who): tuple(group["channel"])
        for who, group in known[owners != ""].groupby(owners[owners != ""], sort=False)
    }


def people_facts(inputs: Inputs) -> tuple[PersonFacts, ...]:
    roles = inputs.roles
    if roles is None or not roles.has("person"):
        return ()
    owned = owned_channels(inputs)
    limit = inputs.settings.max_roles_per_person
    out = []
    for person, rows in people(roles.frame):
        emails = rows["email"].dropna()
        out.append(
            PersonFacts(
                person=person,
                email=text(emails.iat[0]) if len(emails) else None,
                hats=_hats(rows),
                hat_count=hat_count(rows),
                max_hats=limit,
                channels_owned=owned.get(normalize(person), ()),
                can_stop=bool((rows["can_stop_key"] == "yes").any()),
                conflicts=tuple(
                    HatPair(
                        role=c.role,
                        with_role=c.with_role,
                        severity=c.severity,
                        external_check=c.external_check,
                    )
                    for c in hat_conflicts(rows)
                ),
            )
        )
    return tuple(out)
