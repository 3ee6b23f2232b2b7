"""The compiled repulsion (:mod:`mintgraph.kernels`, numba) is numpy's, bit for bit: its sums are
numpy's pairwise sums, its terms numpy's operations in numpy's order, so a sampled layout (and a
district page) is the same whichever a process uses, and without numba."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mintgraph
from mintgraph import engine, jit, kernels, layout


@pytest.mark.parametrize("n", range(kernels.MAX_TERMS + 1))
def test_pairwise_sum_is_numpys_sum(n: int) -> None:
    rng = np.random.default_rng(n)
    for values in (
        rng.standard_normal(n) * 10.0 ** rng.integers(-8, 9, n),  # magnitudes far apart: order matters
        np.full(n, -0.0),
        rng.random(n) - 0.5,
    ):
        row = np.ascontiguousarray(values)
        expected = row.sum()
        got = kernels.pairwise_sum(row, 0, n)
        assert np.float64(got).tobytes() == expected.tobytes(), (n, got, expected)
    shifted = np.concatenate([np.ones(5), row])
    assert np.float64(kernels.pairwise_sum(shifted, 5, n)).tobytes() == row.sum().tobytes()
    # two rows at once (their additions interleaved): each its own numpy sum
    other = np.ascontiguousarray(rng.standard_normal(n + 5) * 10.0 ** rng.integers(-8, 9, n + 5))
    got_a, got_b = kernels.pairwise_sums(shifted, other, 5, n)
    assert np.float64(got_a).tobytes() == row.sum().tobytes()
    assert np.float64(got_b).tobytes() == other[5:].sum().tobytes()


@pytest.mark.parametrize(("n", "k"), [(1, 1), (50, 7), (300, 128), (301, 129), (1000, 256), (129, 200)])
def test_repulsion_is_the_numpy_repulsion(n: int, k: int) -> None:
    rng = np.random.default_rng(n * 1000 + k)
    x, y = rng.standard_normal(n) * 50, rng.standard_normal(n) * 50
    mass = rng.integers(1, 30, n).astype(float)
    pick = rng.choice(n, size=min(k, n), replace=False)
    x[: n // 10] = x[pick[0]]  # some nodes on top of an anchor: the 0.01 floor of the distance
    y[: n // 10] = y[pick[0]]
    got_x, got_y, want_x, want_y = (np.empty(n) for _ in range(4))
    args = (x, y, mass, x[pick], y[pick], mass[pick], n / len(pick))
    kernels.repulsion(*args, got_x, got_y)
    layout._repulsion_numpy(*args, want_x, want_y)
    assert got_x.tobytes() == want_x.tobytes() and got_y.tobytes() == want_y.tobytes()


@pytest.mark.parametrize(("n", "ties"), [(1, 0), (2, 1), (40, 0), (300, 900), (2000, 5000)])
def test_attraction_and_step_is_the_numpy_step(n: int, ties: int) -> None:
    rng = np.random.default_rng(n + ties)
    a, b = rng.integers(0, n, ties), rng.integers(0, n, ties)  # self-loops and repeats included
    rows, cols = np.concatenate([a, b]), np.concatenate([b, a])
    mass = np.bincount(rows, minlength=n) + 1.0
    x, y = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n), rng.standard_normal(n) * 30
    x[: n // 7] = y[: n // 7] = 0.0  # at the origin: gravity's 1e-9 guard
    fx, fy = rng.standard_normal(n) * 10.0 ** rng.integers(-2, 5, n), rng.standard_normal(n)
    fx[n // 7 : n // 5] = 0.0  # no force at all: the step's guard
    for temperature in (0.5, 50.0, 1e9):  # the step bounded by the temperature for some, all, none
        got = [v.copy() for v in (x, y, fx, fy)]
        want = [v.copy() for v in (x, y, fx, fy)]
        kernels.attraction_and_step(*got, rows, cols, mass, temperature)
        layout._attraction_and_step_numpy(*want, rows, cols, mass, temperature)
        assert all(g.tobytes() == w.tobytes() for g, w in zip(got, want, strict=True))


def _sampled(monkeypatch: pytest.MonkeyPatch, after: int) -> np.ndarray:
    monkeypatch.setattr(layout, "COMPILED_AFTER_NODES", after)
    monkeypatch.setattr(layout, "_drawn_nodes", 0)
    rng = np.random.default_rng(3)
    n = 1500
    ring = np.arange(n)
    rows = np.concatenate([ring, (ring + 1) % n, rng.integers(0, n, 2000)])
    cols = np.concatenate([(ring + 1) % n, ring, rng.integers(0, n, 2000)])
    mass = np.bincount(rows, minlength=n) + 1.0
    return layout._sampled_force_layout_ties(n, rows, cols, mass, seed=11)


def test_a_sampled_layout_is_the_same_compiled_and_in_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jit, "_COMPILED", None)
    compiled = _sampled(monkeypatch, after=0)
    assert jit._COMPILED is kernels  # the compiled repulsion was used
    plain = _sampled(monkeypatch, after=10**9)
    assert compiled.tobytes() == plain.tobytes()


def test_without_numba_the_numpy_repulsion_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jit, "_COMPILED", None)
    monkeypatch.setitem(sys.modules, "mintgraph.kernels", None)  # import fails as without numba
    monkeypatch.delattr(mintgraph, "kernels")
    without = _sampled(monkeypatch, after=0)
    assert jit._COMPILED is False and jit.compiled() is None
    monkeypatch.undo()
    monkeypatch.setattr(jit, "_COMPILED", None)
    assert without.tobytes() == _sampled(monkeypatch, after=0).tobytes()
    assert jit._COMPILED is kernels


@pytest.mark.parametrize(("null", "k"), [("regional", 40), ("statewide", 1), ("statewide", 200)])
def test_boundary_null_sets_are_counted_the_same_compiled(
    monkeypatch: pytest.MonkeyPatch, null: str, k: int
) -> None:
    """The null models' E-I indices of random member sets: the compiled count (many sets) and
    numpy's (few) give the same samples, bit for bit."""
    import networkx as nx

    from mintgraph.metrics import cohesion
    from mintgraph.testing import tiny_dataset

    graph = nx.gnm_random_graph(3000, 9000, seed=4)
    graph.add_nodes_from(range(3000, 3050))  # isolated actors: sets without ties happen
    dataset = tiny_dataset()
    arrays = cohesion._GraphArrays(nx.relabel_nodes(graph, str), dataset)
    rng = np.random.default_rng(9)
    mask = np.zeros(len(arrays.nodes), dtype=bool)
    mask[rng.choice(len(mask), 40, replace=False)] = True

    def samples(threshold: int) -> np.ndarray:
        monkeypatch.setattr(cohesion, "COMPILED_MIN_CELLS", threshold)
        if null == "regional":
            strata = [(np.arange(0, 1500), 25), (np.arange(1500, 3050), 15)]
            draws = cohesion._stratified_draws(strata, 7, 300)
        else:
            draws = cohesion._statewide_draws(len(mask), k, 7, 300)  # one actor: isolated now and then
        return cohesion._boundary_samples(arrays, draws, 0.5, 300)

    compiled, plain = samples(0), samples(10**12)
    assert np.isnan(plain).any() == (k == 1) and len(np.unique(plain)) > 1
    assert compiled.tobytes() == plain.tobytes()


