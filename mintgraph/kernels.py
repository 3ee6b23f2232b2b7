"""Compiled loops (numba) for six hot spots, with numpy's results bit for bit.

**Layouts.** The district pages of a large landscape spend most of their layout time in one sum: each node's
repulsion from the step's anchors (:func:`mintgraph.layout._sampled_force_layout_ties`). In
numpy it is eleven passes over a block of node × anchor pairs; :func:`repulsion` does the same
floating-point operations in the same order in one compiled loop (about 6.5 times faster) and
adds each node's terms the way numpy's ``sum`` does (:func:`pairwise_sums`: numpy's pairwise
summation, blocks of 128 with eight partial sums, the x and y sums side by side), so the
positions are identical bit for bit (``tests/test_layout_kernels.py``) and a page is the same
with or without numba. The rest of each step (the attraction along the ties, gravity, the
move) is :func:`attraction_and_step`: two loops instead of about twenty numpy calls, again in
numpy's order. Compiled code is kept in numba's cache (next to this file, or in the user's
cache folder), so only the first run on a machine compiles it (about a second).

**Null models of the boundary E-I index.** Each network's 999 random member sets of each null
model (:func:`mintgraph.metrics.cohesion._boundary_samples`) are counted by :func:`set_ties` in
one loop instead of about ten numpy calls per set; the counts are integers, so the indices are
the same.

**The district E-I permutation test.** Each network's 999 permutations of its members' district
labels (:func:`mintgraph.metrics.cohesion._district_ei_p`) are drawn and compared tie by tie by
:func:`permuted_crossing_ties`: numpy's Fisher–Yates shuffle with numpy's draws from the same
generator (numba's copy of numpy's ``random_interval``), so the same permutations, and integer
counts, so the same *p*, without the permuted rows in memory (about 40 % faster than
``Generator.permuted`` and :func:`crossing_ties`, which count where numba lacks that copy).

**The stratified permutations of the members' comparisons.** Each shuffling of membership within
the matching strata (:func:`mintgraph.metrics.effects._permuted`) picks, in every stratum, the
actors with the smallest random keys: :func:`smallest_in_blocks` selects them (a partition and
a scan) instead of sorting every row, the same actors, equal keys included.

**The breadth-first searches of closeness.** Each batch of 1,024 sources of the bit-parallel
search (:func:`mintgraph.engine.distance_sums`) runs level by level in :func:`distance_batch`:
the same OR of the neighbours' frontier words, the same counts (a 64-bit population count) and
the same floating-point additions per node in the same order as numpy's calls, so closeness
and harmonic closeness are the same bit for bit (about six times faster at 100,000 actors).

The loops release the interpreter lock (``nogil``), so the threads that compute the networks'
rows run them side by side.

mintgraph imports this module only where the work pays for loading it
(:func:`mintgraph.jit.compiled`), and computes with numpy where numba is not installed.

Example
-------
>>> import numpy as np
>>> a = np.arange(250, dtype=float) / 7
>>> bool(pairwise_sum(a, 0, len(a)) == a.sum())
True
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = [
    "MAX_TERMS",
    "SHUFFLES",
    "attraction_and_step",
    "crossing_ties",
    "distance_batch",
    "kth_smallest",
    "pairwise_sum",
    "pairwise_sums",
    "permuted_crossing_ties",
    "repulsion",
    "set_ties",
    "smallest_in_blocks",
]

_BLOCK = 128  # numpy's PW_BLOCKSIZE


MAX_TERMS = 2 * _BLOCK
"""The most terms :func:`pairwise_sum` adds (numpy splits a longer row more than twice: not
written here), so :func:`repulsion` takes at most this many anchors."""


@numba.njit(cache=True, inline="always")
def _block_sums(a: np.ndarray, b: np.ndarray, start: int, n: int) -> tuple[float, float]:
    """numpy's sums of up to 128 contiguous doubles of ``a`` and of ``b``: eight partial sums
    each, then the rest. The two rows' additions are interleaved (each partial sum gets its
    terms in numpy's order), so the processor overlaps them: the repulsion about 30 % faster
    than with one row after the other. Inlined by numba (``inline="always"``) into the
    caller: called as a separate compiled function, the gain is lost."""
    if n < 8:
        total_a = total_b = 0.0
        for i in range(n):
            total_a += a[start + i]
            total_b += b[start + i]
        return total_a, total_b
    a0, a1, a2, a3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    a4, a5, a6, a7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    b0, b1, b2, b3 = b[start], b[start + 1], b[start + 2], b[start + 3]
    b4, b5, b6, b7 = b[start + 4], b[start + 5], b[start + 6], b[start + 7]
    end = n - n % 8
    i = 8
    while i < end:
        at = start + i
        a0 += a[at]
        a1 += a[at + 1]
        a2 += a[at + 2]
        a3 += a[at + 3]
        a4 += a[at + 4]
        a5 += a[at + 5]
        a6 += a[at + 6]
        a7 += a[at + 7]
        b0 += b[at]
        b1 += b[at + 1]
        b2 += b[at + 2]
        b3 += b[at + 3]
        b4 += b[at + 4]
        b5 += b[at + 5]
        b6 += b[at + 6]
        b7 += b[at + 7]
        i += 8
    total_a = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
    total_b = ((b0 + b1) + (b2 + b3)) + ((b4 + b5) + (b6 + b7))
    while i < n:
        total_a += a[start + i]
        total_b += b[start + i]
        i += 1
    return total_a, total_b


@numba.njit(cache=True, inline="always")
def _split_sums(a: np.ndarray, b: np.ndarray, start: int, n: int) -> tuple[float, float]:
    """numpy's sums of up to 270 values: more than 128 are split once, into two blocks."""
    if n <= _BLOCK:
        return _block_sums(a, b, start, n)
    half = n // 2
    half -= half % 8
    first_a, first_b = _block_sums(a, b, start, half)
    second_a, second_b = _block_sums(a, b, start + half, n - half)
    return first_a + second_a, first_b + second_b


