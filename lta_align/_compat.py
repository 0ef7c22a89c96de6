"""Keep old keyword names of public functions working, with a warning.

When a public argument is renamed to follow the one-name-per-idea rule
(``path`` for a file, ``store`` for a DecisionStore or decisions table), the old
keyword keeps working for a while and says what to write instead.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["renamed_keyword"]

F = TypeVar("F", bound=Callable[..., Any])


def renamed_keyword(old: str, new: str) -> Callable[[F], F]:
    """Accept ``old=`` as a deprecated spelling of ``new=``.

    >>> @renamed_keyword("xlsx_path", "path")
    ... def read(path):
    ...     return path
    >>> read(path="a.xlsx")
    'a.xlsx'
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     read(xlsx_path="a.xlsx")
    'a.xlsx'
    >>> print(caught[0].message)
    read(xlsx_path=...) is deprecated; write read(path=...).
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if old in kwargs:
                if new in kwargs:
                    raise TypeError(
                        f"{func.__name__}() got both {old}= and {new}=; "
                        f"write only {new}=."
                    )
                warnings.warn(
                    f"{func.__name__}({old}=...) is deprecated; write "
                    f"{func.__name__}({new}=...).",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