@pytest.mark.parametrize(("districts", "dtype"), [(2, np.int16), (30, np.int16), (30, np.int32)])
def test_district_permutations_are_counted_the_same_compiled(
    monkeypatch: pytest.MonkeyPatch, districts: int, dtype: type
) -> None:
    """The district E-I permutation test: the compiled count of crossing ties (many
    comparisons) and numpy's (few) give the same samples, so the same p; int16 and int32 labels."""
    import networkx as nx

    from mintgraph.metrics import cohesion
    from mintgraph.testing import tiny_dataset

    graph = nx.relabel_nodes(nx.gnm_random_graph(3000, 9000, seed=5), str)
    arrays = cohesion._GraphArrays(graph, tiny_dataset())
    rng = np.random.default_rng(3)
    arrays.district = rng.integers(0, districts, len(arrays.nodes)).astype(dtype)
    mask = rng.random(len(arrays.nodes)) < 0.6
    seen: list[np.ndarray] = []
    monkeypatch.setattr(
        cohesion, "permutation_p", lambda observed, samples, alternative: seen.append(samples)
    )

    def samples(threshold: int) -> np.ndarray:
        monkeypatch.setattr(cohesion, "COMPILED_MIN_TIE_CELLS", threshold)
        cohesion._district_ei_p(arrays, mask, 0.5, 11, 300)
        return seen.pop()

    compiled, plain = samples(0), samples(10**12)
    assert len(np.unique(plain)) > 5  # the permutations differ
    assert compiled.tobytes() == plain.tobytes()
    kernels = jit.compiled()
    out = np.empty(1, dtype=np.int64)
    kernels.crossing_ties(
        np.array([[0, 1, 1, 0]], dtype=np.int16), np.array([0, 0, 1, 2]), np.array([1, 3, 2, 3]), out
    )
    assert out.tolist() == [2]  # 0-1 and 2-3 cross; 0-3 and 1-2 do not


@pytest.mark.parametrize("coupled", [False, True])
def test_stratified_shufflings_are_selected_the_same_compiled(
    monkeypatch: pytest.MonkeyPatch, coupled: bool
) -> None:
    """The members' comparisons: the compiled selection of each stratum's shuffled members (many
    actors) and numpy's stable sort (few) give the same difference, interval and p-value."""
    import scipy.sparse as sp

    from mintgraph.metrics import effects

    rng = np.random.default_rng(8)
    n = 2000
    strata = rng.integers(-1, 40, n)
    members = rng.random(n) < 0.3
    y = rng.poisson(3, n).astype(float)
    coupling = sp.random(n, n, density=0.001, random_state=2, format="csr") if coupled else None

    def run(threshold: int) -> dict[str, object]:
        monkeypatch.setattr(effects, "COMPILED_MIN_CELLS", threshold)
        return effects.stratified_difference(y, members, strata, seed=5, permutations=400, coupling=coupling)

    compiled, plain = run(0), run(10**12)
    assert plain["method"] == effects.METHOD_MONTE_CARLO and 0 < float(plain["p_value"]) < 1
    assert compiled == plain


