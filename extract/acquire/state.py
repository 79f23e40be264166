"""What the warehouse already knows about each source, loaded once per run.

Decides before any download or text processing: which spelling a source was
first stored under (its canonical key decides), and which HTTP validators to
send so that a current page costs a 304.
"""

from __future__ import annotations

from warehouse.sources import SourceState, raw_page_keys, source_states
from warehouse.store import StoredDocument, Warehouse

from .download import Validators
from .identity import canonical_key


class KnownSources:
    def __init__(self, states: list[SourceState], stored: dict[str, StoredDocument], raw_keys: set[str]):
        self._states = {state.source_key: state for state in states}
        key_of_source = {state.source: state.source_key for state in states}
        self._locators: dict[str, str] = {}
        for source in stored:
            # the key recorded when it was stored; for older warehouses, computed now
            self._locators[key_of_source.get(source) or canonical_key(source)] = source
        for state in states:
            self._locators.setdefault(state.source_key, state.source)
        self._stored = stored
        self._raw_keys = raw_keys

    @classmethod
    def load(cls, warehouse: Warehouse, stored: dict[str, StoredDocument]) -> "KnownSources":
        return cls(source_states(warehouse), stored, raw_page_keys(warehouse))

    def locator_for(self, key: str, typed: str) -> str:
        """The spelling the source was first stored under, else what was typed now."""
        return self._locators.get(key, typed)

    def state(self, key: str) -> SourceState | None:
        return self._states.get(key)

    def validators(self, key: str) -> Validators | None:
        """ETag / Last-Modified to send, only when a 304 can be answered from what is stored."""
        state = self._states.get(key)
        if state is None or not (state.etag or state.last_modified):
            return None
        if key not in self._raw_keys or self._locators.get(key) not in self._stored:
            return None
        return Validators(state.etag, state.last_modified)
