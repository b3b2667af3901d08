"""Mixins: :class:`Serializable` (checked ``state_dict`` loading) and :class:`ResettableHandler`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ignite.engine import Engine

__all__ = ["ResettableHandler", "Serializable"]


class Serializable:
    """Mixin for objects that save and restore their state with ``state_dict``/``load_state_dict``.

    Subclasses list the keys a state dict must hold in ``_state_dict_all_req_keys`` and groups of
    mutually exclusive keys, of which exactly one must be present, in ``_state_dict_one_of_opt_keys``.
    """

    _state_dict_all_req_keys: tuple[str, ...] = ()
    _state_dict_one_of_opt_keys: tuple[tuple[str, ...], ...] = ()

    def state_dict(self) -> OrderedDict[str, Any]:
        """Return the object's state. Subclasses must override this."""
        raise NotImplementedError(f"{type(self).__name__} must implement state_dict()")

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Check that ``state_dict`` holds the required keys; subclasses then restore their state.

        Raises ``TypeError`` for a non-mapping and ``ValueError`` for a missing required key, for a group
        of which not exactly one key is present, or for an empty group in ``_state_dict_one_of_opt_keys``.
        """
        if not isinstance(state_dict, Mapping):
            raise TypeError(
                f"Argument state_dict should be a mapping (e.g. a dict returned by state_dict()), "
                f"but given {type(state_dict).__name__}"
            )
        missing = [key for key in self._state_dict_all_req_keys if key not in state_dict]
        if missing:
            raise ValueError(
                f"Required state attribute(s) {missing} absent in the provided state_dict "
                f"(keys: {list(state_dict.keys())}); pass a state dict produced by "
                f"{type(self).__name__}.state_dict()"
            )
        for group in self._state_dict_one_of_opt_keys:
            if not group:
                raise ValueError(
                    f"Empty group found in {type(self).__name__}._state_dict_one_of_opt_keys: each group must "
                    "name at least one state attribute key"
                )
            present = [key for key in group if key in state_dict]
            if len(present) != 1:
                raise ValueError(
                    f"state_dict should contain exactly one of the keys {list(group)}, but its keys are "
                    f"{list(state_dict.keys())}"
                )


class ResettableHandler(ABC):
    """Interface for handlers whose internal state can be reset, e.g. at the start of each run."""

    @abstractmethod
    def reset(self) -> None:
        """Reset the handler's internal state."""

    @abstractmethod
    def attach(self, engine: Engine, *args: Any, **kwargs: Any) -> None:
        """Attach the handler to ``engine``."""
