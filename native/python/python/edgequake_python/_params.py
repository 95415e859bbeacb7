"""Parameters to JSON, refused by name when JSON cannot carry them.

``json.dumps`` would write ``NaN`` and ``Infinity``, which are not JSON; the core
would then reject the whole text without saying which field was wrong. They are
refused here instead, naming the field, as the JS package does."""

from __future__ import annotations

import json
import math
from typing import Any, Optional

from ._errors import BadRequestError

_ENCODER = json.JSONEncoder(allow_nan=False, separators=(",", ":"))
_encode = _ENCODER.encode


def to_json(params: dict[str, Any], what: str) -> str:
    """``params`` without its ``None`` values (unset, as LiteLLM reads them) as JSON."""
    return dumps({k: v for k, v in params.items() if v is not None}, what)


def dumps(body: Any, what: str) -> str:
    """``body`` as JSON; NaN, infinities and non-JSON values raise ``BadRequestError``."""
    try:
        return _encode(body)
    except ValueError as err:
        path = _non_finite_path(body, "")
        if path is not None:
            where, value = path
            raise BadRequestError(
                f"`{where}` is {value}: give a finite number (see the README's parameter table)"
            ) from None
        raise BadRequestError(f"the {what} parameters are not JSON-serializable: {err}") from None
    except TypeError as err:
        raise BadRequestError(f"the {what} parameters are not JSON-serializable: {err}") from None


def _non_finite_path(value: Any, where: str, depth: int = 0) -> Optional[tuple[str, float]]:
    """Where the first NaN or infinity sits, as ``a.b[2]`` (a cycle stops the search)."""
    if depth > 64:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return where, value
    if isinstance(value, dict):
        for k, v in value.items():
            found = _non_finite_path(v, f"{where}.{k}" if where else str(k), depth + 1)
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found = _non_finite_path(v, f"{where}[{i}]", depth + 1)
            if found:
                return found
    return None