@numba.njit(cache=True, inline="always")
def pairwise_sums(a: np.ndarray, b: np.ndarray, start: int, n: int) -> tuple[float, float]:
    """``a[start:start + n].sum()`` and ``b[start:start + n].sum()`` for ``n`` ≤
    :data:`MAX_TERMS` as numpy adds a contiguous row of doubles (pairwise: a row of more than
    128 split in two, each part again if it is still longer, down to blocks added with eight
    partial sums), so the results are the same bit for bit. Written out for two levels of
    splitting (numba's cache does not take recursive functions)."""
    # numpy adds the row to the sum's identity, 0.0: a row of -0.0 sums to 0.0
    if n <= _BLOCK:
        total_a, total_b = _block_sums(a, b, start, n)
        return 0.0 + total_a, 0.0 + total_b
    half = n // 2
    half -= half % 8
    first_a, first_b = _split_sums(a, b, start, half)
    second_a, second_b = _split_sums(a, b, start + half, n - half)
    return 0.0 + (first_a + second_a), 0.0 + (first_b + second_b)


@numba.njit(cache=True)
def pairwise_sum(a: np.ndarray, start: int, n: int) -> float:
    """``a[start:start + n].sum()`` for ``n`` ≤ :data:`MAX_TERMS` as numpy adds it
    (:func:`pairwise_sums` of one row)."""
    return pairwise_sums(a, a, start, n)[0]


@numba.njit(cache=True)
def repulsion(
    x: np.ndarray,
    y: np.ndarray,
    mass: np.ndarray,
    xp: np.ndarray,
    yp: np.ndarray,
    mp: np.ndarray,
    scale: float,
    fx: np.ndarray,
    fy: np.ndarray,
) -> None:
    """Each node's repulsion from the anchors ``(xp, yp)`` of masses ``mp``, into ``fx, fy``:
    the sum over anchors *j* of ``d · (m_i · m_j · scale) / max(|d|², 0.01)``, ``d`` = node −
    anchor — the operations of the numpy version in its order (a NaN distance stays NaN). At
    most :data:`MAX_TERMS` anchors."""
    k = xp.shape[0]
    terms_x = np.empty(k)
    terms_y = np.empty(k)
    for i in range(x.shape[0]):
        xi, yi, mi = x[i], y[i], mass[i]
        for j in range(k):
            dx = xi - xp[j]
            dy = yi - yp[j]
            d2 = dx * dx
            d2 += dy * dy
            if d2 < 0.01:
                d2 = 0.01
            factor = mi * mp[j]
            factor *= scale
            factor /= d2
            terms_x[j] = dx * factor
            terms_y[j] = dy * factor
        fx[i], fy[i] = pairwise_sums(terms_x, terms_y, 0, k)


