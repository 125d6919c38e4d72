"""Errors medaid reports to its users (exit 1, no traceback)."""

from __future__ import annotations


class MedaidError(Exception):
    """A user-facing error: the field it concerns and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}" if field else reason)
        self.field = field
        self.reason = reason


class InputError(MedaidError):
    """The case (or audit row) is invalid."""


class MissingParameter(MedaidError):
    """A parameter a rule needs is stated neither in the case nor in the knowledge base."""

    def __init__(self, name: str, label: str, region: str, year: int) -> None:
        super().__init__(
            f"parameters.{name}",
            f"缺少参数 {name}（{label}），地区 {region}，年度 {year}：请在案例的 parameters 中提供",
        )
        self.name = name
        self.region = region
        self.year = year