def test_smallest_in_blocks_takes_equal_keys_in_position_order() -> None:
    """Equal keys (rare with random keys, but possible) are taken as a stable sort takes them."""
    keys = np.array([[0.5, 0.2, 0.2, 0.2, 1.7, 1.1, 1.1]])
    chosen = np.zeros(keys.shape, dtype=bool)
    starts, sizes, take = np.array([0, 4]), np.array([4, 3]), np.array([2, 1])
    kernels.smallest_in_blocks(keys, starts, sizes, take, chosen)
    assert np.flatnonzero(chosen[0]).tolist() == [1, 2, 5]
    stable = np.argsort(keys[0], kind="stable")
    assert sorted(stable[[0, 1, 4]].tolist()) == [1, 2, 5]


@pytest.mark.parametrize("word_batch", [1, 3, 16])
def test_breadth_first_distance_sums_are_the_same_compiled(
    monkeypatch: pytest.MonkeyPatch, word_batch: int
) -> None:
    """Closeness's distance sums: the compiled search (:func:`mintgraph.kernels.distance_batch`)
    and numpy's give the same three sums bit for bit — with isolated nodes, several components,
    batches of 64, 192 and 1,024 sources and a last batch that fills no word — and they are the
    sums over the sources' shortest-path lengths."""
    import networkx as nx

    graph = nx.disjoint_union_all(
        [nx.gnm_random_graph(1500, 3500, seed=2), nx.path_graph(40), nx.empty_graph(7), nx.star_graph(9)]
    )
    eg = engine.engine_graph(graph)
    sources = np.sort(np.random.default_rng(4).choice(eg.n, 1100, replace=False))
    monkeypatch.setattr(engine, "WORD_BATCH", word_batch)

    def sums(threshold: int) -> tuple[np.ndarray, ...]:
        monkeypatch.setattr(engine, "COMPILED_MIN_SEARCH_CELLS", threshold)
        return engine.distance_sums(eg, sources)

    compiled, plain = sums(0), sums(10**15)
    assert all(
        a.dtype == b.dtype and a.tobytes() == b.tobytes() for a, b in zip(compiled, plain, strict=True)
    )
    index = {v: i for i, v in enumerate(eg.nodes)}
    lengths = [nx.single_source_shortest_path_length(graph, eg.nodes[s]) for s in sources]
    for v in (0, 17, 1500, 1539, 1545, 1555):  # a few nodes of each kind, by hand from networkx
        d = [ls[v] for ls in lengths if v in ls and ls[v] > 0]
        i = index[v]
        assert (compiled[0][i], compiled[1][i]) == (sum(d), len(d))
        assert compiled[2][i] == pytest.approx(sum(1 / x for x in d), rel=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=60), st.data())
def test_kth_smallest_is_numpy_partition(values: list[int], data: st.DataObject) -> None:
    """The selection behind :func:`mintgraph.kernels.smallest_in_blocks`: the value
    ``numpy.partition`` puts at position *k*, for every *k*, many equal values included; only
    the first *n* values are looked at."""
    keys = np.array(values, dtype=float) / 4
    n = data.draw(st.integers(1, len(keys)))
    for k in range(n):
        work = keys.copy()
        assert kernels.kth_smallest(work, n, k) == np.partition(keys[:n], k)[k]
        assert sorted(work[:n]) == sorted(keys[:n]) and (work[n:] == keys[n:]).all()


@pytest.mark.parametrize("dtype", [np.int16, np.int32])
def test_permuted_crossing_ties_draws_numpys_permutations(dtype: type) -> None:
    """The fused loop shuffles as ``Generator.permuted`` does, row after row from the labels (not
    from the previous row), leaves the generator where numpy leaves it, and counts the crossing
    ties of each shuffle."""
    if not kernels.SHUFFLES:
        pytest.skip("this numba has no copy of numpy's random_interval")
    rng = np.random.default_rng(2)
    labels = rng.integers(0, 5, 300).astype(dtype)
    u, v = rng.integers(0, 300, 900), rng.integers(0, 300, 900)
    ours, theirs = np.random.default_rng(7), np.random.default_rng(7)
    counts = np.empty(40, dtype=np.int64)
    kernels.permuted_crossing_ties(ours, labels, u, v, counts)
    rows = theirs.permuted(np.tile(labels, (40, 1)), axis=1)
    assert counts.tolist() == np.count_nonzero(rows[:, u] != rows[:, v], axis=1).tolist()
    assert len(set(counts.tolist())) > 5 and ours.random() == theirs.random()