@numba.njit(cache=True)
def attraction_and_step(
    x: np.ndarray,
    y: np.ndarray,
    fx: np.ndarray,
    fy: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    mass: np.ndarray,
    temperature: float,
) -> None:
    """The rest of a sampled layout step after the repulsion, in place: the attraction along the
    ties ``(rows[k], cols[k])`` (each node's ``x[row] − x[col]`` added in the ties' order, as
    ``numpy.bincount`` adds them), then gravity and the step of at most ``temperature``
    (:func:`mintgraph.layout._gravity_and_step`) — the operations of the numpy version in its
    order, in two loops instead of about twenty numpy calls."""
    n = x.shape[0]
    pull_x = np.zeros(n)
    pull_y = np.zeros(n)
    for k in range(rows.shape[0]):
        a, b = rows[k], cols[k]
        pull_x[a] += x[a] - x[b]
        pull_y[a] += y[a] - y[b]
    for i in range(n):
        xi, yi, mi = x[i], y[i], mass[i]
        fxi = fx[i] - pull_x[i]
        fyi = fy[i] - pull_y[i]
        r = np.sqrt(xi * xi + yi * yi) + 1e-9
        fxi -= mi * xi / r
        fyi -= mi * yi / r
        length = np.sqrt(fxi * fxi + fyi * fyi) + 1e-9
        move = length / mi
        if move > temperature:  # numpy's minimum: a NaN stays NaN
            move = temperature
        move /= length
        fx[i], fy[i] = fxi, fyi
        x[i] = xi + fxi * move
        y[i] = yi + fyi * move


@numba.njit(cache=True, nogil=True)
def set_ties(
    indptr: np.ndarray,
    indices: np.ndarray,
    degree: np.ndarray,
    chosen: np.ndarray,
    marked: np.ndarray,
    total: np.ndarray,
    internal: np.ndarray,
) -> None:
    """For each row of ``chosen`` (a set of node positions): its degree sum into ``total`` and the
    ties between two of its nodes into ``internal``, counted over the forward adjacency
    ``indptr``/``indices`` (each tie stored once, at its smaller end). ``marked`` is all False
    and left so. Integer counts: the same as numpy's in
    :func:`mintgraph.metrics.cohesion._boundary_samples`."""
    for r in range(chosen.shape[0]):
        row = chosen[r]
        degrees = 0
        for c in row:
            degrees += degree[c]
            marked[c] = True
        inside = 0
        for c in row:
            for e in range(indptr[c], indptr[c + 1]):
                if marked[indices[e]]:
                    inside += 1
        for c in row:
            marked[c] = False
        total[r] = degrees
        internal[r] = inside


try:  # numba's copy of numpy's random_interval (numpy's shuffles draw each swap with it)
    from numba.np.random.random_methods import random_interval as _random_interval
except ImportError:  # a numba without it: the permutations are drawn by numpy
    SHUFFLES = False
else:
    SHUFFLES = True
"""Whether :func:`permuted_crossing_ties` is available (it draws with numba's copy of numpy's
``random_interval``, a numba module that is not public API)."""


@numba.njit(cache=True, nogil=True)
def permuted_crossing_ties(
    rng: np.random.Generator, labels: np.ndarray, u: np.ndarray, v: np.ndarray, out: np.ndarray
) -> None:
    """For each entry of ``out``: shuffle ``labels`` as ``rng.permuted`` shuffles a row (the
    same draws from the same generator, whose state moves on as numpy's would) and count the ties
    ``(u[e], v[e])`` whose two ends have different labels — ``numpy.count_nonzero(row[u] !=
    row[v])`` of each row of ``rng.permuted(numpy.tile(labels, (len(out), 1)), axis=1)``,
    without the rows in memory."""
    bitgen = rng.bit_generator
    n = labels.shape[0]
    row = np.empty((1, n), dtype=labels.dtype)
    for r in range(out.shape[0]):
        row[0] = labels  # each row a shuffle of the labels, as each row of numpy's tile
        for i in range(n - 1, 0, -1):  # Fisher-Yates from the end, as numpy's _shuffle_raw
            j = np.int64(_random_interval(bitgen, np.uint64(i)))
            row[0, i], row[0, j] = row[0, j], row[0, i]
        crossing_ties(row, u, v, out[r : r + 1])


@numba.njit(cache=True, nogil=True)
def crossing_ties(labels: np.ndarray, u: np.ndarray, v: np.ndarray, out: np.ndarray) -> None:
    """For each row of ``labels`` (a label per node): into ``out``, the number of ties ``(u[e],
    v[e])`` whose two ends have different labels — ``numpy.count_nonzero(labels[:, u] !=
    labels[:, v], axis=1)`` without the two gathered copies."""
    for r in range(labels.shape[0]):
        row = labels[r]
        count = 0
        for e in range(u.shape[0]):
            if row[u[e]] != row[v[e]]:
                count += 1
        out[r] = count


