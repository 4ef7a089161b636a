"""Double coding (the legal-epidemiology method): a seeded sample of facts, coded twice, compared.

`make qc` reads the first coding (the overlays as they were when the sample was coded, kept in
research/qc/coding-1.yml), the blind second coding (research/qc/coding-2/*.yml) and the
resolutions, and prints agreement per category.
"""
from __future__ import annotations

import random

from . import schema

SEED = 20261130
SHARE = 0.2
COUNTED = [s.path for s in schema.SLOTS if s.counted]


def draw_sample(codes: list[str], seed: int = SEED, share: float = SHARE) -> list[tuple[str, str]]:
    """A seeded random share of (jurisdiction, topic) cells, spread evenly across topics.

    Each topic gets the same number of cells (the remainder goes to topics in a seeded order), so
    every category is coded twice. The result depends only on the codes, the topics and the seed.
    """
    codes = sorted(codes)
    rng = random.Random(seed)
    total = round(share * len(codes) * len(COUNTED))
    base, extra = divmod(total, len(COUNTED))
    order = COUNTED[:]
    rng.shuffle(order)
    sample = []
    for i, slot in enumerate(order):
        sample += [(code, slot) for code in rng.sample(codes, base + (1 if i < extra else 0))]
    return sorted(sample, key=lambda cell: (cell[0], COUNTED.index(cell[1])))
