"""Pairing the elements of two versions: by id, else by position and text.

Every step is a dictionary lookup or a comparison with a few neighbours, so matching stays
linear in the number of elements: exact evidence first (the id, the whole content, the
element's own words), then a similarity score against at most `WINDOW` elements either side,
within a bounded number of comparisons per list.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from cjm.diff.elements import Slot, element_id, fingerprint, own_words, value, value_fields
from cjm.model import Element

WINDOW = 3  # neighbours either side that a lightly edited element is looked for among
SIMILAR = 0.5  # score from which two elements are one element edited
MAX_COMPARISONS = 20_000  # similarity scores per list: beyond, unmatched elements stay added/removed
TEXT_PREFIX = 100  # characters of the own words that similarity reads


@dataclass(eq=False, slots=True)
class Pair:
    """An element in the old version and the new one; None on the side it is missing from."""

    old: Slot | None
    new: Slot | None


def match(old: list[Slot], new: list[Slot], counterpart: dict[int, Slot]) -> list[Pair]:
    """Pairs for every slot of both lists. `counterpart` maps id(old parent) to the new parent
    it is paired with; elements are first looked for under their parent's counterpart."""
    pairs, old, new = _match_ids(old, new)
    in_place, old, new = _match_under_parents(old, new, counterpart, (fingerprint, own_words))
    pairs += in_place
    for key in (fingerprint, own_words):  # moved to another parent, unchanged or with its words kept
        found, old, new = match_on(old, new, key)
        pairs += found
    similar, old, new = _match_under_parents(old, new, counterpart, (), similar=True)
    pairs += similar
    return pairs + [Pair(slot, None) for slot in old] + [Pair(None, slot) for slot in new]


def _match_ids(old: list[Slot], new: list[Slot]) -> tuple[list[Pair], list[Slot], list[Slot]]:
    """Ids are unique across the whole map, so an id finds its element anywhere."""
    by_id = {ident: slot for slot in new if (ident := element_id(slot.element)) is not None}
    pairs, rest = [], []
    for slot in old:
        ident = element_id(slot.element)
        found = by_id.pop(ident, None) if ident is not None else None
        if found is not None:
            pairs.append(Pair(slot, found))
        else:
            rest.append(slot)
    paired = {id(pair.new) for pair in pairs}
    return pairs, rest, [slot for slot in new if id(slot) not in paired]


def match_on(
    old: list[Slot], new: list[Slot], key: Callable[[Element], Hashable]
) -> tuple[list[Pair], list[Slot], list[Slot]]:
    """Pair slots whose elements have the same key, in order; the rest of each side."""
    waiting: dict[Hashable, deque[Slot]] = defaultdict(deque)
    for slot in old:
        waiting[key(slot.element)].append(slot)
    pairs, rest_new = [], []
    for slot in new:
        queue = waiting.get(key(slot.element))
        if queue:
            pairs.append(Pair(queue.popleft(), slot))
        else:
            rest_new.append(slot)
    paired = {id(pair.old) for pair in pairs}
    return pairs, [slot for slot in old if id(slot) not in paired], rest_new


def _match_under_parents(
    old: list[Slot],
    new: list[Slot],
    counterpart: dict[int, Slot],
    keys: Iterable[Callable[[Element], Hashable]],
    similar: bool = False,
) -> tuple[list[Pair], list[Slot], list[Slot]]:
    """Match within each parent and its counterpart only (a stage with the same stage)."""
    new_by_parent: dict[int, list[Slot]] = defaultdict(list)
    for slot in new:
        new_by_parent[id(slot.parent)].append(slot)
    old_by_parent: dict[int, list[Slot]] = defaultdict(list)
    for slot in old:
        partner = counterpart.get(id(slot.parent))
        if partner is not None:
            old_by_parent[id(partner)].append(slot)
    pairs: list[Pair] = []
    for parent, olds in old_by_parent.items():
        news = new_by_parent.get(parent, [])
        for key in keys:
            found, olds, news = match_on(olds, news, key)
            pairs += found
        if similar:
            pairs += match_similar(olds, news)
    paired = {id(slot) for pair in pairs for slot in (pair.old, pair.new)}
    return pairs, [s for s in old if id(s) not in paired], [s for s in new if id(s) not in paired]


def match_similar(old: list[Slot], new: list[Slot]) -> list[Pair]:
    """A lightly edited element at about the same place: the best score among the WINDOW
    unmatched neighbours either side, if it reaches SIMILAR."""
    free = list(range(len(old)))  # positions in `old` still unmatched, in order
    budget = MAX_COMPARISONS
    pairs = []
    for rank, slot in enumerate(new):
        start = max(0, bisect_left(free, rank - WINDOW))
        candidates = free[start : start + 2 * WINDOW + 1]
        budget -= len(candidates)
        if budget < 0:
            break
        scored = [(similarity(old[index], slot), -abs(index - rank), index) for index in candidates]
        best = max(scored, default=None)
        if best is not None and best[0] >= SIMILAR:
            pairs.append(Pair(old[best[2]], slot))
            del free[bisect_left(free, best[2])]
    return pairs


def similarity(old: Slot, new: Slot) -> float:
    """Half the share of fields that are equal, half how alike the element's own words are."""
    names = value_fields(old.element)
    if type(old.element) is not type(new.element) or not names:
        return 0.0
    set_fields = [
        name for name in names if _written(value(old.element, name)) or _written(value(new.element, name))
    ]
    equal = sum(value(old.element, name) == value(new.element, name) for name in set_fields)
    fields_alike = equal / len(set_fields) if set_fields else 1.0
    needed = 2 * SIMILAR - fields_alike  # the text score below which the pair cannot reach SIMILAR
    matcher = SequenceMatcher(
        None, own_words(old.element)[:TEXT_PREFIX], own_words(new.element)[:TEXT_PREFIX], autojunk=False
    )
    if matcher.real_quick_ratio() < needed or matcher.quick_ratio() < needed:
        return fields_alike / 2
    return (fields_alike + matcher.ratio()) / 2


def _written(found: object) -> bool:
    return found is not None and found != "" and found != []


def out_of_order(pairs: list[Pair]) -> list[Pair]:
    """The fewest pairs that moved within one list: those outside the longest run of pairs
    whose old positions keep their order."""
    ordered = sorted(pairs, key=lambda pair: pair.new.index)  # type: ignore[union-attr]
    kept = longest_increasing([pair.old.index for pair in ordered])  # type: ignore[union-attr]
    return [pair for at, pair in enumerate(ordered) if at not in kept]


def longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of a longest increasing subsequence of `numbers`, in n log n (patience sorting)."""
    tails: list[int] = []  # tails[k]: the index ending the best run of length k + 1 so far
    tail_numbers: list[int] = []
    previous = [-1] * len(numbers)
    for at, number in enumerate(numbers):
        length = bisect_left(tail_numbers, number)
        if length:
            previous[at] = tails[length - 1]
        if length == len(tails):
            tails.append(at)
            tail_numbers.append(number)
        else:
            tails[length], tail_numbers[length] = at, number
    kept: set[int] = set()
    at = tails[-1] if tails else -1
    while at != -1:
        kept.add(at)
        at = previous[at]
    return kept
