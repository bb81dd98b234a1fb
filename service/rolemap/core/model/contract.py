"""The sheet contract, loaded from the one declarative template in `sheet_templates/`.

Tab and header recognition, the template builders and the output headers all read from here, so
the names in docs/contract.md §2 live in exactly one file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "ru"]
ColumnType = Literal["text", "money", "count", "number", "percent", "date", "bool", "choice"]

_SPACES = re.compile(r"\s+")


def normalize(text: object) -> str:
    """Header/choice key: case-, whitespace- and ё-insensitive."""
    return _SPACES.sub(" ", str(text).replace("\u00a0", " ")).strip().casefold().replace("ё", "е")


# Daily's number columns, in Daily's order: what stop rules read and what a source may feed.
DAILY_NUMBERS = (
    "spend",
    "impressions",
    "clicks",
    "leads",
    "sales",
    "revenue",
    "emails_sent",
    "unsubscribes",
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Localized(_Frozen):
    en: str
    ru: str

    def __call__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru


class ColumnSpec(_Frozen):
    key: str
    en: str
    ru: str
    type: ColumnType = "text"
    required: bool = False
    choices: str | None = None
    strict: bool = True
    service_owned: bool = False
    width: int = 120
    note: Localized | None = None
    # "tab.column": the template's dropdown offers that column's values (Owner from Roles).
    dropdown_from: str | None = None

    def title(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru

    @property
    def names(self) -> frozenset[str]:
        return frozenset({normalize(self.en), normalize(self.ru), normalize(self.key)})


class TabSpec(_Frozen):
    key: str
    en: str
    ru: str
    required: bool = True
    layout: Literal["table", "key_value"] = "table"
    frozen_rows: int = 1
    columns: tuple[ColumnSpec, ...] = ()

    def title(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru

    @property
    def names(self) -> frozenset[str]:
        return frozenset({normalize(self.en), normalize(self.ru)})

    def column(self, key: str) -> ColumnSpec:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key}.{key}")


class OutputColumn(_Frozen):
    key: str
    en: str
    ru: str
    width: int = 120

    def title(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru


class OutputSpec(_Frozen):
    key: str
    en: str
    ru: str
    columns: tuple[OutputColumn, ...] = ()

    def title(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru

    @property
    def names(self) -> frozenset[str]:
        return frozenset({normalize(self.en), normalize(self.ru)})


class SettingSpec(_Frozen):
    key: str
    en: str
    ru: str
    type: ColumnType = "text"
    default: Any = None
    dropdown: tuple[str, ...] = ()  # the template's choices for the value, same in both languages
    note: Localized | None = None

    def title(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru


class Choice(_Frozen):
    key: str
    en: tuple[str, ...]
    ru: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def label(self, lang: Lang) -> str:
        return (self.en if lang == "en" else self.ru)[0]


class Contract(_Frozen):
    version: int
    tabs: tuple[TabSpec, ...]
    outputs: tuple[OutputSpec, ...]
    settings: tuple[SettingSpec, ...]
    choices: dict[str, tuple[Choice, ...]]
    examples: dict[str, tuple[dict[str, Any], ...]] = Field(default_factory=dict)

    def tab(self, key: str) -> TabSpec:
        return next(t for t in self.tabs if t.key == key)

    def output(self, key: str) -> OutputSpec:
        return next(o for o in self.outputs if o.key == key)

    def choice_list(self, name: str) -> tuple[Choice, ...]:
        return self.choices[name]

    def choice_label(self, name: str, key: str, lang: Lang) -> str:
        return next(c for c in self.choices[name] if c.key == key).label(lang)

    def choice_lookup(self, name: str) -> dict[str, str]:
        """Every recognised spelling (normalised) → the choice key."""
        table: dict[str, str] = {}
        for choice in self.choices[name]:
            for spelling in (choice.key, *choice.en, *choice.ru, *choice.aliases):
                table.setdefault(normalize(spelling), choice.key)
        return table


def template_dir() -> Path:
    """`sheet_templates/` in a checkout, or its copy inside an installed wheel."""
    packaged = resources.files("rolemap").joinpath("_sheet_templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[4] / "sheet_templates"


def _parse(raw: dict[str, Any]) -> Contract:
    choices = {
        name: tuple(Choice(key=key, **spec) for key, spec in entries.items())
        for name, entries in raw.pop("choices").items()
    }
    examples = {name: tuple(rows) for name, rows in raw.pop("examples", {}).items()}
    return Contract(choices=choices, examples=examples, **raw)


@cache
def load_contract() -> Contract:
    with (template_dir() / "template.toml").open("rb") as fh:
        return _parse(tomllib.load(fh))
