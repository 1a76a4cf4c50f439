"""Type stubs of embargo's native module (PyO3)."""

from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

OUTPUT_COLUMNS: List[str]
DEFAULT_THRESHOLD: float
DEFAULT_LIMIT: int

_Texts = Union[str, Sequence[str], None]
_Columns = Union[str, Mapping[str, str], None]

class EmbargoError(Exception):
    """A list, store or batch that could not be read or screened."""

class Match:
    """One screening result: the entity, its score and why it matched."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def matched_name(self) -> str: ...
    @property
    def schema(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def programs(self) -> List[str]: ...
    @property
    def explanation(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]:
        """The result as ``embargo screen --json`` prints it."""

class RowResult:
    """One row of ``screen_many``, in input order."""

    @property
    def row(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def ref(self) -> Optional[str]: ...
    @property
    def query(self) -> Optional[str]: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def matches(self) -> List[Match]: ...
    def records(self, all: bool = False) -> List[Dict[str, Any]]:
        """The row's records as ``embargo screen --input`` writes them."""

class Mention:
    """A mention of a listed entity found in a text."""

    @property
    def text(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def result(self) -> Match: ...

class ScreenMany(Iterator[RowResult]):
    """The iterator ``Screener.screen_many`` returns."""

    def __iter__(self) -> "ScreenMany": ...
    def __next__(self) -> RowResult: ...

class Screener:
    """A set of lists indexed for screening."""

    @staticmethod
    def open(store_path: Union[str, "PathLike[str]"]) -> "Screener":
        """The active lists of an embargo store."""
    @staticmethod
    def from_files(paths: Sequence[Union[str, "PathLike[str]"]]) -> "Screener":
        """Lists read directly from files (format from content)."""
    @staticmethod
    def demo() -> "Screener":
        """The bundled 8-entity demo list."""
    @property
    def lists(self) -> List[Dict[str, str]]: ...
    def __len__(self) -> int: ...
    def screen(
        self,
        name: str,
        *,
        type: Optional[str] = None,
        dob: Optional[str] = None,
        country: _Texts = None,
        ids: _Texts = None,
        threshold: Optional[float] = None,
        limit: Optional[int] = None,
        gender: Optional[str] = None,
        addresses: _Texts = None,
    ) -> List[Match]:
        """Screens one name, best result first."""
    def screen_many(
        self,
        rows: Iterable[Mapping[str, Any]],
        *,
        jobs: Optional[int] = None,
        threshold: Optional[float] = None,
        limit: Optional[int] = None,
        type: Optional[str] = None,
        columns: _Columns = None,
        first_row: int = 1,
        row_key: Optional[str] = None,
    ) -> ScreenMany:
        """Screens dicts in parallel, one RowResult per row in input order.

        Rows are numbered from ``first_row``, or each by the integer under
        its key ``row_key`` (that key is not screened)."""
    def screen_frame(
        self,
        frame: Any,
        *,
        columns: _Columns = None,
        all: bool = False,
        jobs: Optional[int] = None,
        threshold: Optional[float] = None,
        limit: Optional[int] = None,
        type: Optional[str] = None,
    ) -> Any:
        """Screens a pandas DataFrame into a DataFrame of OUTPUT_COLUMNS."""
    def scan(self, text: str, *, threshold: Optional[float] = None) -> List[Mention]:
        """Mentions of listed entities, wallets and identifiers in text."""