@numba.njit(cache=True, nogil=True)
def kth_smallest(values: np.ndarray, n: int, k: int) -> float:
    """The value at position ``k`` (from 0) of the first ``n`` of ``values`` sorted:
    ``numpy.partition(values[:n], k)[k]``, found by Hoare's selection (median-of-three pivots)
    in place — the first ``n`` values are reordered — instead of in a new copy."""
    low, high = 0, n - 1
    while low < high:
        a, b, c = values[low], values[(low + high) // 2], values[high]
        pivot = max(min(a, b), min(max(a, b), c))  # the median of the three
        i, j = low, high
        while i <= j:
            while values[i] < pivot:
                i += 1
            while values[j] > pivot:
                j -= 1
            if i <= j:
                values[i], values[j] = values[j], values[i]
                i += 1
                j -= 1
        if k <= j:
            high = j
        elif k >= i:
            low = i
        else:  # between the two parts: every value there equals the pivot
            return values[k]
    return values[k]


@numba.njit(cache=True, nogil=True)
def smallest_in_blocks(
    keys: np.ndarray, starts: np.ndarray, sizes: np.ndarray, take: np.ndarray, chosen: np.ndarray
) -> None:
    """For each row of ``keys`` and each block *b* of it (the ``sizes[b]`` positions from
    ``starts[b]``): mark in ``chosen`` (all False before) the ``take[b]`` positions of the smallest
    keys, equal keys in position order — the positions that the first ``take[b]`` slots of the
    block hold after a stable ``argsort`` of a row whose blocks stay in place when sorted."""
    spare = np.empty(sizes.max() if sizes.shape[0] else 0, dtype=keys.dtype)  # one copy for every block
    for r in range(keys.shape[0]):
        row = keys[r]
        out = chosen[r]
        for b in range(starts.shape[0]):
            start, size, k = starts[b], sizes[b], take[b]
            if k <= 0:
                continue
            block = row[start : start + size]
            spare[:size] = block
            threshold = kth_smallest(spare, size, k - 1)  # the k-th smallest key
            left = k
            for i in range(size):
                if block[i] < threshold:
                    out[start + i] = True
                    left -= 1
            for i in range(size):  # keys equal to it: the first ones in position order
                if left == 0:
                    break
                if block[i] == threshold:
                    out[start + i] = True
                    left -= 1


@numba.njit(cache=True, nogil=True, inline="always")
def _popcount(x: np.uint64) -> np.int64:
    """The number of set bits of a 64-bit word (the SWAR sum of bit pairs, nibbles and bytes)."""
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return np.int64((x * np.uint64(0x0101010101010101)) >> np.uint64(56))


@numba.njit(cache=True, nogil=True)
def distance_batch(
    indptr: np.ndarray,
    indices: np.ndarray,
    batch: np.ndarray,
    d_sum: np.ndarray,
    r_sum: np.ndarray,
    i_sum: np.ndarray,
) -> None:
    """One batch of the bit-parallel breadth-first search of
    :func:`mintgraph.engine.distance_sums`: from the nodes ``batch`` of the graph ``indptr`` /
    ``indices`` (CSR, every row non-empty), add to each node's ``d_sum``, ``r_sum`` and ``i_sum``
    the level × count, the count and the count / level of the sources first reaching it at each
    level, level after level: the same floating-point additions in the same order as numpy's
    loop there, so the sums are the same bit for bit."""
    size = indptr.shape[0] - 1
    words = (batch.shape[0] + 63) // 64
    visited = np.zeros((size, words), dtype=np.uint64)
    frontier = np.zeros((size, words), dtype=np.uint64)
    reached = np.zeros((size, words), dtype=np.uint64)
    count = np.zeros(size, dtype=np.int64)
    for b in range(batch.shape[0]):
        visited[batch[b], b // 64] |= np.uint64(1) << np.uint64(b % 64)
    frontier[:, :] = visited
    acc = np.zeros(words, dtype=np.uint64)
    level = 0
    while True:
        level += 1
        any_reached = False
        for v in range(size):
            acc[:] = 0
            for e in range(indptr[v], indptr[v + 1]):
                u = indices[e]
                for w in range(words):
                    acc[w] |= frontier[u, w]
            c = np.int64(0)
            for w in range(words):
                new = acc[w] & ~visited[v, w]
                reached[v, w] = new
                c += _popcount(new)
            count[v] = c
            if c:
                any_reached = True
        if not any_reached:
            break
        for v in range(size):
            c = count[v]
            d_sum[v] += level * c
            r_sum[v] += c
            i_sum[v] += c / level
            for w in range(words):
                visited[v, w] |= reached[v, w]
        frontier, reached = reached, frontier
