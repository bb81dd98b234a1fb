"""Who wears which hat: the facts behind the `Role map` tab and the §7 `people` list.

Conflicts come from the same rule OWN-CONFLICT uses (`checks.ownership.hat_conflicts`); here
they are listed whether or not someone outside checks them, with that checker named.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from rolemap.core.checks.channels import text
from rolemap.core.checks.ownership import Record, hat_conflicts, hat_count, people
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


def _joined(values: Iterable[Any]) -> str | None:
    """Distinct non-empty texts of several rows of one hat, in sheet order."""
    seen = dict.fromkeys(v for v in (text(x) for x in values) if v)
    return "; ".join(seen) or None


def _hats(rows: list[Record]) -> tuple[Hat, ...]:
    groups: dict[str, list[Record]] = {}
    for rec in rows:
        if (role := text(rec["role"])) is not None:
            groups.setdefault(text(rec["role_key"]) or normalize(role), []).append(rec)
    return tuple(
        Hat(
            role=text(hat[0]["role_key"]) or str(hat[0]["role"]).strip(),
            standard=text(hat[0]["role_key"]) is not None,
            kpi=_joined(r["kpi"] for r in hat),
            kpi_target=_joined(r["kpi_target"] for r in hat),
        )
        for hat in groups.values()
    )


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
        emails = [e for r in rows if (e := text(r["email"]))]
        out.append(
            PersonFacts(
                person=person,
                email=emails[0] if emails else None,
                hats=_hats(rows),
                hat_count=hat_count(rows),
                max_hats=limit,
                channels_owned=owned.get(normalize(person), ()),
                can_stop=any(r["can_stop_key"] == "yes" for r in rows),
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
