"""Near-duplicates through an index of simhash bands: the same originals as comparing with every stored hash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.acquire.identity import NEAR_DUPLICATE_SIMILARITY, NearDuplicates


def nearest_by_comparing_all(stored: dict[str, int], doc_id: str, value: int) -> str | None:
    """The specification: the stored hash fewest bits away within the threshold, the first stored on a tie."""
    best, best_distance = None, int(64 * (1 - NEAR_DUPLICATE_SIMILARITY)) + 1
    for other_id, other in stored.items():
        distance = (value ^ other).bit_count()
        if other_id != doc_id and distance < best_distance:
            best, best_distance = other_id, distance
    return best


bases = st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=4)
# (doc id, base index, bits to flip, replaces a stored document?)
steps = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3), st.sets(st.integers(0, 63), max_size=9), st.booleans()),
                 max_size=60)


@settings(max_examples=150, deadline=None)
@given(bases, steps)
def test_the_band_index_finds_what_comparing_every_hash_finds(bases, steps):
    near, stored = NearDuplicates(), {}
    for number, base_index, bits, replaces in steps:
        value = bases[base_index % len(bases)]
        for bit in bits:
            value ^= 1 << bit
        doc_id = f"doc{number}"
        replaced = doc_id if replaces else None
        if replaced is not None:
            stored.pop(replaced, None)
        expected = nearest_by_comparing_all(stored, doc_id, value)
        document = {"doc_id": doc_id, "simhash": f"{value:016x}"}
        near.mark(document, replaces=replaced)
        assert document["near_duplicate_of"] == expected
        if expected is None:
            stored[doc_id] = value


def test_a_republished_story_names_its_original_among_thousands():
    near = NearDuplicates({f"doc{i}": f"{(i * 0x9E3779B97F4A7C15) % 2**64:016x}" for i in range(5000)})
    original = (1234 * 0x9E3779B97F4A7C15) % 2**64
    copy = {"doc_id": "copy", "simhash": f"{original ^ 0b1010001:016x}"}  # three words changed: three bits
    near.mark(copy)
    assert copy["near_duplicate_of"] == "doc1234"


def test_six_differing_bits_anywhere_are_found_and_seven_are_not():
    """The threshold's edge, with the changed bits spread every which way over the 64 (2,000 draws each)."""
    import random

    draws = random.Random(14)
    original = 0x0123456789ABCDEF
    for bits, found in ((6, "original"), (7, None)):
        for _ in range(2000):
            near = NearDuplicates({"original": f"{original:016x}"})
            value = original
            for bit in draws.sample(range(64), bits):
                value ^= 1 << bit
            copy = {"doc_id": "copy", "simhash": f"{value:016x}"}
            near.mark(copy)
            assert copy["near_duplicate_of"] == found, f"{bits} bits: {value ^ original:064b}"
